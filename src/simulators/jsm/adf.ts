import { z } from 'zod';

/**
 * Just enough Atlassian Document Format for the simulator: validate a doc, build one from text, and render one
 * as text / HTML where the Service Management API returns strings.
 * https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 */

export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: AdfNode[];
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

const AdfNodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    text: z.string().optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    marks: z.array(z.looseObject({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() })).optional(),
    content: z.array(AdfNodeSchema).optional(),
  }),
);

export const AdfDocSchema = z.looseObject({ type: z.literal('doc'), version: z.literal(1), content: z.array(AdfNodeSchema) });

export function parseAdf(value: unknown): AdfDoc | null {
  const r = AdfDocSchema.safeParse(value);
  return r.success ? (r.data as AdfDoc) : null;
}

export const text = (t: string, marks?: AdfNode['marks']): AdfNode => (marks ? { type: 'text', text: t, marks } : { type: 'text', text: t });
export const paragraph = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
export const link = (t: string, href: string): AdfNode => text(t, [{ type: 'link', attrs: { href } }]);
export const bulletList = (items: string[]): AdfNode => ({
  type: 'bulletList',
  content: items.map((i) => ({ type: 'listItem', content: [paragraph(text(i))] })),
});
export const codeBlock = (code: string, language = 'text'): AdfNode => ({ type: 'codeBlock', attrs: { language }, content: [text(code)] });
export const table = (header: string[], rows: string[][]): AdfNode => ({
  type: 'table',
  attrs: { isNumberColumnEnabled: false, layout: 'default' },
  content: [
    { type: 'tableRow', content: header.map((h) => ({ type: 'tableHeader', content: [paragraph(text(h))] })) },
    ...rows.map((r) => ({ type: 'tableRow', content: r.map((c) => ({ type: 'tableCell', content: [paragraph(text(c))] })) })),
  ],
});
export const doc = (...content: AdfNode[]): AdfDoc => ({ type: 'doc', version: 1, content });

/** Plain text (or wiki markup, which the simulator keeps as text) to ADF: one paragraph per blank-line block. */
export function textToAdf(s: string): AdfDoc {
  const blocks = s.split(/\n{2,}/).filter((b) => b.trim() !== '');
  return doc(
    ...blocks.map((b) =>
      paragraph(...b.split('\n').flatMap((line, i) => (i === 0 ? [] : [{ type: 'hardBreak' }]).concat(line ? [text(line)] : []))),
    ),
  );
}

const BLOCKS = new Set(['paragraph', 'heading', 'codeBlock', 'blockquote', 'listItem', 'tableRow', 'rule', 'panel']);

/** ADF to plain text: blocks separated by blank lines, list items by newlines. */
export function adfToText(d: AdfDoc | null): string {
  if (!d) return '';
  const out: string[] = [];
  const walk = (n: AdfNode): string => {
    if (n.type === 'text') return n.text ?? '';
    if (n.type === 'hardBreak') return '\n';
    if (n.type === 'mention') return String(n.attrs?.text ?? '');
    const inner = (n.content ?? []).map(walk);
    if (n.type === 'tableRow') return inner.join(' | ');
    if (n.type === 'bulletList' || n.type === 'orderedList') return inner.map((i) => `- ${i}`).join('\n');
    return inner.join(BLOCKS.has(n.type) || n.type === 'table' ? '\n' : '');
  };
  for (const n of d.content) out.push(walk(n));
  return out.join('\n\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const TAGS: Record<string, string> = {
  paragraph: 'p', bulletList: 'ul', orderedList: 'ol', listItem: 'li', blockquote: 'blockquote',
  table: 'table', tableRow: 'tr', tableHeader: 'th', tableCell: 'td',
};
const MARKS: Record<string, string> = { strong: 'b', em: 'em', code: 'code', strike: 'del', underline: 'u' };

/** ADF to HTML, as Jira's `renderedFields` / `renderedValue` return it (simplified, escaped). */
export function adfToHtml(d: AdfDoc | null): string {
  if (!d) return '';
  const walk = (n: AdfNode): string => {
    if (n.type === 'text') {
      let s = esc(n.text ?? '');
      for (const m of n.marks ?? []) {
        if (m.type === 'link') s = `<a href="${esc(String(m.attrs?.href ?? ''))}">${s}</a>`;
        else if (MARKS[m.type]) s = `<${MARKS[m.type]}>${s}</${MARKS[m.type]}>`;
      }
      return s;
    }
    if (n.type === 'hardBreak') return '<br/>';
    if (n.type === 'rule') return '<hr/>';
    const inner = (n.content ?? []).map(walk).join('');
    if (n.type === 'codeBlock') return `<pre><code>${inner}</code></pre>`;
    if (n.type === 'heading') return `<h${Number(n.attrs?.level ?? 1)}>${inner}</h${Number(n.attrs?.level ?? 1)}>`;
    const tag = TAGS[n.type];
    return tag ? `<${tag}>${inner}</${tag}>` : inner;
  };
  return d.content.map(walk).join('');
}
