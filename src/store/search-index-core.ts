import { buildSegment, mergeSegments, type MergeInput } from '../search/segment-build.js';
import { encodeDirectory, type EncodedBlock, type PackedSegment } from '../search/segment-format.js';
import { MERGE_FACTOR, pickMerge, type SegmentSummary } from '../search/merge-policy.js';
import { DirectoryCache, assemblePostings, planBlockReads } from '../search/index-read.js';
import { SEARCH_KEY_VERSION } from '../search/index-keys.js';
import type { IndexDocument, MoreKeys, PostingsPart } from '../search/types.js';

/** The table operations each dialect provides; the search index logic on top of them is shared. */
export interface SearchTables {
  liveDoc(articleId: number): Promise<{ segment: number; titleLength: number; bodyLength: number } | null>;
  insertDoc(articleId: number, segment: number, titleLength: number, bodyLength: number): Promise<void>;
  /** Deletes the live-document row and marks its postings in `segment` stale. */
  retireDoc(articleId: number, segment: number): Promise<void>;
  addStats(docs: number, titleTokens: number, bodyTokens: number): Promise<void>;
  /** Empties the whole index (segments, documents, statistics) and records the key version it will hold. */
  reset(keyVersion: number): Promise<void>;
  /** True when the index holds no document and no segment. */
  isEmpty(): Promise<boolean>;
  createSegment(docs: number): Promise<number>;
  insertBlocks(segment: number, blocks: readonly { no: number; data: Uint8Array }[]): Promise<void>;
  finishSegment(segment: number, directory: Uint8Array): Promise<void>;
  segments(): Promise<SegmentSummary[]>;
  staleCount(): Promise<number>;
  /** Stale articles per segment (all segments when `segments` is omitted). */
  stale(segments?: readonly number[]): Promise<Map<number, Set<number>>>;
  /** Up to `limit` blocks of a segment in order, from block `from` on (fewer at its end). */
  readBlockRange(segment: number, from: number, limit: number): Promise<Uint8Array[]>;
  readBlocks(blocks: readonly [number, number][]): Promise<Map<string, Uint8Array>>;
  readDirectories(segments: readonly number[]): Promise<Map<number, Uint8Array>>;
  /** Points the live documents of `ids` at `merged`, then deletes the old segments (and `merged` when it is empty). */
  replaceSegments(merged: number, ids: readonly number[], mergedBlocks: number): Promise<void>;
}

const BLOCK_BATCH = 32;

/** Rows of the stale table grouped by segment. */
export function groupStale(rows: readonly { segment_id: number; article_id: number }[]): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const r of rows) {
    const set = out.get(r.segment_id);
    if (set) set.add(r.article_id);
    else out.set(r.segment_id, new Set([r.article_id]));
  }
  return out;
}
const READ_ATTEMPTS = 5;

/** A new search segment: its documents' field lengths, its encoded blocks in key order and its key filter. */
export interface BuiltSegment {
  docs: readonly { articleId: number; titleLength: number; bodyLength: number }[];
  blocks: readonly EncodedBlock[];
  /** Without one, every query key reads a block of the segment (as for segments older than filters). */
  filter?: Uint8Array;
}

/**
 * Encodes documents as one segment (pure: the pipeline may run it in a worker thread). A document given
 * twice keeps its last version.
 */
export function encodeSegment(docs: readonly IndexDocument[]): BuiltSegment {
  const unique = [...new Map(docs.map((d) => [d.articleId, d])).values()];
  const blocks: EncodedBlock[] = [];
  const docInfo = unique.map((d) => ({ articleId: d.articleId, titleLength: d.titleLength, bodyLength: d.bodyLength }));
  if (unique.length === 0) return { docs: docInfo, blocks };
  const { filter } = buildSegment(unique, (b) => blocks.push(b));
  return { docs: docInfo, blocks, filter };
}

export class SearchIndexCore {
  private readonly directories = new DirectoryCache();

  /** Indexes documents as one new segment (a batch makes a larger first segment: fewer merges later). */
  async indexDocuments(t: SearchTables, docs: readonly IndexDocument[]): Promise<void> {
    await this.indexSegment(t, encodeSegment(docs));
  }

  /**
   * Indexes documents already encoded as one segment by `encodeSegment` (possibly in another thread).
   * `mergeFactor` overrides the merge policy's for this call (BULK_MERGE_FACTOR while an import runs).
   */
  async indexSegment(t: SearchTables, built: BuiltSegment, mergeFactor = MERGE_FACTOR): Promise<void> {
    const unique = built.docs;
    if (unique.length === 0) return;
    // The first documents of an empty index set the version of its keys.
    if (await t.isEmpty()) await t.reset(SEARCH_KEY_VERSION);
    for (const doc of unique) await this.retire(t, doc.articleId);
    const { segment } = await this.writeSegment(t, unique.length, async (emit) => {
      for (const b of built.blocks) await emit(b);
      return { blocks: built.blocks.length, filter: built.filter };
    });
    let titleTokens = 0;
    let bodyTokens = 0;
    for (const doc of unique) {
      await t.insertDoc(doc.articleId, segment, doc.titleLength, doc.bodyLength);
      titleTokens += doc.titleLength;
      bodyTokens += doc.bodyLength;
    }
    await t.addStats(unique.length, titleTokens, bodyTokens);
    await this.mergeWhileNeeded(t, false, mergeFactor);
  }

