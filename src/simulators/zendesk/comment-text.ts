import { Parser } from 'htmlparser2';

/**
 * How Zendesk renders a comment's three text forms. A comment written with `body` (plain text) gets an
 * HTML rendering; one written with `html_body` gets a plain-text rendering. Zendesk wraps the HTML in
 * `<div class="zd-comment" dir="auto">` and drops scripts.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/
 */

const BLOCK = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'table', 'ul', 'ol', 'hr']);
const DROPPED = new Set(['script', 'style']);

export interface CommentText {
  body: string;
  htmlBody: string;
  plainBody: string;
}

/** Plain text of an HTML fragment: block elements become line breaks, whitespace is collapsed inside lines. */
export function htmlToPlain(html: string): string {
  let out = '';
  let dropDepth = 0;
  let preDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED.has(name)) dropDepth++;
        if (name === 'pre') preDepth++;
        if (name === 'li') out += '\n- ';
        else if (BLOCK.has(name)) out += '\n';
      },
      ontext(text) {
        if (dropDepth > 0) return;
        out += preDepth > 0 ? text : text.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        if (DROPPED.has(name)) dropDepth--;
        if (name === 'pre') preDepth--;
        if (name === 'td' || name === 'th') out += ' ';
        else if (BLOCK.has(name) && name !== 'li') out += '\n';
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/g, '').replace(/^ (?=\S)/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** HTML for a plain-text comment: paragraphs split on blank lines, single newlines become `<br>`. */
export function plainToHtml(text: string): string {
  const paras = text
    .trim()
    .split(/\n{2,}/)
    .filter((p) => p.length > 0)
    .map((p) => `<p dir="auto">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<div class="zd-comment" dir="auto">${paras.join('')}</div>`;
}

/** Scripts and inline event handlers are removed, the rest kept, inside Zendesk's wrapper. */
export function wrapHtml(html: string): string {
  const cleaned = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  return /^<div class="zd-comment"/.test(cleaned) ? cleaned : `<div class="zd-comment" dir="auto">${cleaned}</div>`;
}

/** The three renderings of a comment from what the caller sent (`html_body` wins when both are given, as in Zendesk). */
export function commentText(input: { body?: string | undefined; html_body?: string | undefined }): CommentText {
  if (input.html_body !== undefined && input.html_body.trim() !== '') {
    const htmlBody = wrapHtml(input.html_body);
    const plain = htmlToPlain(htmlBody);
    return { body: plain, htmlBody, plainBody: plain };
  }
  const text = (input.body ?? '').trim();
  return { body: text, htmlBody: plainToHtml(text), plainBody: text };
}
