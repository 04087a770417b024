import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { MAX_OFFSET } from '../../search/engine.js';
import { fixturePath } from '../../test-support/paths.js';
import { addIndexedArticle } from '../../test-support/search.js';
import { testApp, type TestApp } from '../testing/test-app.js';
import { ArticleList, ErrorJson, FullArticleJson, RelatedJson, SearchJson, SourceJson, SourceList, StoryDetailJson, StoryList } from './schemas.js';

const CORPUS = fixturePath('server', 'reader', 'corpus.json');
const TOKEN = 'test-admin-token-123';
let t: TestApp;

before(async () => {
  t = await testApp(CORPUS, { adminToken: TOKEN });
});
after(async () => {
  await t.store.close();
});

/** Fetches JSON and checks it against the schema the OpenAPI document publishes for it. */
async function getJson<S extends z.ZodType>(path: string, schema: S, status = 200, init?: RequestInit): Promise<z.output<S>> {
  const res = await t.app.request(path, init);
  assert.equal(res.status, status, `${path}: ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  return schema.parse(await res.json());
}

test('GET /stories pages through the ranked list with an opaque cursor', async () => {
  const first = await getJson('/api/v1/stories?limit=2', StoryList);
  assert.equal(first.stories.length, 2);
  assert.equal(first.stories[0]?.id, t.fx.stories.get('rain'));
  assert.equal(first.stories[0]?.sources, 5);
  assert.ok(first.next_cursor);
  const seen = new Set(first.stories.map((s) => s.id));
  let cursor: string | null = first.next_cursor;
  while (cursor) {
    const next: z.output<typeof StoryList> = await getJson(`/api/v1/stories?limit=2&cursor=${cursor}`, StoryList);
    for (const s of next.stories) {
      assert.ok(!seen.has(s.id), 'no story twice');
      seen.add(s.id);
    }
    cursor = next.next_cursor;
  }
  assert.equal(seen.size, t.fx.stories.size);
});

test('GET /stories?sort=recent uses keyset cursors, newest activity first', async () => {
  const all: number[] = [];
  let cursor: string | null = null;
  do {
    const page: z.output<typeof StoryList> = await getJson(`/api/v1/stories?sort=recent&limit=2${cursor ? `&cursor=${cursor}` : ''}`, StoryList);
    all.push(...page.stories.map((s) => Date.parse(s.last_seen)));
    cursor = page.next_cursor;
  } while (cursor);
  assert.equal(all.length, t.fx.stories.size);
  assert.deepEqual(all, [...all].sort((a, b) => b - a));
  const top = await getJson('/api/v1/stories?limit=1', StoryList);
  const mixed = await getJson(`/api/v1/stories?sort=recent&cursor=${top.next_cursor}`, ErrorJson, 400);
  assert.equal(mixed.error.code, 'BAD_INPUT');
});

test('GET /stories/:id groups copies and names the first report', async () => {
  const detail = await getJson(`/api/v1/stories/${t.fx.stories.get('rain')}`, StoryDetailJson);
  assert.equal(detail.first_report?.id, t.fx.articles.get('rain-spa'));
  const wire = detail.groups.find((g) => g.articles.length > 1);
  assert.equal(wire?.outlets, 4);
  assert.equal(wire?.articles[0]?.id, t.fx.articles.get('rain-spa'));
  assert.ok(wire?.articles.slice(1).every((a) => a.duplicate_of === t.fx.articles.get('rain-spa') && a.origin === 'واس'));
});

test('GET /articles lists newest first by keyset cursor, by source, with or without copies', async () => {
  const pages = async (query: string) => {
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const page: z.output<typeof ArticleList> = await getJson(`/api/v1/articles?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`, ArticleList);
      assert.ok(page.articles.length <= 3);
      ids.push(...page.articles.map((a) => a.id));
      cursor = page.next_cursor;
    } while (cursor);
    return ids;
  };
  const all = await pages('');
  assert.equal(all.length, t.fx.articles.size, 'every article once across the pages');
  assert.equal(new Set(all).size, all.length);
  assert.equal(all[0], t.fx.articles.get('xss-hostile'), 'the newest first');
  const copies = ['rain-okaz', 'rain-madina', 'rain-sabq'].map((k) => t.fx.articles.get(k)!);
  const reports = await pages('&copies=false');
  assert.deepEqual(reports, all.filter((id) => !copies.includes(id)), 'the same order without the three wire copies');
  assert.deepEqual(await pages('&source=okaz'), ['rain-okaz', 'derby-okaz'].map((k) => t.fx.articles.get(k)));
  assert.equal((await getJson('/api/v1/articles?source=nowhere', ErrorJson, 404)).error.code, 'NOT_FOUND');
  // the filter reads a slug as search does: any case, and an empty one is no filter (it was a 404 'no source with slug ')
  assert.deepEqual(await pages('&source=%20OKAZ'), await pages('&source=okaz'));
  assert.deepEqual(await pages('&source='), all);
  assert.equal((await getJson('/api/v1/articles?copies=maybe', ErrorJson, 400)).error.code, 'BAD_INPUT');
  const top = await getJson('/api/v1/stories?limit=1', StoryList);
  assert.equal((await getJson(`/api/v1/articles?cursor=${top.next_cursor}`, ErrorJson, 400)).error.code, 'BAD_INPUT', "another listing's cursor");
});

test('GET /articles/:id and /articles/:id/related', async () => {
  const article = await getJson(`/api/v1/articles/${t.fx.articles.get('phone-sky')}`, FullArticleJson);
  assert.equal(article.source, 'skynews');
  assert.equal(article.source_title, 'سكاي نيوز عربية');
  assert.equal(article.published, '2026-03-10T08:00:00.000Z');
  assert.match(article.text, /Dubai Mall/);
  const related = await getJson(`/api/v1/articles/${t.fx.articles.get('derby-riyadh')}/related`, RelatedJson);
  assert.equal(related.read_also?.id, t.fx.articles.get('team-spa'));
  assert.deepEqual(related.related.map((a) => a.id), [t.fx.articles.get('team-spa'), t.fx.articles.get('budget')]);
  assert.deepEqual(new Set(related.same_story.map((a) => a.source)), new Set(['okaz', 'sabq']));
});

test('GET /search with filters, snippets with highlight offsets and a cursor', async () => {
  const q = encodeURIComponent('مكة');
  const all = await getJson(`/api/v1/search?q=${q}&limit=1`, SearchJson);
  assert.ok(all.total >= 4);
  assert.equal(all.hits.length, 1);
  for (const hit of all.hits) {
    assert.ok(hit.highlights.length > 0);
    for (const [s, e] of hit.highlights) assert.equal(hit.snippet.slice(s, e), 'مكة');
  }
  assert.ok(all.next_cursor);
  const next = await getJson(`/api/v1/search?q=${q}&limit=1&cursor=${all.next_cursor}`, SearchJson);
  assert.equal(next.hits.length, 1);
  assert.ok(next.hits.every((h) => !all.hits.some((x) => x.id === h.id)));
  const okaz = await getJson(`/api/v1/search?q=${q}&source=okaz,sabq`, SearchJson);
  assert.ok(okaz.hits.length > 0 && okaz.hits.every((h) => h.source === 'okaz' || h.source === 'sabq'));
  // a bare date covers its day: three of the four الهلال articles are from 9 March
  const dated = await getJson(`/api/v1/search?q=${encodeURIComponent('الهلال')}&from=2026-03-09&to=2026-03-09`, SearchJson);
  assert.equal(dated.hits.length, 3);
  assert.ok(dated.hits.every((h) => h.published?.startsWith('2026-03-09')));
  // an offset's + sent unencoded (it arrives as a space) is the offset, not a 400: 07:30Z to 08:50Z
  const encoded = await getJson(`/api/v1/search?q=iPhone&from=2026-03-10T10:30${encodeURIComponent('+')}03:00&to=2026-03-10T11:50${encodeURIComponent('+')}03:00`, SearchJson);
  assert.deepEqual(encoded.hits.map((h) => h.published).sort(), ['2026-03-10T08:00:00.000Z', '2026-03-10T08:40:00.000Z']);
  const plus = await getJson('/api/v1/search?q=iPhone&from=2026-03-10T10:30+03:00&to=2026-03-10T11:50+03:00', SearchJson);
  assert.deepEqual(plus.hits.map((h) => h.id), encoded.hits.map((h) => h.id));
  const empty = await getJson(`/api/v1/search?q=${encodeURIComponent('الهلال')}&from=2026-03-11`, SearchJson);
  assert.equal(empty.total, 0);
  assert.equal(empty.warnings, undefined, 'nothing to explain');
  // Why a query found nothing or was read otherwise than typed, as the CLI says it.
  const common = await getJson(`/api/v1/search?q=${encodeURIComponent('في من على')}`, SearchJson);
  assert.equal(common.total, 0);
  assert.match(common.warnings?.join(' ') ?? '', /كلمات شائعة فقط/);
  const unknown = await getJson(`/api/v1/search?q=${q}&source=okaz,nosuchoutlet`, SearchJson);
  assert.match(unknown.warnings?.join(' ') ?? '', /لا مصدر باسم «nosuchoutlet»/);
});

test('GET /search: a next_cursor leads to more hits, also where copies make total larger than the hits', async () => {
  // «مكة» matches 5 articles, three of them copies of one report: two hits in all
  for (const sort of ['relevance', 'newest']) {
    const whole = await getJson(`/api/v1/search?q=${encodeURIComponent('مكة')}&sort=${sort}&limit=50`, SearchJson);
    assert.ok(whole.total > whole.hits.length, 'copies collapsed');
    assert.equal(whole.next_cursor, null, `${sort}: everything is on the page`);
    for (const limit of [1, 2]) {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const page: z.output<typeof SearchJson> = await getJson(`/api/v1/search?q=${encodeURIComponent('مكة')}&sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, SearchJson);
        assert.ok(page.hits.length > 0, `${sort}, limit ${limit}: a cursor led to an empty page`);
        ids.push(...page.hits.map((h) => h.id));
        cursor = page.next_cursor;
      } while (cursor);
      assert.deepEqual(ids, whole.hits.map((h) => h.id), `${sort}, limit ${limit}`);
    }
  }
});

