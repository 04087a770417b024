/**
 * Pages longer than this many bytes are refused (extraction's default `maxBytes`, and the bound on what a
 * page file may unpack to). A module of its own so that callers can read it without loading the parser.
 */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024;
