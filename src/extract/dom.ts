import { Tokenizer } from 'htmlparser2';
import type { QuoteType, TokenizerCallbacks } from 'htmlparser2';

/**
 * A compact HTML tree built on htmlparser2's tokenizer with our own tree construction.
 *
 * Why not htmlparser2's Parser or DomHandler: its open-element stack uses Array#unshift, which makes deeply
 * nested markup quadratic (100k nested <div> take seconds). Here every stack operation is O(1), end-tag
 * matching looks at most SEARCH_LIMIT elements up, and elements deeper than `maxDepth` are flattened into
 * their deepest allowed ancestor, so time and memory stay linear in the input whatever it contains.
 *
 * The construction follows the parts of the HTML tree-building rules that change what text belongs where
 * (implied </p>, </li>, table cells, nested <a>, end tags that cannot cross special elements). Script and
 * style contents are dropped, except JSON-LD, which metadata extraction needs.
 */

export class ElementNode {
  readonly kind = 1 as const;
  readonly children: DomNode[] = [];
  constructor(
    readonly tag: string,
    readonly attrs: Record<string, string>,
    public parent: ElementNode | null,
  ) {}

  attr(name: string): string | undefined {
    return this.attrs[name];
  }
}

export class TextNode {
  readonly kind = 3 as const;
  constructor(
    public text: string,
    public parent: ElementNode,
  ) {}
}

export type DomNode = ElementNode | TextNode;

export interface ParsedDocument {
  root: ElementNode;
  /** The <html> element when present (carries lang/dir). */
  html: ElementNode | null;
  head: ElementNode | null;
  body: ElementNode | null;
  /** Raw texts of <script type="application/ld+json"> blocks, in document order. */
  jsonLd: string[];
  /** Elements that were flattened because they were nested deeper than maxDepth. */
  flattened: number;
}

export interface ParseOptions {
  /** Elements nested deeper are not created; their text goes to the deepest allowed ancestor. Default 400. */
  maxDepth?: number;
}

