import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SearchRunner } from './search-runner.js';
import type { SearchFilters, SearchService } from './services.js';

function recording(): { service: SearchService; calls: SearchFilters[] } {
  const calls: SearchFilters[] = [];
  return { calls, service: { search: async (_q, filters) => (calls.push(filters), { total: 0, hits: [] }) } };
}

test('a date-time bound without an offset is UTC whatever zone the server runs in, as on the CLI', async () => {
  const zone = process.env.TZ;
  // Node rereads TZ when it is assigned: Date.parse then takes an offset-less date-time in Riyadh time
  process.env.TZ = 'Asia/Riyadh';
  try {
    const { service, calls } = recording();
    await new SearchRunner(service).run({ q: 'x', limit: 10, from: '2015-08-01T10:00', to: '2015-08-01T18:30:15.5' });
    assert.equal(calls[0]?.from, Date.parse('2015-08-01T10:00:00Z'));
    assert.equal(calls[0]?.to, Date.parse('2015-08-01T18:30:15.500Z'));
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test('date bounds: a bare date covers its day, an explicit offset is kept', async () => {
  const { service, calls } = recording();
  const runner = new SearchRunner(service);
  await runner.run({ q: 'x', limit: 10, from: '2015-08-01', to: '2015-08-01' });
  await runner.run({ q: 'x', limit: 10, from: '2015-08-01T10:00+03:00' });
  assert.equal(calls[0]?.from, Date.parse('2015-08-01T00:00:00Z'));
  assert.equal(calls[0]?.to, Date.parse('2015-08-02T00:00:00Z') - 1);
  assert.equal(calls[1]?.from, Date.parse('2015-08-01T07:00:00Z'));
  await assert.rejects(runner.run({ q: 'x', limit: 10, from: '2015-08-02', to: '2015-08-01T23:00' }), /from` is after `to`/);
});
