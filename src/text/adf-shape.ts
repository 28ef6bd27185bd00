import type { Block, Inline, RichText } from '../model/rich-text.ts';
import { blocksToInlines } from './flatten.ts';
import { textInline, tidyBlocks } from './tidy.ts';
import { adfLinkable } from './url.ts';

/**
 * The tree cut down to what ADF can hold, so that richTextToAdf is always valid and the fingerprint can
 * compare an HTML body with its ADF echo. Content rules from the ADF schema
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/):
 * - listItem and blockquote hold only paragraph, bulletList/orderedList and codeBlock;
 * - tableCell/tableHeader hold any block but a table;
 * - the code mark combines with link only; a link mark needs an absolute, root-relative or fragment URL;
 * - a mention needs an id; an image is written as a link, so its src must be linkable.
 * What does not fit degrades to the nearest readable form: a heading to a bold paragraph, a nested quote
 * to its content, a table to one " | " line per row, a rule to "---".
 */
type Place = 'doc' | 'item' | 'quote' | 'cell';

/** How an image reads in JSM: a link titled "[image: alt]". adf-parse turns the same shape back into an image. */
export function imageLabel(alt: string | undefined): string {
  const clean = alt?.replace(/\s+/g, ' ').trim();
  return clean ? `[image: ${clean}]` : '[image]';
}

function shapeInline(node: Inline): Inline {
  if (node.type === 'mention' && !node.id) return { type: 'text', text: `@${node.name}` };
  if (node.type === 'image' && !adfLinkable(node.src)) return { type: 'text', text: imageLabel(node.alt) };
  if (node.type !== 'text') return node;
  const href = node.href !== undefined && adfLinkable(node.href) ? node.href : undefined;
  const marks = node.marks?.includes('code') ? ['code' as const] : node.marks;
  return textInline(node.text, marks, href);
}

function emphasise(node: Inline): Inline {
  return node.type === 'text' ? textInline(node.text, [...(node.marks ?? []), 'bold'], node.href) : node;
}

function shapeBlock(block: Block, place: Place): Block[] {
  const narrow = place === 'item' || place === 'quote';
  switch (block.type) {
    case 'paragraph':
      return [{ type: 'paragraph', children: block.children.map(shapeInline) }];
    case 'heading': {
      const children = block.children.map(shapeInline);
      return narrow ? [{ type: 'paragraph', children: children.map(emphasise).map(shapeInline) }] : [{ type: 'heading', level: block.level, children }];
    }
    case 'list':
      return [{ type: 'list', ordered: block.ordered, items: block.items.map((item) => shapeBlocks(item, 'item')) }];
    case 'codeBlock':
      return [block];
    case 'blockquote':
      return narrow ? shapeBlocks(block.children, place) : [{ type: 'blockquote', children: shapeBlocks(block.children, 'quote') }];
    case 'table':
      if (place === 'doc') {
        return [{ type: 'table', rows: block.rows.map((row) => ({ cells: row.cells.map((cell) => ({ header: cell.header, content: shapeBlocks(cell.content, 'cell') })) })) }];
      }
      return block.rows.map((row) => ({ type: 'paragraph', children: blocksToInlines([{ type: 'table', rows: [row] }]).map(shapeInline) }));
    case 'rule':
      return narrow ? [{ type: 'paragraph', children: [{ type: 'text', text: '---' }] }] : [block];
  }
}

function shapeBlocks(blocks: readonly Block[], place: Place): Block[] {
  return tidyBlocks(blocks.flatMap((b) => shapeBlock(b, place)));
}

export function shapeForAdf(doc: RichText): RichText {
  return { type: 'doc', blocks: shapeBlocks(doc.blocks, 'doc') };
}
