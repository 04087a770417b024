import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixturePath } from '../test-support/paths.js';
import { testApp, type TestApp } from './testing/test-app.js';
import type { SearchFilters, SearchResult, SearchService } from './services.js';

/**
 * "Did you mean" through the reader and the API. The fixture corpus is too small for the real thresholds
 * (src/search/spelling.test.ts covers those), so a search service that records what it is asked answers here.
 */
const CORPUS = fixturePath('server', 'reader', 'corpus.json');
const asked: SearchFilters[] = [];
const service: SearchService = {
  async search(query: string, filters: SearchFilters): Promise<SearchResult> {
    asked.push(filters);
    return { total: 0, hits: [], ...(filters.suggest && query.includes('الهلل') ? { suggestion: query.replace('الهلل', 'الهلال') } : {}) };
  },
};
let t: TestApp;

before(async () => {
  t = await testApp(CORPUS, { search: service });
});
after(async () => {
  await t.store.close();
});

test('the search page offers the corrected query on its first page, keeping the filters', async () => {
  asked.length = 0;
  const body = await (await t.app.request(`/search?q=${encodeURIComponent('مباراة الهلل')}&source=okaz&sort=newest`)).text();
  assert.equal(asked[0]?.suggest, true);
  const link = `/search?q=${encodeURIComponent('مباراة الهلال').replace(/%20/g, '+')}&amp;source=okaz&amp;sort=newest`;
  assert.ok(body.includes(`هل تقصد: <a href="${link}" dir="rtl">مباراة الهلال</a>`), body.slice(body.indexOf('<section'), body.indexOf('<section') + 400));
  asked.length = 0;
  const second = await (await t.app.request(`/search?q=${encodeURIComponent('مباراة الهلل')}&page=2`)).text();
  assert.equal(asked[0]?.suggest, undefined, 'a later page does not ask');
  assert.ok(!second.includes('هل تقصد'));
  const correct = await (await t.app.request(`/search?q=${encodeURIComponent('الهلال')}`)).text();
  assert.ok(!correct.includes('هل تقصد'));
});

test('the API answers a suggestion only with suggest=true', async () => {
  const q = encodeURIComponent('الهلل');
  asked.length = 0;
  const plain = (await (await t.app.request(`/api/v1/search?q=${q}`)).json()) as { suggestion?: string };
  assert.equal(plain.suggestion, undefined);
  assert.equal(asked[0]?.suggest, undefined);
  const asking = (await (await t.app.request(`/api/v1/search?q=${q}&suggest=true`)).json()) as { suggestion?: string };
  assert.equal(asking.suggestion, 'الهلال');
  assert.equal((await t.app.request(`/api/v1/search?q=${q}&suggest=yes`)).status, 400);
});

test('a search feed never asks for a suggestion (it has nowhere to show one)', async () => {
  asked.length = 0;
  const response = await t.app.request(`/feeds/search.xml?q=${encodeURIComponent('الهلل')}&suggest=true`);
  assert.equal(response.status, 200);
  assert.equal(asked.length, 1);
  assert.ok(!asked[0]?.suggest);
});
