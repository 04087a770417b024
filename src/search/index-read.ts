import { utf8 } from './bytes.js';
import { BlockView, blockFor, decodeDirectory, type SegmentDirectory } from './segment-format.js';
import { keyHash } from './key-filter.js';
import type { PostingsPart } from './types.js';

/**
 * The dialect-free half of reading postings, shared by every store: which blocks to fetch for a set of
 * keys, and how to cut the postings out of the blocks once fetched.
 */
export interface BlockWanted {
  key: string;
  bytes: Uint8Array;
  segment: number;
  block: number;
}

export function blockId(segment: number, block: number): string {
  return `${segment}:${block}`;
}

/** For each key and segment, the one block that may hold the key (none when the segment's filter rules the key out). */
export function planBlockReads(keys: readonly string[], directories: ReadonlyMap<number, SegmentDirectory>): { wanted: BlockWanted[]; blocks: [number, number][] } {
  const wanted: BlockWanted[] = [];
  const unique = new Map<string, [number, number]>();
  for (const key of keys) {
    const bytes = utf8(key);
    const hash = keyHash(bytes);
    for (const [segment, directory] of directories) {
      if (directory.filter && !directory.filter.mayContainHash(hash)) continue;
      const block = blockFor(directory.firstKeys, bytes);
      if (block < 0) continue;
      wanted.push({ key, bytes, segment, block });
      unique.set(blockId(segment, block), [segment, block]);
    }
  }
  return { wanted, blocks: [...unique.values()] };
}

/**
 * Cuts each key's postings out of the fetched blocks. Returns null when a wanted block is missing: its
 * segment was merged away between reading the directories and the blocks, and the read must be retried.
 */
export function assemblePostings(
  wanted: readonly BlockWanted[],
  blocks: ReadonlyMap<string, Uint8Array>,
  stale: ReadonlyMap<number, ReadonlySet<number>>,
): Map<string, PostingsPart[]> | null {
  const views = new Map<string, BlockView>();
  const out = new Map<string, PostingsPart[]>();
  for (const w of wanted) {
    const id = blockId(w.segment, w.block);
    let view = views.get(id);
    if (!view) {
      const data = blocks.get(id);
      if (!data) return null;
      view = new BlockView(data);
      views.set(id, view);
    }
    const entry = view.find(w.bytes);
    if (!entry) continue;
    const part: PostingsPart = { segment: w.segment, df: entry.df, bytes: entry.postings };
    const staleHere = stale.get(w.segment);
    if (staleHere && staleHere.size > 0) part.stale = staleHere;
    const list = out.get(w.key);
    if (list) list.push(part);
    else out.set(w.key, [part]);
  }
  return out;
}

/**
 * Segment directories by segment id. Segments never change once written and their ids are never reused,
 * so a directory read from committed data stays valid until the segment is merged away.
 */
export class DirectoryCache {
  private readonly directories = new Map<number, SegmentDirectory>();

  /**
   * Directories of `segments`, loading the missing ones with `load`. `cacheable` is false when the reader
   * may see uncommitted segments (inside a write transaction that could still roll back).
   */
  async get(segments: readonly number[], load: (ids: number[]) => Promise<Map<number, Uint8Array>> | Map<number, Uint8Array>, cacheable: boolean): Promise<Map<number, SegmentDirectory>> {
    const out = new Map<number, SegmentDirectory>();
    const missing: number[] = [];
    for (const id of segments) {
      const cached = this.directories.get(id);
      if (cached) out.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const [id, data] of await load(missing)) {
        const directory = decodeDirectory(data);
        out.set(id, directory);
        if (cacheable) this.directories.set(id, directory);
      }
    }
    if (cacheable) {
      const live = new Set(segments);
      for (const id of this.directories.keys()) if (!live.has(id)) this.directories.delete(id);
    }
    return out;
  }
}
