import type { Block, Inline, RichText } from '../model/rich-text.ts';

/**
 * Tree → readable plain text (a Zendesk `body`, a JSM string comment, an email): lists as "- " and "1. "
 * (nested ones indented), quotes as "> ", tables as " | " rows, links as "text (url)", mentions as "@name",
 * images as "[image: alt] (src)". Blocks are separated by a blank line.
 */
function inlineText(node: Inline): string {
  switch (node.type) {
    case 'text': {
      if (node.href === undefined) return node.text;
      const bare = node.href.replace(/^mailto:/i, '');
      return node.text.trim() === node.href || node.text.trim() === bare ? node.text : `${node.text} (${node.href})`;
    }
    case 'break':
      return '\n';
    case 'mention':
      return `@${node.name}`;
    case 'image':
      return `${node.alt ? `[image: ${node.alt}]` : '[image]'} (${node.src})`;
  }
}

/** Adjacent runs of one link (split by styling) are printed as one "text (url)". */
function inlinesText(nodes: readonly Inline[]): string {
  const merged: Inline[] = [];
  for (const node of nodes) {
    const prev = merged[merged.length - 1];
    if (node.type === 'text' && prev?.type === 'text' && node.href !== undefined && prev.href === node.href) {
      merged[merged.length - 1] = { type: 'text', text: prev.text + node.text, href: node.href };
    } else merged.push(node);
  }
  return merged.map(inlineText).join('');
}

function indent(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first + line : line === '' ? line : rest + line))
    .join('\n');
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlinesText(block.children);
    case 'list':
      return block.items
        .map((item, i) => {
          const marker = block.ordered ? `${i + 1}. ` : '- ';
          // nested lists sit right under their item, other blocks of an item are separate paragraphs
          const body = item.map((b, j) => (j > 0 && b.type !== 'list' ? '\n' : '') + blockText(b)).join('\n');
          return indent(body, marker, ' '.repeat(marker.length));
        })
        .join('\n');
    case 'codeBlock':
      return block.text;
    case 'blockquote':
      return blocksText(block.children)
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'table':
      return block.rows.map((row) => row.cells.map((cell) => blocksText(cell.content).replace(/\s*\n\s*/g, ' ')).join(' | ')).join('\n');
    case 'rule':
      return '---';
  }
}

function blocksText(blocks: readonly Block[]): string {
  return blocks
    .map(blockText)
    .filter((t) => t !== '')
    .join('\n\n');
}

export function richTextToPlain(doc: RichText): string {
  return blocksText(doc.blocks);
}
