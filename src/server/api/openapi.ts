import { z } from 'zod';
import { ERROR_CODES } from '../../core/errors.js';
import type { ApiRoute } from './define.js';
import { ErrorJson } from './schemas.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonSchema;

/**
 * Builds the OpenAPI 3.0 document from the route table: parameters and bodies from the same zod schemas that
 * validate requests, answers from the response schemas, and the error shape every failure uses.
 */
export function openApiDocument(routes: readonly ApiRoute[], info: { version: string; prefix: string; maxUrlLength: number }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = { description: 'error', content: { 'application/json': { schema: toSchema(ErrorJson, 'output') } } };
  for (const r of routes) {
    const parameters = [...objectParameters(r.params, 'path'), ...objectParameters(r.query, 'query')];
    const responses: Record<string, unknown> = {};
    const status = String(r.status ?? 200);
    responses[status] = r.response
      ? { description: 'success', content: { 'application/json': { schema: toSchema(r.response, 'output') } } }
      : { description: 'done' };
    for (const code of errorStatuses(r)) responses[String(code)] = errorResponse;
    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters,
      responses,
    };
    if (r.body) operation.requestBody = { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } };
    if (r.admin) operation.security = [{ adminToken: [] }];
    (paths[`${info.prefix}${r.path}`] ??= {})[r.method] = operation;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Sada API',
      version: info.version,
      description:
        'Arabic news stories, articles, search and sources. Errors are `{"error":{"code","message"}}`; codes: ' +
        Object.keys(ERROR_CODES).join(', ') +
        `. A request URL (path and query) longer than ${info.maxUrlLength} characters is answered 414 (URI_TOO_LONG).`,
    },
    paths,
    components: { securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'the SADA_ADMIN_TOKEN of the server' } } },
  };
}

function objectParameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function errorStatuses(r: ApiRoute): number[] {
  const codes = new Set<number>([400, 429, 500]);
  if (r.params) codes.add(404);
  if (r.admin) [401, 403, 409, 413].forEach((c) => codes.add(c));
  // Any URL over the limit is refused, but only query parameters make a client's URL grow: a route that takes
  // none lists no 414 (the document's description states the limit once for all).
  if (r.query) codes.add(414);
  if (r.limit === 'search') codes.add(503);
  for (const code of r.errors ?? []) codes.add(ERROR_CODES[code].status);
  return [...codes].sort();
}