test('GET /search: highlight offsets count UTF-16 code units, as the OpenAPI document says', async () => {
  const app = await testApp(CORPUS);
  try {
    await addIndexedArticle(app.store, { name: 'emoji', source: 'okaz', title: '🌞 كسوف حلقي', text: 'رأى الناس 😀😀 كسوفا حلقيا للشمس اليوم.', published: app.fx.now - 60_000 });
    const res = await app.app.request(`/api/v1/search?q=${encodeURIComponent('كسوف')}`);
    const hit = SearchJson.parse(await res.json()).hits[0]!;
    const [[s, e]] = hit.highlights as [[number, number]];
    const [[ts, te]] = hit.title_highlights as [[number, number]];
    assert.equal(hit.snippet.slice(s, e), 'كسوفا');
    assert.equal(hit.title.slice(ts, te), 'كسوف');
    // code points would put the title's match one earlier: 🌞 is two UTF-16 units
    assert.equal(ts, 3);
  } finally {
    await app.store.close();
  }
  const document = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, { get: { responses: Record<string, unknown> } }> };
  assert.match(JSON.stringify(document.paths['/api/v1/search']?.get.responses['200']), /UTF-16 code units/);
});

test('GET /search hands out no cursor past the deepest offset the engine pages to (it would repeat a page)', async () => {
  const { createServer } = await import('../create-server.js');
  const article = (await t.store.getArticle(t.fx.articles.get('budget')!))!;
  const offsets: number[] = [];
  // a search with more hits than anyone pages through
  const endless = {
    search: async (_q: string, filters: { limit: number; offset?: number }) => {
      offsets.push(filters.offset ?? 0);
      return { total: 1_000_000, hits: Array.from({ length: filters.limit }, () => ({ article, score: 1, snippet: '', highlights: [], titleHighlights: [], alsoIn: 0 })) };
    },
  };
  const app = createServer({ store: t.store, search: endless, rateLimit: { apiPerMinute: 0, searchPerMinute: 0 } });
  let cursor: string | null = null;
  do {
    const res = await app.request(`/api/v1/search?q=x&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200);
    cursor = SearchJson.parse(await res.json()).next_cursor;
  } while (cursor && offsets.length < 1000);
  assert.equal(cursor, null);
  assert.equal(Math.max(...offsets), MAX_OFFSET);
});

test('GET /search?sort=newest: the articles with every word, newest first, paged by cursor', async () => {
  const q = encodeURIComponent('iPhone');
  const newest = await getJson(`/api/v1/search?q=${q}&sort=newest`, SearchJson);
  assert.deepEqual(newest.hits.map((h) => h.id), ['phone-tech', 'phone-sky', 'phone-arabia'].map((k) => t.fx.articles.get(k)));
  const both = await getJson(`/api/v1/search?q=${encodeURIComponent('iPhone دبي')}&sort=newest`, SearchJson);
  assert.deepEqual(both.hits.map((h) => h.id), ['phone-sky', 'phone-arabia'].map((k) => t.fx.articles.get(k)));
  const first = await getJson(`/api/v1/search?q=${q}&sort=newest&limit=1`, SearchJson);
  const second = await getJson(`/api/v1/search?q=${q}&sort=newest&limit=1&cursor=${first.next_cursor}`, SearchJson);
  assert.deepEqual([...first.hits, ...second.hits].map((h) => h.id), newest.hits.slice(0, 2).map((h) => h.id));
});

test('bad requests get the one error shape with a fitting status', async () => {
  const cases: [string, number, string][] = [
    ['/api/v1/search', 400, 'BAD_INPUT'],
    ['/api/v1/search?q=' + 'a'.repeat(201), 400, 'BAD_INPUT'],
    ['/api/v1/search?q=x&from=2015-02-30', 400, 'BAD_INPUT'],
    ['/api/v1/search?q=x&to=2015-08-01T25:00', 400, 'BAD_INPUT'],
    ['/api/v1/search?q=x&from=2015-03-02&to=2015-03-01', 400, 'BAD_INPUT'],
    ['/api/v1/search?q=x&sort=oldest', 400, 'BAD_INPUT'],
    ['/api/v1/stories?limit=0', 400, 'BAD_INPUT'],
    ['/api/v1/stories?cursor=not%20base64', 400, 'BAD_INPUT'],
    ['/api/v1/stories?cursor=e30', 400, 'BAD_INPUT'],
    ['/api/v1/stories/abc', 400, 'BAD_INPUT'],
    ['/api/v1/stories/424242', 404, 'NOT_FOUND'],
    ['/api/v1/articles/424242/related', 404, 'NOT_FOUND'],
    ['/api/v1/nothing', 404, 'NOT_FOUND'],
  ];
  for (const [path, status, code] of cases) {
    const body = await getJson(path, ErrorJson, status);
    assert.equal(body.error.code, code, path);
    assert.ok(body.error.message.length > 0);
  }
  // a missing q is named as such, not as a type mismatch of an absent value
  assert.equal((await getJson('/api/v1/search', ErrorJson, 400)).error.message, 'invalid query parameter q: q is required');
  assert.equal((await getJson('/api/v1/search?q=%20', ErrorJson, 400)).error.message, 'invalid query parameter q: q is required');
  // a q too long says so (it was 'q must be text')
  assert.equal((await getJson(`/api/v1/search?q=${'a'.repeat(201)}`, ErrorJson, 400)).error.message, 'invalid query parameter q: Too big: expected string to have <=200 characters');
});

test('GET /search reads a year before 100 as that year, as the CLI does', async () => {
  // Date.UTC made 0050 into 1950, and the check refused the date as not valid
  assert.equal((await getJson('/api/v1/search?q=x&from=0050-03-01&to=0099-12-31', SearchJson)).total, 0);
});

test('ids and limits are plain digits: other ways of writing a number are refused, not read as one', async () => {
  const { articles } = await getJson('/api/v1/articles?limit=1', ArticleList);
  const id = articles[0]!.id;
  await getJson(`/api/v1/articles/${id}`, FullArticleJson);
  // 1e0 × id, hexadecimal, a leading zero, a fraction, a space: each answered the same article before
  for (const spelled of [`${id}e0`, `0x${id.toString(16)}`, `0${id}`, `${id}.0`, `%20${id}`]) {
    const body = await getJson(`/api/v1/articles/${spelled}`, ErrorJson, 400);
    assert.equal(body.error.message, 'invalid path parameter id: expected a whole number in plain digits', spelled);
  }
  for (const limit of ['1e1', '0x5', '5.0', '+5']) {
    assert.equal((await getJson(`/api/v1/stories?limit=${limit}`, ErrorJson, 400)).error.code, 'BAD_INPUT', limit);
  }
  // a number out of range keeps its own message
  assert.match((await getJson('/api/v1/stories?limit=101', ErrorJson, 400)).error.message, /<=100/);
});

test('a method an API address does not take is a 405 naming the ones it does', async () => {
  for (const [method, path, allow] of [
    ['PUT', '/api/v1/sources/1', 'DELETE'],
    ['DELETE', '/api/v1/stories', 'GET, HEAD'],
    ['PATCH', '/api/v1/sources', 'GET, HEAD, POST'],
    ['POST', '/api/v1/search?q=x', 'GET, HEAD'],
  ] as const) {
    const res = await t.app.request(path, { method, headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 405, `${method} ${path}`);
    assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
    assert.equal(ErrorJson.parse(await res.json()).error.code, 'METHOD_NOT_ALLOWED');
  }
  // the methods they take still answer, and an address the API lacks is still a 404
  assert.equal((await t.app.request('/api/v1/stories', { method: 'HEAD' })).status, 200);
  assert.equal((await t.app.request('/api/v1/nothing', { method: 'PUT' })).status, 404);
});

test('search without a search service answers 503 UNAVAILABLE', async () => {
  const { createServer } = await import('../create-server.js');
  const app = createServer({ store: t.store });
  const res = await app.request('/api/v1/search?q=x');
  assert.equal(res.status, 503);
  assert.equal(ErrorJson.parse(await res.json()).error.code, 'UNAVAILABLE');
});

test('admin endpoints: refused without a configured token, 401 on a wrong one, constant-shape errors', async () => {
  const { createServer } = await import('../create-server.js');
  const open = createServer({ store: t.store });
  const refused = await open.request('/api/v1/sources', { method: 'POST', headers: { authorization: 'Bearer anything', 'content-type': 'application/json' }, body: '{"url":"https://a.example/feed"}' });
  assert.equal(refused.status, 403);
  assert.equal(ErrorJson.parse(await refused.json()).error.code, 'FORBIDDEN');
  for (const header of [undefined, 'Bearer wrong', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
    const res = await t.app.request('/api/v1/sources', { method: 'POST', headers: { 'content-type': 'application/json', ...(header ? { authorization: header } : {}) }, body: '{"url":"https://a.example/feed"}' });
    assert.equal(res.status, 401, String(header));
    assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="sada"', String(header));
  }
  const del = await t.app.request('/api/v1/sources/1', { method: 'DELETE' });
  assert.equal(del.status, 401);
  assert.equal(del.headers.get('www-authenticate'), 'Bearer realm="sada"');
  // refused outright (no token configured): no credentials would help, so none are asked for
  assert.equal(refused.headers.get('www-authenticate'), null);
});

test('POST /sources adds a feed source, refuses duplicates and bad URLs; DELETE removes it', async () => {
  const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const created = await getJson('/api/v1/sources', SourceJson, 201, { method: 'POST', headers: auth, body: JSON.stringify({ url: 'https://www.news.example.org/rss.xml' }) });
  assert.equal(created.slug, 'news-example');
  assert.equal(created.kind, 'feed');
  const again = await getJson('/api/v1/sources', ErrorJson, 409, { method: 'POST', headers: auth, body: JSON.stringify({ url: 'https://www.news.example.org/rss.xml' }) });
  assert.equal(again.error.code, 'CONFLICT');
  for (const body of ['{"url":"javascript:alert(1)"}', '{"url":"ftp://x.example/feed"}', '{}', 'not json']) {
    const res = await t.app.request('/api/v1/sources', { method: 'POST', headers: auth, body });
    assert.equal(res.status, 400, body);
  }
  const list = await getJson('/api/v1/sources', SourceList);
  assert.ok(list.sources.some((s) => s.id === created.id));
  const removed = await t.app.request(`/api/v1/sources/${created.id}`, { method: 'DELETE', headers: auth });
  assert.equal(removed.status, 204);
  assert.equal(removed.headers.get('cache-control'), 'no-store');
  const gone = await t.app.request(`/api/v1/sources/${created.id}`, { method: 'DELETE', headers: auth });
  assert.equal(gone.status, 404);
  // the removed source keeps its slug: another feed of the site gets the next one, not a 409
  const moved = await getJson('/api/v1/sources', SourceJson, 201, { method: 'POST', headers: auth, body: JSON.stringify({ url: 'https://www.news.example.org/feed/' }) });
  assert.equal(moved.slug, 'news-example-2');
  await t.app.request(`/api/v1/sources/${moved.id}`, { method: 'DELETE', headers: auth });
});

test('an injected addSource service is used by the API', async () => {
  const calls: string[] = [];
  const withService = await testApp(CORPUS, {
    adminToken: TOKEN,
    addSource: async (url) => {
      calls.push(url);
      return { id: 99, slug: 'discovered', url, feedUrl: `${url}feed/`, kind: 'homepage', title: 'موقع مكتشف', homepage: url, country: null, createdAt: 0 };
    },
  });
  const res = await withService.app.request('/api/v1/sources', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{"url":"https://site.example/"}' });
  assert.equal(res.status, 201);
  assert.equal(SourceJson.parse(await res.json()).feed_url, 'https://site.example/feed/');
  assert.deepEqual(calls, ['https://site.example/']);
  await withService.store.close();
});

test('reads carry ETag and Cache-Control; a matching If-None-Match gets 304', async () => {
  const res = await t.app.request('/api/v1/stories');
  const tag = res.headers.get('etag');
  assert.ok(tag);
  assert.equal(res.headers.get('cache-control'), 'public, max-age=30');
  const again = await t.app.request('/api/v1/stories', { headers: { 'if-none-match': tag } });
  assert.equal(again.status, 304);
  const page = await t.app.request(`/article/${t.fx.articles.get('rain-spa')}`);
  const pageTag = page.headers.get('etag');
  assert.ok(pageTag);
  assert.equal((await t.app.request(`/article/${t.fx.articles.get('rain-spa')}`, { headers: { 'if-none-match': pageTag } })).status, 304);
});

test('a 304 carries the Cache-Control and Vary its 200 would (RFC 9110 15.4.5)', async () => {
  for (const path of ['/api/v1/stories', '/api/openapi.json', '/feeds/top.xml', `/article/${t.fx.articles.get('rain-spa')}`]) {
    const full = await t.app.request(path);
    const tag = full.headers.get('etag');
    assert.ok(tag, path);
    const again = await t.app.request(path, { headers: { 'if-none-match': tag } });
    assert.equal(again.status, 304, path);
    assert.equal(again.headers.get('etag'), tag, path);
    for (const name of ['cache-control', 'vary']) assert.equal(again.headers.get(name), full.headers.get(name), `${path} ${name}`);
    // only pages depend on the reader's language
    assert.equal(full.headers.get('vary'), path.startsWith('/article/') ? 'Accept-Language' : null, path);
  }
});

test('HEAD answers the headers GET would, without a body', async () => {
  // HEAD reaches the GET handlers; the API's no-store for writes once caught it as well.
  for (const path of ['/api/v1/stories', `/api/v1/articles/${t.fx.articles.get('rain-spa')}`, '/api/openapi.json', '/feeds/top.xml', '/']) {
    const get = await t.app.request(path);
    const head = await t.app.request(path, { method: 'HEAD' });
    assert.equal(head.status, 200, path);
    assert.equal(await head.text(), '', path);
    for (const name of ['cache-control', 'etag', 'content-type', 'vary']) assert.equal(head.headers.get(name), get.headers.get(name), `${path} ${name}`);
  }
});

test('the OpenAPI document describes every route from the validating schemas', async () => {
  const res = await t.app.request('/api/openapi.json');
  assert.equal(res.status, 200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[]; responses: Record<string, unknown>; security?: unknown; requestBody?: unknown }>> };
  assert.equal(doc.openapi, '3.0.3');
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  assert.deepEqual(ops.sort(), [
    'DELETE /api/v1/sources/{id}',
    'GET /api/v1/articles',
    'GET /api/v1/articles/{id}',
    'GET /api/v1/articles/{id}/related',
    'GET /api/v1/search',
    'GET /api/v1/sources',
    'GET /api/v1/stories',
    'GET /api/v1/stories/{id}',
    'POST /api/v1/sources',
  ]);
  const search = doc.paths['/api/v1/search']?.get;
  const q = search?.parameters.find((p) => p.name === 'q');
  assert.deepEqual([q?.in, q?.required, q?.schema.maxLength], ['query', true, 200]);
  assert.equal(search?.parameters.find((p) => p.name === 'limit')?.schema.maximum, 50);
  assert.ok(search?.responses['503']);
  assert.ok(doc.paths['/api/v1/sources']?.post?.security);
  assert.ok(doc.paths['/api/v1/sources']?.post?.requestBody);
  assert.equal(doc.paths['/api/v1/stories/{id}']?.get?.parameters[0]?.in, 'path');
});

test('the OpenAPI document lists the error statuses the operations answer', async () => {
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  const documented = (path: string, method: string) => Object.keys(doc.paths[path]?.[method]?.responses ?? {});
  // an unknown source slug is a 404 of a route without path parameters
  const unknown = await t.app.request('/api/v1/articles?source=no-such-outlet');
  assert.equal(unknown.status, 404);
  assert.ok(documented('/api/v1/articles', 'get').includes('404'));
  // adding a source fetches it: the remote site can fail, time out or serve something unreadable
  for (const code of ['FETCH_FAILED', 'TIMEOUT', 'PARSE_FAILED', 'BLOCKED_ADDRESS'] as const) {
    const failing = await testApp(CORPUS, {
      adminToken: TOKEN,
      addSource: async () => {
        throw new AppError(code, 'the remote site failed');
      },
    });
    const res = await failing.app.request('/api/v1/sources', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{"url":"https://site.example/"}' });
    await failing.store.close();
    assert.ok(documented('/api/v1/sources', 'post').includes(String(res.status)), `${code}: ${res.status}`);
  }
  // a URL over the limit: listed where query parameters can make it grow, not on every route
  const long = await t.app.request(`/api/v1/search?q=${'م'.repeat(2100)}`);
  assert.equal(long.status, 414);
  for (const path of ['/api/v1/search', '/api/v1/articles', '/api/v1/stories']) assert.ok(documented(path, 'get').includes('414'), path);
  for (const path of ['/api/v1/articles/{id}', '/api/v1/sources']) assert.ok(!documented(path, 'get').includes('414'), path);
});

test('GET /search collapses copies of one report into one hit that says where else it ran', async () => {
  const res = await getJson(`/api/v1/search?q=${encodeURIComponent('أمطار مكة')}&limit=20`, SearchJson);
  const ids = res.hits.map((h) => h.id);
  const copies = [...t.fx.articles.entries()].filter(([key]) => key.startsWith('rain-')).map(([, id]) => id);
  const shown = ids.filter((id) => copies.includes(id));
  const collapsed = res.hits.find((h) => h.also_in > 0);
  assert.ok(collapsed, JSON.stringify(res.hits.map((h) => [h.id, h.also_in])));
  assert.ok(shown.length < copies.length, 'copies of the wire report are not listed one by one');
  for (const hit of res.hits) for (const [s, e] of hit.title_highlights) assert.ok(e > s && e <= hit.title.length);
});
