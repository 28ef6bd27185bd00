import type { Block, Inline, Mark, RichText } from '../model/rich-text.ts';
import { tidyRichText } from './tidy.ts';
import { safeHref, safeImageSrc } from './url.ts';

/**
 * Tree → HTML for a Zendesk comment's `html_body`. Every string is escaped and every URL re-checked, so the
 * output is safe by construction whatever tree it is given.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/ (html_body)
 */

/** Text content: only what could start markup or an entity is escaped, so text stays readable in the source. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

function escapeAttr(value: string): string {
  return escapeHtml(value).replace(/"/g, '&quot;');
}

const MARK_TAGS: Record<Mark, string> = { bold: 'strong', italic: 'em', strike: 's', underline: 'u', code: 'code' };

function inlineHtml(node: Inline): string {
  switch (node.type) {
    case 'text': {
      let html = escapeHtml(node.text);
      // innermost first, so <code> sits closest to the text and the link wraps everything
      for (const mark of [...(node.marks ?? [])].reverse()) html = `<${MARK_TAGS[mark]}>${html}</${MARK_TAGS[mark]}>`;
      const href = safeHref(node.href);
      return href === undefined ? html : `<a href="${escapeAttr(href)}">${html}</a>`;
    }
    case 'break':
      return '<br>';
    case 'mention':
      // HTML has no mention: the name reads as text
      return `<span class="mention">@${escapeHtml(node.name)}</span>`;
    case 'image': {
      const src = safeImageSrc(node.src);
      const alt = node.alt ?? '';
      return src === undefined ? escapeHtml(alt ? `[image: ${alt}]` : '[image]') : `<img src="${escapeAttr(src)}" alt="${escapeAttr(alt)}">`;
    }
  }
}

function inlinesHtml(nodes: readonly Inline[]): string {
  return nodes.map(inlineHtml).join('');
}

/**
 * Content of a list item or cell. A lone paragraph, or one followed only by a nested list, is written bare
 * (`<li>text<ul>…</ul></li>`, as editors do); anything else keeps its <p>s.
 */
function containedHtml(blocks: readonly Block[]): string {
  const [first, ...rest] = blocks;
  if (first?.type === 'paragraph' && rest.every((b) => b.type === 'list')) return inlinesHtml(first.children) + rest.map(blockHtml).join('');
  return blocks.map(blockHtml).join('');
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inlinesHtml(block.children)}</p>`;
    case 'heading':
      return `<h${block.level}>${inlinesHtml(block.children)}</h${block.level}>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${containedHtml(item)}</li>`).join('')}</${tag}>`;
    }
    case 'codeBlock':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'blockquote':
      return `<blockquote>${block.children.map(blockHtml).join('')}</blockquote>`;
    case 'table': {
      const rows = block.rows.map(
        (row) =>
          `<tr>${row.cells.map((cell) => (cell.header ? `<th>${containedHtml(cell.content)}</th>` : `<td>${containedHtml(cell.content)}</td>`)).join('')}</tr>`,
      );
      return `<table><tbody>${rows.join('')}</tbody></table>`;
    }
    case 'rule':
      return '<hr>';
  }
}

export function richTextToHtml(doc: RichText): string {
  return tidyRichText(doc).blocks.map(blockHtml).join('');
}
