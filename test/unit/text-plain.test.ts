import { describe, expect, it } from 'vitest';
import type { Block, Inline, RichText } from '../../src/model/rich-text.ts';
import { htmlToRichText, richTextToPlain } from '../../src/text/index.ts';

const doc = (...blocks: Block[]): RichText => ({ type: 'doc', blocks });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const t = (text: string, extra: Partial<Extract<Inline, { type: 'text' }>> = {}): Inline => ({ type: 'text', text, ...extra });

describe('richTextToPlain', () => {
  const cases: { name: string; tree: RichText; plain: string }[] = [
    { name: 'paragraphs separated by a blank line', tree: doc(p(t('one')), p(t('two'))), plain: 'one\n\ntwo' },
    { name: 'line breaks as newlines', tree: doc(p(t('a'), { type: 'break' }, t('b'))), plain: 'a\nb' },
    { name: 'marks dropped', tree: doc(p(t('bold', { marks: ['bold'] }), t(' '), t('code', { marks: ['code'] }))), plain: 'bold code' },
    { name: 'links as "text (url)"', tree: doc(p(t('status page', { href: 'https://status.example.gov.uk' }))), plain: 'status page (https://status.example.gov.uk)' },
    { name: 'a link whose text is its url once', tree: doc(p(t('https://www.gov.uk', { href: 'https://www.gov.uk' }))), plain: 'https://www.gov.uk' },
    { name: 'a mailto link whose text is the address once', tree: doc(p(t('help@example.gov.uk', { href: 'mailto:help@example.gov.uk' }))), plain: 'help@example.gov.uk' },
    { name: 'a link split by styling as one "text (url)"', tree: doc(p(t('the ', { href: 'https://a.example.org' }), t('docs', { href: 'https://a.example.org', marks: ['bold'] }))), plain: 'the docs (https://a.example.org)' },
    { name: 'mentions as "@name"', tree: doc(p(t('ping '), { type: 'mention', name: 'Sarah Osei', id: 'x' })), plain: 'ping @Sarah Osei' },
    { name: 'images as "[image: alt] (src)"', tree: doc(p({ type: 'image', src: 'https://a.example.org/x.png', alt: 'shot' }, t(' '), { type: 'image', src: 'https://a.example.org/y.png' })), plain: '[image: shot] (https://a.example.org/x.png) [image] (https://a.example.org/y.png)' },
    { name: 'bullet lists with "- "', tree: doc({ type: 'list', ordered: false, items: [[p(t('a'))], [p(t('b'))]] }), plain: '- a\n- b' },
    { name: 'numbered lists with "1. "', tree: doc({ type: 'list', ordered: true, items: [[p(t('a'))], [p(t('b'))]] }), plain: '1. a\n2. b' },
    { name: 'nested lists indented under their item', tree: doc({ type: 'list', ordered: true, items: [[p(t('a')), { type: 'list', ordered: false, items: [[p(t('x'))], [p(t('y'))]] }], [p(t('b'))]] }), plain: '1. a\n   - x\n   - y\n2. b' },
    { name: 'tables as " | " rows', tree: doc({ type: 'table', rows: [{ cells: [{ header: true, content: [p(t('Service'))] }, { header: true, content: [p(t('Status'))] }] }, { cells: [{ header: false, content: [p(t('Pay'))] }, { header: false, content: [p(t('Down'))] }] }] }), plain: 'Service | Status\nPay | Down' },
    { name: 'quotes with "> "', tree: doc({ type: 'blockquote', children: [p(t('a')), p(t('b'))] }), plain: '> a\n>\n> b' },
    { name: 'code blocks verbatim', tree: doc({ type: 'codeBlock', text: 'if x:\n    go()' }), plain: 'if x:\n    go()' },
    { name: 'a rule as "---"', tree: doc(p(t('a')), { type: 'rule' }, p(t('b'))), plain: 'a\n\n---\n\nb' },
    { name: 'headings as their text', tree: doc({ type: 'heading', level: 2, children: [t('Summary')] }, p(t('text'))), plain: 'Summary\n\ntext' },
  ];
  it.each(cases)('writes $name', ({ tree, plain }) => {
    expect(richTextToPlain(tree)).toBe(plain);
  });

  it('shows no markup, entities or JSON for an HTML body', () => {
    const plain = richTextToPlain(htmlToRichText('<div class="zd-comment"><p>AT&amp;T &lt;p&gt; tag</p><ul><li><b>x</b></li></ul></div>'));
    expect(plain).toBe('AT&T <p> tag\n\n- x');
  });
});
