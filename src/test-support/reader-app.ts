import { after, before } from 'node:test';
import type { ServerOptions } from '../server/create-server.js';
import { testApp, type TestApp } from '../server/testing/test-app.js';
import { fixturePath } from './paths.js';

/** The reader's fixture corpus, which most server tests read. */
export const READER_CORPUS = fixturePath('server', 'reader', 'corpus.json');

/**
 * One app over the reader corpus shared by a whole test file: made before its tests (and handed to `use`),
 * its store closed after them.
 */
export function readerAppForFile(use: (app: TestApp) => void, options: Partial<ServerOptions> = {}): void {
  let app: TestApp | undefined;
  before(async () => {
    app = await testApp(READER_CORPUS, options);
    use(app);
  });
  after(async () => {
    await app?.store.close();
  });
}
