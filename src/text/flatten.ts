import type { Block, Inline } from '../model/rich-text.ts';

/**
 * Blocks squeezed into one line of inline content, for places that only hold inlines (a heading, a table
 * row that must become a paragraph). Blocks are separated by line breaks; list items keep a "- "/"1. "
 * marker and table cells a " | " separator, so the text still reads right.
 */
export function blocksToInlines(blocks: readonly Block[]): Inline[] {
  const out: Inline[] = [];
  for (const block of blocks) {
    const part = blockToInlines(block);
    if (part.length === 0) continue;
    if (out.length > 0) out.push({ type: 'break' });
    out.push(...part);
  }
  return out;
}

function blockToInlines(block: Block): Inline[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [...block.children];
    case 'codeBlock':
      return block.text.split('\n').flatMap((line, i): Inline[] => {
        const out: Inline[] = i === 0 ? [] : [{ type: 'break' }];
        if (line !== '') out.push({ type: 'text', text: line, marks: ['code'] });
        return out;
      });
    case 'list':
      return block.items.flatMap((item, i): Inline[] => [
        ...(i === 0 ? [] : [{ type: 'break' } as const]),
        { type: 'text', text: block.ordered ? `${i + 1}. ` : '- ' },
        ...blocksToInlines(item),
      ]);
    case 'blockquote':
      return blocksToInlines(block.children);
    case 'table':
      return block.rows.flatMap((row, r): Inline[] => [
        ...(r === 0 ? [] : [{ type: 'break' } as const]),
        ...row.cells.flatMap((cell, c): Inline[] => [
          ...(c === 0 ? [] : [{ type: 'text', text: ' | ' } as const]),
          ...blocksToInlines(cell.content),
        ]),
      ]);
    case 'rule':
      return [{ type: 'text', text: '---' }];
  }
}
