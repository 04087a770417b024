import type { IndexDocument } from '../store.js';
import type { Connection } from './connection.js';

export function indexDocument(c: Connection, doc: IndexDocument): void {
  c.prepare('DELETE FROM search_index WHERE rowid = ?').run(doc.articleId);
  c.prepare('INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)').run(doc.articleId, doc.title, doc.body);
}

export function removeDocument(c: Connection, articleId: number): void {
  c.prepare('DELETE FROM search_index WHERE rowid = ?').run(articleId);
}
