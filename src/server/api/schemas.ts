import { z } from 'zod';
import { parseIsoLike } from '../../core/time.js';
import { wholeNumber } from '../../core/whole-number.js';

/**
 * The API's request and response shapes. The same schemas validate requests (routes.ts) and produce the
 * OpenAPI document (openapi.ts), so the document cannot drift from what the server accepts.
 * Field names follow the CLI's `--json` output (snake_case, ISO times).
 */

const isoTime = z.string().describe('ISO 8601 date-time (UTC)');

const id = wholeNumber(1, Number.MAX_SAFE_INTEGER);

export const IdParams = z.object({ id: id.describe('numeric id') });

export const Cursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'a cursor is the opaque `next_cursor` of a previous page')
  .describe('opaque `next_cursor` from the previous page');

export const StoriesQuery = z.object({
  sort: z.enum(['top', 'recent']).default('top').describe('`top`: ranked by outlets and recency; `recent`: by last activity'),
  limit: wholeNumber(1, 100, 20),
  cursor: Cursor.optional(),
});

const isoDate = z
  .string()
  // a `+` left unencoded in a query string arrives as a space: 2015-08-01T10:00+03:00 was refused as no date
  .overwrite((v) => v.replace(/(T[\d:.]+) (\d{2}:\d{2})$/, '$1+$2'))
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'expected an ISO date such as 2015-08-03')
  // the day exists (Date.parse would roll 2015-02-30 over to March) and a year before 100 is that year
  .refine((value) => parseIsoLike(value) !== null, 'not a valid date');

export const SearchQuery = z.object({
  q: z
    // only the type issue: a schema-wide message also replaced the length checks' own ("q must be text" for 201 characters)
    .string({ error: (issue) => (issue.code !== 'invalid_type' ? undefined : issue.input === undefined ? 'q is required' : 'q must be text') })
    .trim()
    .min(1, 'q is required').max(200).describe('search words; Arabic is matched regardless of hamza forms and clitics'),
  limit: wholeNumber(1, 50, 10),
  source: z.string().max(200).optional().describe('source slugs, comma-separated'),
  from: isoDate.optional().describe('earliest publication date (inclusive)'),
  to: isoDate.optional().describe('latest publication date (inclusive)'),
  sort: z
    .enum(['relevance', 'newest'])
    .default('relevance')
    .describe('`relevance`: best match first; `newest`: the articles holding every word of the query, newest first'),
  suggest: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('`true`: also look for a likely mistyped word and answer the corrected query as `suggestion`'),
  cursor: Cursor.optional(),
});

export const NewSourceBody = z.object({
  url: z
    .string()
    .trim()
    .max(2048)
    .url()
    .refine((v) => /^https?:\/\//i.test(v), 'only http and https URLs')
    .describe('feed, sitemap or homepage URL'),
});

export const ArticleJson = z.object({
  id: z.number().int(),
  url: z.string(),
  canonical_url: z.string(),
  title: z.string(),
  source: z.string().describe('source slug'),
  source_title: z.string(),
  published: isoTime.nullable(),
  summary: z.string().nullable(),
  author: z.string().nullable(),
  origin: z.string().nullable().describe('who first reported it (agency or earliest outlet)'),
  duplicate_of: z.number().int().nullable().describe('id of the first stored copy of the same report'),
  story_id: z.number().int().nullable(),
});

export const ArticlesQuery = z.object({
  source: z
    .string()
    .trim()
    .toLowerCase()
    .max(100)
    .optional()
    // slugs are lower case; an empty value is no filter, as search reads its `source`
    .describe('one source slug, any case (also of a source no longer followed: its stored articles stay listed); empty: every source'),
  copies: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('`false`: each report once, copies of it left out'),
  limit: wholeNumber(1, 100, 20),
  cursor: Cursor.optional(),
});

export const ArticleList = z.object({
  articles: z.array(ArticleJson),
  next_cursor: z.string().nullable(),
});

export const FullArticleJson = ArticleJson.extend({
  text: z.string().describe('plain text, paragraphs separated by newlines'),
  category: z.string().nullable(),
  tags: z.array(z.string()),
});

export const StoryJson = z.object({
  id: z.number().int(),
  title: z.string(),
  articles: z.number().int(),
  sources: z.number().int(),
  first_seen: isoTime,
  last_seen: isoTime,
  outlets: z.array(z.object({ slug: z.string(), name: z.string(), articles: z.number().int() })),
});

export const StoryList = z.object({ stories: z.array(StoryJson), next_cursor: z.string().nullable() });

export const StoryDetailJson = z.object({
  story: StoryJson,
  first_report: ArticleJson.nullable(),
  groups: z.array(z.object({ outlets: z.number().int(), articles: z.array(ArticleJson) })).describe('articles carrying the same report, earliest first'),
  related_stories: z.array(StoryJson.omit({ outlets: true })),
});

export const RelatedJson = z.object({
  article: ArticleJson,
  read_also: ArticleJson.nullable(),
  same_story: z.array(ArticleJson),
  related: z.array(ArticleJson),
});

export const SearchJson = z.object({
  total: z.number().int().describe('matching articles, every copy counted; hits collapse copies of one report, so the pages may hold fewer'),
  hits: z.array(
    z.object({
      id: z.number().int(),
      url: z.string(),
      title: z.string(),
      source: z.string(),
      published: isoTime.nullable(),
      score: z.number(),
      snippet: z.string(),
      highlights: z.array(z.tuple([z.number().int(), z.number().int()])).describe('[start, end) offsets into snippet, in UTF-16 code units (JavaScript string indices; an emoji counts 2)'),
      title_highlights: z.array(z.tuple([z.number().int(), z.number().int()])).describe('[start, end) offsets into title, in UTF-16 code units like highlights'),
      also_in: z.number().int().describe('other outlets carrying the same report, collapsed into this hit'),
    }),
  ),
  suggestion: z.string().optional().describe('with `suggest=true`: the query with a likely typo corrected ("did you mean"), when one was found'),
  warnings: z.array(z.string()).optional().describe('why the query was read otherwise than typed or found nothing (only common words, an unknown source, an ignored date), in Arabic'),
  next_cursor: z.string().nullable(),
});

export const SourceJson = z.object({
  id: z.number().int(),
  slug: z.string(),
  url: z.string(),
  feed_url: z.string(),
  title: z.string(),
  kind: z.enum(['feed', 'sitemap', 'homepage', 'import']),
});

export const SourceStatusJson = SourceJson.extend({
  articles: z.number().int(),
  last_fetch: isoTime.nullable(),
  last_error: z.string().nullable(),
  next_check: isoTime.nullable(),
  paused: z.boolean(),
});

export const SourceList = z.object({ sources: z.array(SourceStatusJson) });

export const ErrorJson = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
