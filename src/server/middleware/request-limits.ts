import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../core/errors.js';
import { wantsHtml } from '../http-errors.js';

export interface RequestLimits {
  /** Longest accepted request URL (path and query), in characters. */
  maxUrlLength: number;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: RequestLimits = { maxUrlLength: 2048, maxBodyBytes: 16 * 1024 };

export function requestLimits(limits: RequestLimits): MiddlewareHandler[] {
  const urlLimit: MiddlewareHandler = async (c, next) => {
    const url = c.req.url;
    const pathAndQuery = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    if (pathAndQuery.length > limits.maxUrlLength) {
      // 414, not 413: nothing was sent in a body; a reader who followed such a link reads why in Arabic.
      const message = wantsHtml(c) ? `الرابط أطول من ${limits.maxUrlLength} حرفاً.` : `the request URL is longer than ${limits.maxUrlLength} characters`;
      throw new AppError('URI_TOO_LONG', message);
    }
    return next();
  };
  const body = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: () => {
      throw new AppError('TOO_LARGE', `the request body is larger than ${limits.maxBodyBytes} bytes`);
    },
  });
  return [urlLimit, body];
}
