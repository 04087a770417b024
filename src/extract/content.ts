import type { ElementNode } from './dom.js';
import { segmentBlocks, type Block, type BlockLink } from './blocks.js';
import { parseAttributionParagraph } from './attribution.js';
import { isCueHeading, isStrongPositiveElement, startsWithReadAlso } from './boilerplate.js';

/**
 * Finds the article body as the element that maximises (prose inside it) − K × (junk inside it).
 *
 * Prose is the non-link text of blocks that read like paragraphs; junk is link text, and all the text of
 * blocks that sit in furniture (class/id says share, related, comments...) below the candidate. The whole
 * page contains all the prose but also all the junk; a tight container around the article wins. Furniture is
 * judged relative to the candidate, so an article inside a wrapper with a misleading class still wins.
 * Then the chosen element's blocks are filtered: furniture, link lists, read-also cues and what they
 * introduce are dropped, and the headline links among them are kept as related links.
 */

export interface ContentOptions {
  /** Weight of junk against prose. */
  junkWeight?: number;
  /** Weight of text inside furniture, as junk of the candidates around it. */
  furnitureWeight?: number;
  /** Score factor of candidates that are furniture or inside it. */
  insideFurnitureFactor?: number;
  /** Short non-prose blocks before the first and after the last paragraph (bylines, "next", tag words). */
  trimLead?: number;
  trimTail?: number;
  /** When given, receives every scored candidate (for diagnostics and tests). */
  trace?: { element: ElementNode; prose: number; junk: number; score: number }[];
}

export interface MainContent {
  container: ElementNode;
  /** Kept blocks in document order. */
  blocks: Block[];
  /** Links from read-also and related blocks inside the article. */
  relatedLinks: BlockLink[];
}

/** Minimum non-link characters for a block to count as prose. */
const PROSE_CHARS = 50;
const PROSE_MAX_LINK_SHARE = 0.5;
/** Templates' article-body containers are favoured. */
const POSITIVE_FACTOR = 1.25;


export function isProse(block: Block): boolean {
  const own = block.chars - block.linkChars;
  return own >= PROSE_CHARS && block.linkChars <= PROSE_MAX_LINK_SHARE * block.chars;
}

function isInside(node: ElementNode, ancestor: ElementNode): boolean {
  for (let n: ElementNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

interface Mass {
  prose: number;
  junk: number;
}

export function findMainContent(start: ElementNode, options: ContentOptions = {}): MainContent | null {
  const junkWeight = options.junkWeight ?? 0.6;
  const furnitureWeight = options.furnitureWeight ?? 0.5;
  const insideFactor = options.insideFurnitureFactor ?? 0.25;
  const { blocks, insideNegative } = segmentBlocks(start);
  if (blocks.length === 0) return null;
  const mass = new Map<ElementNode, Mass>();
  for (const block of blocks) {
    const prose = isProse(block) ? block.chars - block.linkChars : 0;
    // Links inside paragraphs are part of the writing; only link text that makes up its block is junk.
    const links = prose > 0 ? 0 : block.linkChars;
    let passedNegative = false;
    for (let a: ElementNode | null = block.container; a; a = a.parent) {
      let m = mass.get(a);
      if (!m) {
        m = { prose: 0, junk: 0 };
        mass.set(a, m);
      }
      if (passedNegative) m.junk += furnitureWeight * block.chars;
      else {
        m.prose += prose;
        m.junk += links;
      }
      if (a === block.negative) passedNegative = true;
      if (a === start) break;
    }
  }
  let best: ElementNode = start;
  let bestScore = -Infinity;
  for (const [element, m] of mass) {
    let score = m.prose - junkWeight * m.junk;
    if (score <= 0) continue;
    if (insideNegative.has(element)) score *= insideFactor;
    if (isStrongPositiveElement(element)) score *= POSITIVE_FACTOR;
    options.trace?.push({ element, prose: m.prose, junk: m.junk, score });
    if (score > bestScore) {
      bestScore = score;
      best = element;
    }
  }
  const selected = selectBlocks(best, blocks.filter((b) => isInside(b.container, best)));
  selected.blocks = trimEdges(selected.blocks, options.trimLead ?? 20, options.trimTail ?? 40);
  return selected;
}

function isHeadlineLink(link: BlockLink): boolean {
  if (!link.href || /^(#|javascript:|mailto:|tel:)/i.test(link.href)) return false;
  const words = link.text.split(/\s+/).filter(Boolean).length;
  return words >= 3 && link.text.length >= 12;
}

function selectBlocks(container: ElementNode, candidates: Block[]): MainContent {
  const kept: Block[] = [];
  const related: BlockLink[] = [];
  const keepLinks = (block: Block): void => {
    for (const link of block.links) if (isHeadlineLink(link)) related.push(link);
  };
  let inCueSection = false;
  for (const block of candidates) {
    if (block.negative && block.negative !== container && isInside(block.negative, container)) {
      if (inCueSection || startsWithReadAlso(block.text)) keepLinks(block);
      continue;
    }
    if (isCueHeading(block.text)) {
      inCueSection = true;
      continue;
    }
    const prose = isProse(block);
    if (inCueSection && !prose) {
      keepLinks(block);
      continue;
    }
    inCueSection = false;
    if (block.linkChars > 0.5 * block.chars) {
      keepLinks(block);
      continue;
    }
    if (block.links.length > 0 && block.chars < 250 && startsWithReadAlso(block.text)) {
      keepLinks(block);
      continue;
    }
    kept.push(block);
  }
  return { container, blocks: kept, relatedLinks: related };
}

/** Drops blocks shorter than the limits (in characters) before the first and after the last prose block. */
function trimEdges(blocks: Block[], lead: number, tail: number): Block[] {
  const first = blocks.findIndex(isProse);
  if (first < 0) return blocks;
  let last = blocks.length - 1;
  while (last > first && !isProse(blocks[last]!)) last--;
  // Attribution lines ("المصدر: وكالات") are short too, but they are parsed later, not dropped here.
  return blocks.filter((b, i) => (i >= first || b.chars >= lead) && (i <= last || b.chars >= tail || parseAttributionParagraph(b.text, i) !== null));
}

