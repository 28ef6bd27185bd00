import type { Inline } from '../model/rich-text.ts';

/**
 * What a browser shows: runs of ASCII whitespace are one space, none at the start or end of a line, none
 * doubled across element boundaries, and a trailing <br> adds no line. No-break spaces are content and kept.
 */
export function collapseWhitespace(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  let atLineStart = true;
  for (const node of inlines) {
    if (node.type !== 'text') {
      if (node.type === 'break') trimLineEnd(out);
      out.push(node);
      atLineStart = node.type === 'break';
      continue;
    }
    let text = node.text.replace(/[ \t\n\r\f]+/g, ' ');
    if (atLineStart) text = text.replace(/^ /, '');
    if (text === '') continue;
    const prev = out[out.length - 1];
    if (prev?.type === 'text' && prev.text.endsWith(' ') && text.startsWith(' ')) text = text.slice(1);
    if (text === '') continue;
    out.push({ ...node, text });
    atLineStart = false;
  }
  trimLineEnd(out);
  while (out[out.length - 1]?.type === 'break') {
    out.pop();
    trimLineEnd(out);
  }
  return out;
}

function trimLineEnd(out: Inline[]): void {
  for (;;) {
    const last = out[out.length - 1];
    if (last?.type !== 'text') return;
    const text = last.text.replace(/ +$/, '');
    if (text !== '') {
      out[out.length - 1] = { ...last, text };
      return;
    }
    out.pop();
  }
}

