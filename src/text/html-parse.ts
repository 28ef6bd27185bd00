import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import type { Block, Inline, Mark, RichText } from '../model/rich-text.ts';
import { blocksToInlines } from './flatten.ts';
import { collapseWhitespace } from './whitespace.ts';
import { tidyRichText } from './tidy.ts';
import { safeHref, safeImageSrc } from './url.ts';

/**
 * Zendesk `html_body` → tree, by allow-list: known elements map to tree nodes, unknown elements keep their
 * text, dangerous containers are dropped with their content, and only href/src/alt are ever read.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/ (html_body)
 */

/** Dropped with everything inside: never text a reader should see, and the usual XSS carriers. */
const DROPPED = new Set([
  'script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base',
  'frame', 'frameset', 'applet', 'svg', 'math', 'audio', 'video', 'canvas', 'source', 'track', 'param', 'select',
  'input', 'textarea',
]);

const INLINE_MARKS: Record<string, Mark> = {
  b: 'bold', strong: 'bold',
  i: 'italic', em: 'italic', cite: 'italic', var: 'italic', dfn: 'italic',
  s: 'strike', strike: 'strike', del: 'strike',
  u: 'underline', ins: 'underline',
  code: 'code', kbd: 'code', samp: 'code', tt: 'code',
};

/** Elements that start a new block; their inline content becomes a paragraph. */
const CONTAINERS = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'figure', 'figcaption', 'address',
  'center', 'dl', 'dt', 'dd', 'details', 'summary', 'fieldset', 'legend', 'form', 'body', 'html', 'li', 'hgroup',
  'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
]);

const HEADINGS: Record<string, 1 | 2 | 3 | 4 | 5 | 6> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

interface Style {
  marks: Mark[];
  href?: string;
  /** element nesting so far: past MAX_DEPTH the rest is read as flat text, so no body can exhaust the stack */
  depth: number;
}

const MAX_DEPTH = 100;

/** Collects blocks, plus the inline run of the paragraph being built. */
class Sink {
  readonly blocks: Block[] = [];
  private inlines: Inline[] = [];

  add(inline: Inline): void {
    this.inlines.push(inline);
  }

  flush(): void {
    const children = collapseWhitespace(this.inlines);
    this.inlines = [];
    if (children.length > 0) this.blocks.push({ type: 'paragraph', children });
  }

  push(block: Block): void {
    this.flush();
    this.blocks.push(block);
  }

  done(): Block[] {
    this.flush();
    return this.blocks;
  }
}

function styled(text: string, style: Style): Inline {
  const node: Inline = { type: 'text', text };
  if (style.marks.length > 0) node.marks = [...style.marks];
  if (style.href !== undefined) node.href = style.href;
  return node;
}

function walk(nodes: readonly ChildNode[], style: Style, sink: Sink): void {
  for (const node of nodes) {
    if (isText(node)) sink.add(styled(node.data, style));
    else if (isTag(node)) element(node, style, sink);
    // comments, directives and CDATA carry nothing a reader sees
  }
}

function blocksOf(nodes: readonly ChildNode[], style: Style): Block[] {
  const sink = new Sink();
  walk(nodes, style, sink);
  return sink.done();
}

function element(el: Element, outer: Style, sink: Sink): void {
  const name = el.name.toLowerCase();
  if (DROPPED.has(name)) return;
  if (outer.depth >= MAX_DEPTH) return sink.add(styled(flatText(el), outer));
  const style: Style = { ...outer, depth: outer.depth + 1 };
  const mark = INLINE_MARKS[name];
  if (mark) return walk(el.children, { ...style, marks: [...style.marks, mark] }, sink);
  const level = HEADINGS[name];
  if (level) return sink.push({ type: 'heading', level, children: blocksToInlines(blocksOf(el.children, style)) });
  switch (name) {
    case 'a': {
      const href = safeHref(el.attribs['href']);
      return walk(el.children, href === undefined ? style : { ...style, href }, sink);
    }
    case 'br':
      return sink.add({ type: 'break' });
    case 'img':
      return sink.add(image(el));
    case 'hr':
      return sink.push({ type: 'rule' });
    case 'pre': {
      const text = flatText(el).replace(/^\r?\n/, '').replace(/\s+$/, '');
      if (text !== '') sink.push({ type: 'codeBlock', text });
      return;
    }
    case 'blockquote':
      return sink.push({ type: 'blockquote', children: blocksOf(el.children, style) });
    case 'ul':
    case 'ol':
      return sink.push({ type: 'list', ordered: name === 'ol', items: listItems(el, style) });
    case 'table':
      return table(el, style, sink);
  }
  if (CONTAINERS.has(name)) {
    sink.flush();
    walk(el.children, style, sink);
    sink.flush();
    return;
  }
  walk(el.children, style, sink); // unknown element: keep its text
}

function image(el: Element): Inline {
  const alt = el.attribs['alt']?.replace(/\s+/g, ' ').trim();
  const src = safeImageSrc(el.attribs['src']);
  if (src !== undefined) return alt ? { type: 'image', src, alt } : { type: 'image', src };
  // data: blobs and script URLs are not kept, but the reader learns an image was there
  return { type: 'text', text: alt ? `[image: ${alt}]` : '[image]' };
}

function listItems(list: Element, style: Style): Block[][] {
  const items: Block[][] = [];
  for (const child of list.children) {
    if (isTag(child) && child.name === 'li') items.push(blocksOf(child.children, style));
    else if (isTag(child) || (isText(child) && child.data.trim() !== '')) {
      // stray content between <li>s (common in pasted mail): it belongs to the item before it
      const blocks = blocksOf([child], style);
      const last = items[items.length - 1];
      if (last) last.push(...blocks);
      else items.push(blocks);
    }
  }
  return items;
}

/** The rows of a table, through thead/tbody/tfoot but not into nested tables. */
function rowsOf(el: Element): Element[] {
  const rows: Element[] = [];
  for (const child of el.children) {
    if (!isTag(child)) continue;
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') rows.push(...rowsOf(child));
  }
  return rows;
}

function table(el: Element, style: Style, sink: Sink): void {
  for (const child of el.children) {
    if (isTag(child) && child.name === 'caption') for (const block of blocksOf(child.children, style)) sink.push(block);
  }
  const rows = rowsOf(el).map((tr) => ({
    cells: tr.children
      .filter((c): c is Element => isTag(c) && (c.name === 'td' || c.name === 'th'))
      .map((cell) => ({ header: cell.name === 'th', content: blocksOf(cell.children, style) })),
  }));
  sink.push({ type: 'table', rows });
}

/**
 * The text under an element, read without recursion: inside <pre> it is verbatim (<br> and block ends are
 * newlines); past the depth limit whitespace is collapsed later like any text.
 */
function flatText(root: Element): string {
  let out = '';
  const stack: (ChildNode | '\n')[] = [...root.children].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === '\n') {
      if (!out.endsWith('\n')) out += '\n';
    } else if (isText(node)) out += node.data;
    else if (isTag(node) && !DROPPED.has(node.name)) {
      if (node.name === 'br') out += '\n';
      else {
        if (CONTAINERS.has(node.name) || node.name === 'pre') stack.push('\n');
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as ChildNode);
      }
    }
  }
  return out;
}

export function htmlToRichText(html: string): RichText {
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  return tidyRichText({ type: 'doc', blocks: blocksOf(dom.children, { marks: [], depth: 0 }) });
}
