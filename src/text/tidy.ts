import type { Block, Inline, Mark, RichText } from '../model/rich-text.ts';

/** Canonical mark order, so that equal styling compares equal. */
const MARK_ORDER: readonly Mark[] = ['bold', 'italic', 'strike', 'underline', 'code'];

export function sortMarks(marks: readonly Mark[] | undefined): Mark[] {
  const set = new Set(marks ?? []);
  return MARK_ORDER.filter((m) => set.has(m));
}

type TextInline = Extract<Inline, { type: 'text' }>;

/** A text inline with its marks sorted and empty fields left out. */
export function textInline(text: string, marks?: readonly Mark[], href?: string): TextInline {
  const node: TextInline = { type: 'text', text };
  const sorted = sortMarks(marks);
  if (sorted.length > 0) node.marks = sorted;
  if (href !== undefined) node.href = href;
  return node;
}

export function sameStyle(a: TextInline, b: TextInline): boolean {
  const am = sortMarks(a.marks);
  const bm = sortMarks(b.marks);
  return a.href === b.href && am.length === bm.length && am.every((m, i) => m === bm[i]);
}

/** Empty text dropped, marks sorted, adjacent text of the same style merged. */
export function tidyInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of inlines) {
    if (node.type !== 'text') {
      out.push(node);
      continue;
    }
    if (node.text === '') continue;
    const prev = out[out.length - 1];
    if (prev?.type === 'text' && sameStyle(prev, node)) {
      out[out.length - 1] = textInline(prev.text + node.text, prev.marks, prev.href);
    } else {
      out.push(textInline(node.text, node.marks, node.href));
    }
  }
  return out;
}

/** Only spaces (no-break ones too) and line breaks: an editor's spacer, nothing a reader reads. */
function blank(inlines: readonly Inline[]): boolean {
  return inlines.every((n) => n.type === 'break' || (n.type === 'text' && n.text.trim() === ''));
}

function tidyBlock(block: Block): Block | undefined {
  switch (block.type) {
    case 'paragraph': {
      const children = tidyInlines(block.children);
      return blank(children) ? undefined : { type: 'paragraph', children };
    }
    case 'heading': {
      const children = tidyInlines(block.children);
      return blank(children) ? undefined : { type: 'heading', level: block.level, children };
    }
    case 'list': {
      const items = block.items.map(tidyBlocks).filter((item) => item.length > 0);
      return items.length > 0 ? { type: 'list', ordered: block.ordered, items } : undefined;
    }
    case 'codeBlock':
      if (block.text === '') return undefined;
      return block.language ? { type: 'codeBlock', language: block.language, text: block.text } : { type: 'codeBlock', text: block.text };
    case 'blockquote': {
      const children = tidyBlocks(block.children);
      return children.length > 0 ? { type: 'blockquote', children } : undefined;
    }
    case 'table': {
      const rows = block.rows
        .filter((row) => row.cells.length > 0)
        .map((row) => ({ cells: row.cells.map((cell) => ({ header: cell.header, content: tidyBlocks(cell.content) })) }));
      return rows.length > 0 ? { type: 'table', rows } : undefined;
    }
    case 'rule':
      return { type: 'rule' };
  }
}

export function tidyBlocks(blocks: readonly Block[]): Block[] {
  return blocks.map(tidyBlock).filter((b): b is Block => b !== undefined);
}

/**
 * The light normalisation every parser applies: adjacent text with the same marks/href merged, marks sorted,
 * empty text, blank paragraphs (spaces and breaks only), empty lists, quotes and code blocks dropped.
 * What a reader sees is untouched.
 */
export function tidyRichText(doc: RichText): RichText {
  return { type: 'doc', blocks: tidyBlocks(doc.blocks) };
}
