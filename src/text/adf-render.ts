import type { Block, Inline, Mark } from '../model/rich-text.ts';
import type { RichText } from '../model/rich-text.ts';
import type { AdfDoc, AdfMark, AdfNode } from './adf-types.ts';
import { imageLabel, shapeForAdf } from './adf-shape.ts';

/**
 * Tree → ADF for Jira/JSM bodies (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/).
 * The tree is first cut down by shapeForAdf, so the content rules hold; here we only keep the node-level
 * ones: text is never empty, listItem starts with a paragraph or codeBlock, cells are never empty.
 */
const ADF_MARKS: Record<Mark, string> = { bold: 'strong', italic: 'em', strike: 'strike', underline: 'underline', code: 'code' };

function textNode(text: string, marks: readonly Mark[] | undefined, href: string | undefined): AdfNode {
  const adfMarks: AdfMark[] = (marks ?? []).map((m) => ({ type: ADF_MARKS[m] }));
  if (href !== undefined) adfMarks.push({ type: 'link', attrs: { href } });
  return adfMarks.length > 0 ? { type: 'text', text, marks: adfMarks } : { type: 'text', text };
}

function inlineNode(node: Inline): AdfNode | undefined {
  switch (node.type) {
    case 'text':
      return node.text === '' ? undefined : textNode(node.text, node.marks, node.href);
    case 'break':
      return { type: 'hardBreak' };
    case 'mention':
      return { type: 'mention', attrs: { id: node.id ?? '', text: `@${node.name}` } };
    case 'image':
      return textNode(imageLabel(node.alt), undefined, node.src);
  }
}

function inlineNodes(nodes: readonly Inline[]): AdfNode[] {
  return nodes.map(inlineNode).filter((n): n is AdfNode => n !== undefined);
}

const EMPTY_PARAGRAPH: AdfNode = { type: 'paragraph', content: [] };

function itemContent(blocks: readonly Block[]): AdfNode[] {
  const content = blocks.map(blockNode);
  const first = content[0]?.type;
  // a listItem may not start with a nested list (nor be empty): an empty paragraph goes first
  return first === 'paragraph' || first === 'codeBlock' ? content : [EMPTY_PARAGRAPH, ...content];
}

function cellContent(blocks: readonly Block[]): AdfNode[] {
  const content = blocks.map(blockNode);
  return content.length > 0 ? content : [EMPTY_PARAGRAPH];
}

function blockNode(block: Block): AdfNode {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', content: inlineNodes(block.children) };
    case 'heading':
      return { type: 'heading', attrs: { level: block.level }, content: inlineNodes(block.children) };
    case 'list':
      return {
        type: block.ordered ? 'orderedList' : 'bulletList',
        content: block.items.map((item) => ({ type: 'listItem', content: itemContent(item) })),
      };
    case 'codeBlock': {
      const node: AdfNode = { type: 'codeBlock', content: block.text === '' ? [] : [{ type: 'text', text: block.text }] };
      if (block.language) node.attrs = { language: block.language };
      return node;
    }
    case 'blockquote':
      return { type: 'blockquote', content: block.children.map(blockNode) };
    case 'table':
      return {
        type: 'table',
        content: block.rows.map((row) => ({
          type: 'tableRow',
          content: row.cells.map((cell) => ({ type: cell.header ? 'tableHeader' : 'tableCell', content: cellContent(cell.content) })),
        })),
      };
    case 'rule':
      return { type: 'rule' };
  }
}

export function richTextToAdf(doc: RichText): AdfDoc {
  return { type: 'doc', version: 1, content: shapeForAdf(doc).blocks.map(blockNode) };
}
