import type { ElementNode } from './dom.js';
import { SKIP_TAGS, isHiddenElement, isNegativeElement } from './boilerplate.js';

/**
 * Splits a page into text blocks: the runs of inline content between block-level boundaries (a <p>, a <li>,
 * the text before and after a nested <div>, each line of a <br>-separated text). Every block knows its
 * nearest block-level container, how much of it is link text, and the innermost furniture element it sits in.
 */

export interface BlockLink {
  href: string;
  text: string;
}

export interface Block {
  /** Text with whitespace collapsed. */
  text: string;
  /** Non-space characters. */
  chars: number;
  /** Non-space characters inside links. */
  linkChars: number;
  container: ElementNode;
  /** Innermost ancestor whose class/id names furniture (share, related, comments...), or null. */
  negative: ElementNode | null;
  links: BlockLink[];
  /** Index in document order. */
  index: number;
}

export const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol',
  'li', 'dl', 'dt', 'dd', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'blockquote', 'pre', 'figure',
  'form', 'fieldset', 'address', 'hr', 'center', 'details', 'summary', 'body', 'html', 'hgroup', 'menu', '#document',
  'nav', 'legend', 'dialog', 'frameset', 'noframes',
]);

/** Classes used to hide text from sighted readers (screen-reader labels such as "Share on Facebook"). */
const VISUALLY_HIDDEN = /(^|\s)(sr-only|screen-reader-text|visually-hidden|visuallyhidden|element-invisible|hidden|hide|is-hidden|d-none|offscreen|a11y-hidden)(\s|$)/i;
/** Inline image captions and photo credits ("uplCaption", "photo-credit", "wp-caption-text"). */
const CAPTION = /caption|credit|photo-?source/i;

function nonSpaceLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 0xa0 && c !== 0x200b && c !== 0x200c && c !== 0x200f && c !== 0x200e) n++;
  }
  return n;
}

export interface Segmentation {
  blocks: Block[];
  /** Block-level elements that are furniture or inside furniture. */
  insideNegative: Set<ElementNode>;
}

export function segmentBlocks(start: ElementNode): Segmentation {
  const blocks: Block[] = [];
  const insideNegative = new Set<ElementNode>();
  let parts: string[] = [];
  let linkChars = 0;
  let links: BlockLink[] = [];
  let container = start;
  let negative: ElementNode | null = null;

  const flush = (): void => {
    if (parts.length === 0) return;
    const text = parts.join('').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
    parts = [];
    if (text) {
      blocks.push({ text, chars: nonSpaceLength(text), linkChars, container, negative, links, index: blocks.length });
    }
    linkChars = 0;
    links = [];
  };

  const visit = (element: ElementNode, inLink: boolean): void => {
    for (const child of element.children) {
      if (child.kind === 3) {
        parts.push(child.text);
        if (inLink) linkChars += nonSpaceLength(child.text);
        continue;
      }
      const tag = child.tag;
      if (SKIP_TAGS.has(tag) || isHiddenElement(child)) continue;
      const cls = child.attrs.class;
      if (cls !== undefined && (VISUALLY_HIDDEN.test(cls) || (!BLOCK_TAGS.has(tag) && CAPTION.test(cls)))) continue;
      if (tag === 'br' || tag === 'hr') {
        flush();
        continue;
      }
      if (BLOCK_TAGS.has(tag)) {
        flush();
        const savedContainer = container;
        const savedNegative = negative;
        container = child;
        if (isNegativeElement(child)) negative = child;
        if (negative) insideNegative.add(child);
        visit(child, inLink);
        flush();
        container = savedContainer;
        negative = savedNegative;
        continue;
      }
      if (tag === 'a') {
        const href = child.attrs.href;
        const before = parts.length;
        const blocksBefore = blocks.length;
        visit(child, true);
        if (href && blocks.length === blocksBefore) links.push({ href, text: parts.slice(before).join('').replace(/\s+/g, ' ').trim() });
        continue;
      }
      if (tag === 'img') continue;
      visit(child, inLink);
    }
  };

  if (isNegativeElement(start)) negative = start;
  visit(start, false);
  flush();
  return { blocks, insideNegative };
}