  /** Empties the index for a rebuild with the current keys. */
  async reset(t: SearchTables): Promise<void> {
    await t.reset(SEARCH_KEY_VERSION);
  }

  async removeDocument(t: SearchTables, articleId: number): Promise<void> {
    await this.retire(t, articleId);
  }

  async optimize(t: SearchTables): Promise<void> {
    await this.mergeWhileNeeded(t, true);
  }

  /**
   * Each key's postings in every segment. Reads outside a transaction see committed data statement by
   * statement; a merge that commits between them makes a block vanish, and the read starts over.
   */
  async postings(t: SearchTables, keys: readonly string[], cacheable: boolean, more?: MoreKeys): Promise<Map<string, PostingsPart[]>> {
    for (let attempt = 1; ; attempt++) {
      const segments = (await t.segments()).map((s) => s.id);
      if (segments.length === 0 || keys.length === 0) return new Map();
      const directories = await this.directories.get(segments, (ids) => t.readDirectories(ids), cacheable);
      const { wanted, blocks } = planBlockReads(keys, directories);
      const [data, stale] = await Promise.all([t.readBlocks(blocks), t.stale()]);
      const out = assemblePostings(wanted, data, stale);
      // The further keys are read from the same segments, with the same stale sets.
      const extra = out && more ? (await more(out)).filter((k) => !out.has(k)) : [];
      if (out && extra.length > 0) {
        const second = planBlockReads(extra, directories);
        const found = assemblePostings(second.wanted, await t.readBlocks(second.blocks), stale);
        if (found) {
          for (const [key, parts] of found) out.set(key, parts);
          return out;
        }
      } else if (out) return out;
      if (attempt >= READ_ATTEMPTS) throw new Error('the search index kept changing during a read');
    }
  }

  private async retire(t: SearchTables, articleId: number): Promise<void> {
    const old = await t.liveDoc(articleId);
    if (!old) return;
    await t.retireDoc(articleId, old.segment);
    await t.addStats(-1, -old.titleLength, -old.bodyLength);
  }

  /** Creates a segment and fills it with the blocks `build` emits, in batches. Returns its id and its number of blocks. */
  private async writeSegment(
    t: SearchTables,
    docs: number,
    build: (emit: (block: EncodedBlock) => Promise<void>) => Promise<{ blocks: number; filter?: Uint8Array | undefined }>,
  ): Promise<{ segment: number; blocks: number }> {
    const segment = await t.createSegment(docs);
    const firstKeys: Uint8Array[] = [];
    let batch: { no: number; data: Uint8Array }[] = [];
    const packed = await build(async (block) => {
      batch.push({ no: firstKeys.length, data: block.data });
      firstKeys.push(block.firstKey);
      if (batch.length >= BLOCK_BATCH) {
        const full = batch;
        batch = [];
        await t.insertBlocks(segment, full);
      }
    });
    if (batch.length > 0) await t.insertBlocks(segment, batch);
    await t.finishSegment(segment, encodeDirectory(firstKeys, packed.filter));
    return { segment, blocks: packed.blocks };
  }

  private async mergeWhileNeeded(t: SearchTables, all: boolean, factor = MERGE_FACTOR): Promise<void> {
    for (;;) {
      const segments = await t.segments();
      let ids: number[] | null;
      if (all) ids = segments.length > 1 || (segments.length === 1 && (await t.staleCount()) > 0) ? segments.map((s) => s.id) : null;
      else ids = pickMerge(segments, factor);
      if (!ids) return;
      await this.merge(t, ids, segments);
    }
  }

  private async merge(t: SearchTables, ids: readonly number[], segments: readonly SegmentSummary[]): Promise<void> {
    const stale = await t.stale(ids);
    const inputs: MergeInput[] = ids.map((id) => ({ blocks: blocksOf(t, id), stale: stale.get(id) ?? new Set<number>() }));
    const removed = [...stale.values()].reduce((n, s) => n + s.size, 0);
    const docs = segments.filter((s) => ids.includes(s.id)).reduce((n, s) => n + s.docs, 0) - removed;
    const merged = await this.writeSegment(t, Math.max(0, docs), (emit): Promise<PackedSegment> => mergeSegments(inputs, emit));
    await t.replaceSegments(merged.segment, ids, merged.blocks);
  }
}

/** Blocks of a segment read at a time by a merge (some 150 KB): one statement instead of one per block. */
const READ_BATCH = 32;

/** A segment's blocks in order, fetched a few at a time so that a merge never holds a whole segment. */
async function* blocksOf(t: SearchTables, segment: number): AsyncGenerator<Uint8Array> {
  for (let from = 0; ; from += READ_BATCH) {
    const blocks = await t.readBlockRange(segment, from, READ_BATCH);
    yield* blocks;
    if (blocks.length < READ_BATCH) return;
  }
}