const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Content is never text we want (script other than JSON-LD, style). The tokenizer already treats them as raw text. */
const DROP_TEXT = new Set(['script', 'style']);
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul', 'li', 'dd', 'dt', 'listing', 'xmp', 'search']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements an end tag of an inline element cannot close across (the HTML "special" category, shortened). */
const SPECIAL = new Set(['address', 'applet', 'article', 'aside', 'blockquote', 'body', 'button', 'caption', 'center', 'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'html', 'iframe', 'li', 'listing', 'main', 'marquee', 'menu', 'nav', 'noscript', 'object', 'ol', 'p', 'pre', 'section', 'select', 'summary', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'ul', 'xmp', 'search']);
const SCOPE = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template']);
const BUTTON_SCOPE = new Set([...SCOPE, 'button']);
const LIST_SCOPE = new Set([...SCOPE, 'ul', 'ol', 'menu', 'dl']);
const TABLE_PARTS = new Set(['tbody', 'thead', 'tfoot']);
const FOREIGN = new Set(['svg', 'math']);
/** How far up an end tag or an implied close looks for its element. Bounds the work per tag. */
const SEARCH_LIMIT = 256;

class TreeBuilder implements TokenizerCallbacks {
  readonly root = new ElementNode('#document', {}, null);
  html: ElementNode | null = null;
  head: ElementNode | null = null;
  body: ElementNode | null = null;
  readonly jsonLd: string[] = [];
  flattened = 0;

  private readonly stack: ElementNode[] = [this.root];
  private textParts: string[] = [];
  private tagName = '';
  private attrs: Record<string, string> = {};
  private attrName = '';
  private attrValue = '';
  private foreignDepth = 0;
  /** Tag whose raw content is being read (script/style/title/textarea). */
  private rawTag = '';
  private rawIsJsonLd = false;

  constructor(
    private readonly input: string,
    private readonly maxDepth: number,
  ) {}

  private get current(): ElementNode {
    return this.stack[this.stack.length - 1]!;
  }

  private flushText(): void {
    if (this.textParts.length === 0) return;
    const text = this.textParts.length === 1 ? this.textParts[0]! : this.textParts.join('');
    this.textParts = [];
    if (this.rawTag) {
      if (this.rawIsJsonLd) this.jsonLd.push(text);
      if (DROP_TEXT.has(this.rawTag)) return;
    }
    const parent = this.current;
    const last = parent.children[parent.children.length - 1];
    if (last && last.kind === 3) last.text += text;
    else parent.children.push(new TextNode(text, parent));
  }

  ontext(start: number, end: number): void {
    this.textParts.push(this.input.slice(start, end));
  }

  ontextentity(codepoint: number): void {
    this.textParts.push(String.fromCodePoint(codepoint));
  }

  onopentagname(start: number, end: number): void {
    this.flushText();
    this.tagName = this.input.slice(start, end).toLowerCase();
    this.attrs = {};
  }

  onattribname(start: number, end: number): void {
    this.attrName = this.input.slice(start, end).toLowerCase();
    this.attrValue = '';
  }

  onattribdata(start: number, end: number): void {
    this.attrValue += this.input.slice(start, end);
  }

  onattribentity(codepoint: number): void {
    this.attrValue += String.fromCodePoint(codepoint);
  }

  onattribend(_quote: QuoteType): void {
    if (!Object.prototype.hasOwnProperty.call(this.attrs, this.attrName)) this.attrs[this.attrName] = this.attrValue;
    this.attrValue = '';
  }

  onopentagend(): void {
    this.openElement(false);
  }

  onselfclosingtag(): void {
    this.openElement(this.foreignDepth > 0);
  }

  onclosetag(start: number, end: number): void {
    this.flushText();
    const name = this.input.slice(start, end).toLowerCase();
    this.closeElement(name);
  }

  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  onend(): void {
    this.flushText();
  }

  private openElement(selfClosing: boolean): void {
    const tag = this.tagName;
    const attrs = this.attrs;
    if (tag === 'html' || tag === 'body' || tag === 'head') {
      if (this.mergeStructural(tag, attrs)) return;
    }
    this.applyImpliedCloses(tag);
    const parent = this.current;
    const isVoid = VOID.has(tag) || selfClosing;
    if (!isVoid && this.stack.length > this.maxDepth) {
      this.flattened++;
      return;
    }
    const element = new ElementNode(tag, attrs, parent);
    parent.children.push(element);
    if (tag === 'html') this.html = element;
    else if (tag === 'head') this.head = element;
    else if (tag === 'body') this.body = element;
    if (isVoid) return;
    this.stack.push(element);
    if (FOREIGN.has(tag)) this.foreignDepth++;
    if (tag === 'script' || tag === 'style' || tag === 'title' || tag === 'textarea') {
      this.rawTag = tag;
      this.rawIsJsonLd = tag === 'script' && /ld\+json/i.test(attrs.type ?? '');
    }
  }

  /** A second <html>/<body>/<head> only adds missing attributes (as browsers do). */
  private mergeStructural(tag: string, attrs: Record<string, string>): boolean {
    const existing = tag === 'html' ? this.html : tag === 'body' ? this.body : this.head;
    if (!existing) return tag === 'head' && this.body !== null;
    for (const [k, v] of Object.entries(attrs)) if (!(k in existing.attrs)) existing.attrs[k] = v;
    return true;
  }

  private applyImpliedCloses(tag: string): void {
    if (CLOSES_P.has(tag)) this.closeInScope('p', BUTTON_SCOPE);
    if (HEADINGS.has(tag) && HEADINGS.has(this.current.tag)) this.popTo(this.stack.length - 1);
    switch (tag) {
      case 'li':
        this.closeInScope('li', LIST_SCOPE);
        break;
      case 'dt':
      case 'dd':
        this.closeInScope('dt', LIST_SCOPE);
        this.closeInScope('dd', LIST_SCOPE);
        break;
      case 'tr':
        this.closeAnyUntil(['td', 'th', 'tr'], ['table', 'tbody', 'thead', 'tfoot']);
        break;
      case 'td':
      case 'th':
        this.closeAnyUntil(['td', 'th'], ['tr', 'table']);
        break;
      case 'tbody':
      case 'thead':
      case 'tfoot':
        this.closeAnyUntil(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'], ['table']);
        break;
      case 'option':
        if (this.current.tag === 'option') this.popTo(this.stack.length - 1);
        break;
      case 'optgroup':
        if (this.current.tag === 'option') this.popTo(this.stack.length - 1);
        if (this.current.tag === 'optgroup') this.popTo(this.stack.length - 1);
        break;
      case 'a':
        this.closeInScope('a', SCOPE);
        break;
    }
  }

  private closeElement(name: string): void {
    if (VOID.has(name)) {
      if (name === 'br') this.current.children.push(new ElementNode('br', {}, this.current));
      return;
    }
    if (name === 'html' || name === 'body') return; // content after </body> still belongs to the body
    if (TABLE_PARTS.has(name) || name === 'tr' || name === 'td' || name === 'th') {
      this.closeAnyUntil([name], ['table']);
      return;
    }
    const special = SPECIAL.has(name);
    const low = Math.max(1, this.stack.length - SEARCH_LIMIT);
    for (let i = this.stack.length - 1; i >= low; i--) {
      const node = this.stack[i]!;
      if (node.tag === name) {
        this.popTo(i);
        return;
      }
      if (special ? SCOPE.has(node.tag) : SPECIAL.has(node.tag)) return;
    }
  }

  private closeInScope(name: string, scope: Set<string>): void {
    const low = Math.max(1, this.stack.length - SEARCH_LIMIT);
    for (let i = this.stack.length - 1; i >= low; i--) {
      const tag = this.stack[i]!.tag;
      if (tag === name) {
        this.popTo(i);
        return;
      }
      if (scope.has(tag)) return;
    }
  }

  private closeAnyUntil(names: string[], boundaries: string[]): void {
    const low = Math.max(1, this.stack.length - SEARCH_LIMIT);
    for (let i = this.stack.length - 1; i >= low; i--) {
      const tag = this.stack[i]!.tag;
      if (names.includes(tag)) {
        this.popTo(i);
        return;
      }
      if (boundaries.includes(tag)) return;
    }
  }

  /** Pops the element at stack index `index` and everything above it. */
  private popTo(index: number): void {
    while (this.stack.length > index) {
      const element = this.stack.pop()!;
      if (FOREIGN.has(element.tag)) this.foreignDepth = Math.max(0, this.foreignDepth - 1);
      if (element.tag === this.rawTag) this.rawTag = '';
    }
  }
}

/** Parses an HTML string into a compact tree. Never throws on malformed markup. */
export function parseHtml(html: string, options: ParseOptions = {}): ParsedDocument {
  const builder = new TreeBuilder(html, options.maxDepth ?? 400);
  const tokenizer = new Tokenizer({ decodeEntities: true }, builder);
  tokenizer.write(html);
  tokenizer.end();
  return { root: builder.root, html: builder.html, head: builder.head, body: builder.body, jsonLd: builder.jsonLd, flattened: builder.flattened };
}

/** Visits elements in document order without recursion; return false from `visit` to skip an element's subtree. */
export function walkElements(start: ElementNode, visit: (element: ElementNode) => boolean | void): void {
  const stack: ElementNode[] = [start];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (visit(element) === false) continue;
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i]!;
      if (child.kind === 1) stack.push(child);
    }
  }
}

/** All elements with one of the given tag names, in document order. */
export function findAll(start: ElementNode, tags: string | readonly string[]): ElementNode[] {
  const wanted = typeof tags === 'string' ? [tags] : tags;
  const out: ElementNode[] = [];
  walkElements(start, (el) => {
    if (wanted.includes(el.tag)) out.push(el);
  });
  return out;
}

/** Concatenated text of a subtree (no whitespace normalisation). */
export function textContent(start: ElementNode): string {
  const parts: string[] = [];
  const stack: DomNode[] = [start];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 3) {
      parts.push(node.text);
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return parts.join('');
}

/** Collapses runs of whitespace (including NBSP and zero-width joiners used as spacing) to one space. */
export function squashSpace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/g, ' ').trim();
}
