import type { Block, Inline, RichText } from '../model/rich-text.ts';
import { imageLabel, shapeForAdf } from './adf-shape.ts';
import { textInline, tidyBlocks, tidyInlines } from './tidy.ts';
import { collapseWhitespace } from './whitespace.ts';

/**
 * The normal form the fingerprint hashes: what a reader sees, independent of which side wrote it.
 * - cut to what ADF can hold (what survives a trip through JSM), see shapeForAdf;
 * - a mention reads "@Name" (HTML has no mentions), an image reads as its "[image: alt]" link (as in JSM);
 * - whitespace collapsed as a browser does (no-break spaces too), none at line ends, no edge line breaks,
 *   and spaces moved out of styled runs ("<b>foo </b>bar" = "<b>foo</b> bar");
 * - code block language dropped (HTML does not carry it), trailing blanks trimmed;
 * - marks sorted, same-style text merged, empty blocks dropped.
 */
function degrade(node: Inline): Inline {
  if (node.type === 'mention') return { type: 'text', text: `@${node.name}` };
  if (node.type === 'image') return textInline(imageLabel(node.alt), undefined, node.src);
  return node;
}

function hoistSpaces(node: Inline): Inline[] {
  if (node.type !== 'text') return [node];
  const text = node.text.replace(/\s+/gu, ' ');
  if (!node.marks?.length && node.href === undefined) return [{ type: 'text', text }];
  const core = text.trim();
  if (core === '') return [{ type: 'text', text: ' ' }];
  return [
    ...(text.startsWith(' ') ? [{ type: 'text', text: ' ' } as const] : []),
    textInline(core, node.marks, node.href),
    ...(text.endsWith(' ') ? [{ type: 'text', text: ' ' } as const] : []),
  ];
}

function canonicalInlines(nodes: readonly Inline[]): Inline[] {
  const out = collapseWhitespace(tidyInlines(nodes.flatMap(hoistSpaces)));
  while (out[0]?.type === 'break') out.shift();
  return tidyInlines(out);
}

function canonicalCode(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, '');
}

function canonicalBlock(block: Block): Block {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', children: canonicalInlines(block.children) };
    case 'heading':
      return { type: 'heading', level: block.level, children: canonicalInlines(block.children) };
    case 'list':
      return { type: 'list', ordered: block.ordered, items: block.items.map(canonicalBlocks) };
    case 'codeBlock':
      return { type: 'codeBlock', text: canonicalCode(block.text) };
    case 'blockquote':
      return { type: 'blockquote', children: canonicalBlocks(block.children) };
    case 'table':
      return { type: 'table', rows: block.rows.map((row) => ({ cells: row.cells.map((cell) => ({ header: cell.header, content: canonicalBlocks(cell.content) })) })) };
    case 'rule':
      return block;
  }
}

function canonicalBlocks(blocks: readonly Block[]): Block[] {
  return tidyBlocks(blocks.map(canonicalBlock));
}

function mapInlines(blocks: readonly Block[], fn: (node: Inline) => Inline): Block[] {
  return blocks.map((block): Block => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return { ...block, children: block.children.map(fn) };
      case 'list':
        return { ...block, items: block.items.map((item) => mapInlines(item, fn)) };
      case 'blockquote':
        return { ...block, children: mapInlines(block.children, fn) };
      case 'table':
        return { ...block, rows: block.rows.map((row) => ({ cells: row.cells.map((cell) => ({ ...cell, content: mapInlines(cell.content, fn) })) })) };
      default:
        return block;
    }
  });
}

export function canonicalRichText(doc: RichText): RichText {
  const degraded: RichText = { type: 'doc', blocks: mapInlines(doc.blocks, degrade) };
  return { type: 'doc', blocks: canonicalBlocks(shapeForAdf(degraded).blocks) };
}
