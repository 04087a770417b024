import { z } from 'zod';

const PLAIN_DIGITS = /^(0|[1-9]\d{0,15})$/;

/**
 * A whole number written as plain decimal digits, or null. `Number()` also reads `1e3`, `0x10`, ` 10`, `1.0`,
 * `010` and the empty string (0), so one article answered at many addresses and a mistyped setting passed.
 */
export function parseWholeNumber(text: string): number | null {
  return PLAIN_DIGITS.test(text) ? Number(text) : null;
}

/** `parseWholeNumber` as a zod check for text input, `fallback` when absent (inside the check, so that OpenAPI shows it). */
export function wholeNumber(min: number, max: number, fallback?: number) {
  const number = z.coerce.number({ error: (issue) => (issue.code === 'invalid_type' ? 'expected a whole number in plain digits' : undefined) }).int().min(min).max(max);
  const plainDigits = (value: unknown) => (typeof value === 'string' ? (parseWholeNumber(value) ?? Number.NaN) : value);
  return fallback === undefined ? z.preprocess(plainDigits, number) : z.preprocess(plainDigits, number.default(fallback));
}
