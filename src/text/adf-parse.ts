import type { Block, Inline, Mark, RichText } from '../model/rich-text.ts';
import { plainDoc } from '../model/rich-text.ts';
import { AdfMarkSchema, AdfNodeSchema, type RawAdfNode } from './adf-types.ts';
import { tidyRichText } from './tidy.ts';
import { safeHref, safeImageSrc } from './url.ts';

/**
 * JSM/Jira ADF → tree. Nodes are parsed loosely one at a time: a node we do not know degrades to its text
 * content (never to JSON), a malformed child is skipped, and marks without a tree equivalent (colour,
 * sub/superscript, annotations) are dropped.
 * https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 */

const TREE_MARKS: Record<string, Mark> = { strong: 'bold', em: 'italic', strike: 'strike', underline: 'underline', code: 'code' };

/** The shape richTextToAdf gives an image: a link titled "[image]" or "[image: alt]". */
const IMAGE_LABEL = /^\[image(?:: ([\s\S]*))?\]$/;

/** Node nesting we follow: deeper content is read as flat text, so no document can exhaust the stack. */
const MAX_DEPTH = 100;

/** Every text under a node, read without recursion. */
function flatText(root: unknown): string {
  const parts: string[] = [];
  const stack: unknown[] = [root];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const node = AdfNodeSchema.safeParse(item);
    if (!node.success) continue;
    if (node.data.text) parts.push(node.data.text);
    else if (typeof node.data.attrs?.['text'] === 'string') parts.push(node.data.attrs['text']);
    for (let i = (node.data.content?.length ?? 0) - 1; i >= 0; i--) stack.push(node.data.content?.[i]);
  }
  return parts.join(' ');
}

