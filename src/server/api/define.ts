import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { bearerToken, checkAdminToken } from '../auth.js';
import { sendCached } from '../http-cache.js';

type Schema = z.ZodType;
type Out<T> = T extends Schema ? z.output<T> : undefined;

/**
 * One API operation: its path, the schemas that validate its input, the schema of its answer, and the
 * handler. `mountApi` serves it; `openApiDocument` describes it from the same object.
 */
export interface ApiRoute<Q extends Schema | undefined = Schema | undefined, P extends Schema | undefined = Schema | undefined, B extends Schema | undefined = Schema | undefined> {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI-style path under /api/v1, e.g. `/stories/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  query?: Q;
  params?: P;
  body?: B;
  /** Schema of a successful answer; omitted for 204. */
  response?: Schema;
  status?: 200 | 201 | 204;
  /** Needs `Authorization: Bearer $SADA_ADMIN_TOKEN`. */
  admin?: boolean;
  /** Which rate limit bucket applies (all API routes have one). */
  limit?: 'api' | 'search';
  /** Failures the operation can answer beyond those every route, path parameter or admin check brings. */
  errors?: readonly ErrorCode[];
  handle(input: { query: Out<Q>; params: Out<P>; body: Out<B> }, c: Context): Promise<unknown>;
}

export function route<Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  spec: ApiRoute<Q, P, B>,
): ApiRoute {
  return spec as unknown as ApiRoute;
}

export interface MountOptions {
  adminToken: string;
  /** The store cannot be written (Store.readOnly): admin routes are refused before they reach it. */
  readOnly?: boolean;
  limits: { api: MiddlewareHandler; search: MiddlewareHandler };
}

export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** Registers every route on `app` under `prefix`, validating input with the route's schemas. */
export function mountApi(app: Hono, prefix: string, routes: readonly ApiRoute[], options: MountOptions): void {
  for (const r of routes) {
    const handler = async (c: Context) => {
      if (r.admin) checkAdminToken(options.adminToken, bearerToken(c.req.header('authorization')), { readOnly: options.readOnly ?? false });
      const input = {
        query: r.query ? parse(r.query, c.req.query(), 'query') : undefined,
        params: r.params ? parse(r.params, c.req.param(), 'path') : undefined,
        body: r.body ? parse(r.body, await readJson(c), 'body') : undefined,
      };
      const result = await r.handle(input as never, c);
      if (r.status === 204) return c.body(null, 204);
      return sendCached(c, JSON.stringify(result), 'application/json; charset=utf-8', r.status ?? 200);
    };
    app.on(r.method.toUpperCase(), `${prefix}${honoPath(r.path)}`, options.limits[r.limit ?? 'api'], handler);
  }
  // An address the API has, asked with another method, is a 405 naming the methods it takes, not a 404.
  const methods = new Map<string, string[]>();
  for (const r of routes) methods.set(r.path, [...(methods.get(r.path) ?? []), ...(r.method === 'get' ? ['GET', 'HEAD'] : [r.method.toUpperCase()])]);
  for (const [path, allowed] of methods) {
    app.all(`${prefix}${honoPath(path)}`, (c) => {
      c.header('Allow', allowed.join(', '));
      throw new AppError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed here; allowed: ${allowed.join(', ')}`);
    });
  }
}

function parse(schema: Schema, value: unknown, where: string): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new AppError('BAD_INPUT', `invalid ${where} parameter ${field}${issue?.message ?? 'invalid value'}`);
}

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new AppError('BAD_INPUT', 'the request body must be JSON (Content-Type: application/json)');
  try {
    return await c.req.json();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BAD_INPUT', 'the request body is not valid JSON');
  }
}
