import { AppError, errorMessage, isAppError } from '../core/errors.js';

/**
 * HTTP answers saying that the URL given holds nothing, for good: 404 Not Found, 410 Gone. Like a mistyped file
 * path, that is bad input (exit 2, API 400), not a runtime failure: the site answered, and asking again will not
 * change its answer (the fetcher does not retry these either). A site that cannot be reached, a timeout, a 5xx
 * or a refusal (401, 403, 429) stays a failure to fetch (exit 1).
 */
const NOTHING_THERE: Record<number, string> = { 404: 'not found', 410: 'gone' };

/**
 * The fetch failure `error` as BAD_INPUT when the site answered 404 or 410 for a URL the user gave (`what`
 * ends the message: "nothing to poll at this URL"); null for every other failure, to be rethrown as it is.
 */
export function nothingThere(error: unknown, what: string): AppError | null {
  const status = isAppError(error) && error.code === 'FETCH_FAILED' ? error.details?.['status'] : undefined;
  const meaning = typeof status === 'number' ? NOTHING_THERE[status] : undefined;
  return meaning ? new AppError('BAD_INPUT', `${errorMessage(error)} (${meaning}): ${what}`, { cause: error }) : null;
}