function nodesOf(content: readonly unknown[] | undefined): RawAdfNode[] {
  return (content ?? []).flatMap((c) => {
    const parsed = AdfNodeSchema.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
}

function attr(node: RawAdfNode, key: string): string | undefined {
  const value = node.attrs?.[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function textOf(node: RawAdfNode): Inline[] {
  const marks: Mark[] = [];
  let href: string | undefined;
  for (const raw of node.marks ?? []) {
    const mark = AdfMarkSchema.safeParse(raw);
    if (!mark.success) continue;
    const treeMark = TREE_MARKS[mark.data.type];
    if (treeMark) marks.push(treeMark);
    else if (mark.data.type === 'link') href = safeHref(typeof mark.data.attrs?.['href'] === 'string' ? mark.data.attrs['href'] : undefined);
  }
  const text = node.text ?? '';
  const image = IMAGE_LABEL.exec(text);
  const src = safeImageSrc(href);
  if (image && src !== undefined && marks.length === 0) {
    return [image[1] ? { type: 'image', src, alt: image[1] } : { type: 'image', src }];
  }
  // a newline inside a text node shows as a line break in Jira's renderer
  return text.split('\n').flatMap((line, i): Inline[] => {
    const out: Inline[] = i === 0 ? [] : [{ type: 'break' }];
    if (line !== '') out.push({ type: 'text', text: line, ...(marks.length ? { marks: [...marks] } : {}), ...(href ? { href } : {}) });
    return out;
  });
}

function mediaInline(node: RawAdfNode): Inline {
  const alt = attr(node, 'alt');
  const url = attr(node, 'type') === 'external' ? safeImageSrc(attr(node, 'url')) : undefined;
  if (url !== undefined) return alt ? { type: 'image', src: url, alt } : { type: 'image', src: url };
  // Atlassian-hosted files have no public URL: say that something is attached
  const name = alt ?? attr(node, '__fileName');
  return { type: 'text', text: name ? `[attachment: ${name}]` : '[attachment]' };
}

function dateText(node: RawAdfNode): string {
  const ms = Number(attr(node, 'timestamp'));
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
}

function inlinesOf(content: readonly unknown[] | undefined, depth: number): Inline[] {
  return nodesOf(content).flatMap((node) => inlineOf(node, depth));
}

function inlineOf(node: RawAdfNode, outer: number): Inline[] {
  if (outer >= MAX_DEPTH) return [{ type: 'text', text: flatText(node) }];
  const depth = outer + 1;
  switch (node.type) {
    case 'text':
      return textOf(node);
    case 'hardBreak':
      return [{ type: 'break' }];
    case 'mention': {
      const id = attr(node, 'id');
      const name = (attr(node, 'text') ?? '').replace(/^@/, '') || 'unknown user';
      return [id ? { type: 'mention', name, id } : { type: 'mention', name }];
    }
    case 'emoji':
      return [{ type: 'text', text: attr(node, 'text') ?? attr(node, 'shortName') ?? '' }];
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard': {
      const url = attr(node, 'url');
      const href = safeHref(url);
      return url ? [href ? { type: 'text', text: url, href } : { type: 'text', text: url }] : [];
    }
    case 'status':
      return [{ type: 'text', text: attr(node, 'text') ?? '' }];
    case 'date':
      return [{ type: 'text', text: dateText(node) }];
    case 'media':
    case 'mediaInline':
      return [mediaInline(node)];
    case 'placeholder':
      return []; // hint text shown in an empty editor, not content
    default:
      if (node.content) return blocksToLine(node.content, depth);
      return [{ type: 'text', text: node.text ?? attr(node, 'text') ?? '' }];
  }
}

/** Block content found where inlines belong: kept as text, blocks separated by breaks. */
function blocksToLine(content: readonly unknown[], depth: number): Inline[] {
  if (depth >= MAX_DEPTH) return [{ type: 'text', text: content.map(flatText).join(' ') }];
  const out: Inline[] = [];
  for (const node of nodesOf(content)) {
    const part = BLOCK_TYPES.has(node.type) ? blocksToLine(node.content ?? [], depth + 1) : inlineOf(node, depth);
    if (part.length === 0) continue;
    if (out.length > 0 && BLOCK_TYPES.has(node.type)) out.push({ type: 'break' });
    out.push(...part);
  }
  return out;
}

const BLOCK_TYPES = new Set([
  'paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'codeBlock', 'blockquote', 'panel', 'rule',
  'table', 'tableRow', 'tableHeader', 'tableCell', 'mediaSingle', 'mediaGroup', 'expand', 'nestedExpand',
  'layoutSection', 'layoutColumn', 'taskList', 'taskItem', 'decisionList', 'decisionItem', 'bodiedExtension',
]);

function headingLevel(node: RawAdfNode): 1 | 2 | 3 | 4 | 5 | 6 {
  const level = Math.round(Number(node.attrs?.['level']));
  return (level >= 1 && level <= 6 ? level : 1) as 1 | 2 | 3 | 4 | 5 | 6;
}

function listItems(node: RawAdfNode, depth: number): Block[][] {
  const items: Block[][] = [];
  for (const child of nodesOf(node.content)) {
    if (child.type === 'taskItem' || child.type === 'decisionItem') {
      const tick = child.type === 'taskItem' ? (attr(child, 'state') === 'DONE' ? '[x] ' : '[ ] ') : '';
      items.push([{ type: 'paragraph', children: [{ type: 'text', text: tick }, ...inlinesOf(child.content, depth)] }]);
    } else if (child.type === 'listItem') {
      items.push(blocksOf(child.content, depth + 1));
    } else {
      // a nested taskList sits beside its items: it belongs to the item before it
      const blocks = blocksOf([child], depth);
      const last = items[items.length - 1];
      if (last) last.push(...blocks);
      else items.push(blocks);
    }
  }
  return items;
}

function blockOf(node: RawAdfNode, outer: number): Block[] | undefined {
  if (outer >= MAX_DEPTH) return [{ type: 'paragraph', children: [{ type: 'text', text: flatText(node) }] }];
  const depth = outer + 1;
  switch (node.type) {
    case 'paragraph':
      return [{ type: 'paragraph', children: inlinesOf(node.content, depth) }];
    case 'heading':
      return [{ type: 'heading', level: headingLevel(node), children: inlinesOf(node.content, depth) }];
    case 'bulletList':
    case 'taskList':
    case 'decisionList':
      return [{ type: 'list', ordered: false, items: listItems(node, depth) }];
    case 'orderedList':
      return [{ type: 'list', ordered: true, items: listItems(node, depth) }];
    case 'codeBlock': {
      const text = nodesOf(node.content).map((t) => t.text ?? '').join('');
      const language = attr(node, 'language');
      return [language ? { type: 'codeBlock', language, text } : { type: 'codeBlock', text }];
    }
    case 'blockquote':
    case 'panel':
      return [{ type: 'blockquote', children: blocksOf(node.content, depth) }];
    case 'rule':
      return [{ type: 'rule' }];
    case 'table':
      return [{
        type: 'table',
        rows: nodesOf(node.content).map((row) => ({
          cells: nodesOf(row.content).map((cell) => ({ header: cell.type === 'tableHeader', content: blocksOf(cell.content, depth) })),
        })),
      }];
    case 'mediaSingle':
    case 'mediaGroup':
      return nodesOf(node.content).map((m): Block => ({ type: 'paragraph', children: m.type === 'caption' ? inlinesOf(m.content, depth) : [mediaInline(m)] }));
    case 'expand':
    case 'nestedExpand': {
      const title = attr(node, 'title');
      const head: Block[] = title ? [{ type: 'paragraph', children: [{ type: 'text', text: title, marks: ['bold'] }] }] : [];
      return [...head, ...blocksOf(node.content, depth)];
    }
    case 'blockCard':
    case 'embedCard':
      return [{ type: 'paragraph', children: inlineOf(node, depth) }];
    default:
      return undefined;
  }
}

/** Block content; stray inline nodes (or unknown ones) are gathered into paragraphs. */
function blocksOf(content: readonly unknown[] | undefined, depth: number): Block[] {
  const blocks: Block[] = [];
  let pending: Inline[] = [];
  const flush = (): void => {
    if (pending.length > 0) blocks.push({ type: 'paragraph', children: pending });
    pending = [];
  };
  for (const node of nodesOf(content)) {
    const known = blockOf(node, depth);
    if (known) {
      flush();
      blocks.push(...known);
    } else if (node.content && nodesOf(node.content).some((c) => BLOCK_TYPES.has(c.type))) {
      flush();
      blocks.push(...blocksOf(node.content, depth + 1)); // unknown container (layout, extension body): its content
    } else {
      pending.push(...inlineOf(node, depth));
    }
  }
  flush();
  return blocks;
}

/** A string body that is really a serialised ADF document (double-encoded by some integration). */
function parseJsonDoc(text: string): unknown {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return AdfNodeSchema.safeParse(value).success ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Accepts an ADF document (or a single node), or a plain string body as the JSM request API returns it;
 * a string holding serialised ADF is decoded rather than shown as JSON.
 */
export function adfToRichText(adf: unknown): RichText {
  if (typeof adf === 'string') {
    const decoded = parseJsonDoc(adf);
    return decoded === undefined ? plainDoc(adf) : adfToRichText(decoded);
  }
  const root = AdfNodeSchema.safeParse(adf);
  if (!root.success) return { type: 'doc', blocks: [] };
  const content = root.data.type === 'doc' ? root.data.content : [root.data];
  return tidyRichText({ type: 'doc', blocks: blocksOf(content, 0) });
}
