import { describe, expect, it } from 'vitest';
import type { Block, Inline, RichText } from '../../src/model/rich-text.ts';
import { htmlToRichText, richTextToHtml, richTextToPlain } from '../../src/text/index.ts';

const doc = (...blocks: Block[]): RichText => ({ type: 'doc', blocks });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const t = (text: string, extra: Partial<Extract<Inline, { type: 'text' }>> = {}): Inline => ({ type: 'text', text, ...extra });

describe('htmlToRichText', () => {
  const cases: { name: string; html: string; tree: RichText }[] = [
    { name: 'a Zendesk comment wrapper around paragraphs', html: '<div class="zd-comment" dir="auto"><p dir="auto">One</p><p>Two</p></div>', tree: doc(p(t('One')), p(t('Two'))) },
    { name: 'bold, italic, strike, underline and code', html: '<p><b>b</b><em>i</em><del>s</del><u>u</u><code>c</code></p>', tree: doc(p(t('b', { marks: ['bold'] }), t('i', { marks: ['italic'] }), t('s', { marks: ['strike'] }), t('u', { marks: ['underline'] }), t('c', { marks: ['code'] }))) },
    { name: 'nested marks, sorted', html: '<p><i><b>both</b></i></p>', tree: doc(p(t('both', { marks: ['bold', 'italic'] }))) },
    { name: 'headings with their level', html: '<h1>A</h1><h4>B</h4>', tree: doc({ type: 'heading', level: 1, children: [t('A')] }, { type: 'heading', level: 4, children: [t('B')] }) },
    { name: 'line breaks inside a paragraph', html: '<p>one<br>two<br/>three</p>', tree: doc(p(t('one'), { type: 'break' }, t('two'), { type: 'break' }, t('three'))) },
    { name: 'a trailing <br> adds nothing', html: '<p>Thanks<br></p>', tree: doc(p(t('Thanks'))) },
    { name: 'links with their href', html: '<p>see <a href="https://www.gov.uk" target="_blank">GOV.UK</a></p>', tree: doc(p(t('see '), t('GOV.UK', { href: 'https://www.gov.uk' }))) },
    { name: 'mailto and relative links', html: '<p><a href="mailto:help@example.gov.uk">mail</a> <a href="/hc/articles/1">article</a></p>', tree: doc(p(t('mail', { href: 'mailto:help@example.gov.uk' }), t(' '), t('article', { href: '/hc/articles/1' }))) },
    { name: 'nested lists', html: '<ol><li>one<ul><li>a</li></ul></li><li>two</li></ol>', tree: doc({ type: 'list', ordered: true, items: [[p(t('one')), { type: 'list', ordered: false, items: [[p(t('a'))]] }], [p(t('two'))]] }) },
    { name: 'code blocks verbatim, first newline dropped', html: '<pre><code>\nif (a &lt; b) {\n  go();\n}\n</code></pre>', tree: doc({ type: 'codeBlock', text: 'if (a < b) {\n  go();\n}' }) },
    { name: 'block quotes (nested ones kept)', html: '<blockquote><p>outer</p><blockquote>inner</blockquote></blockquote>', tree: doc({ type: 'blockquote', children: [p(t('outer')), { type: 'blockquote', children: [p(t('inner'))] }] }) },
    { name: 'tables with header cells through thead/tbody', html: '<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>D</td></tr></tbody></table>', tree: doc({ type: 'table', rows: [{ cells: [{ header: true, content: [p(t('H'))] }] }, { cells: [{ header: false, content: [p(t('D'))] }] }] }) },
    { name: 'a horizontal rule', html: '<p>a</p><hr><p>b</p>', tree: doc(p(t('a')), { type: 'rule' }, p(t('b'))) },
    { name: 'inline images with alt', html: '<p>see <img src="https://x.zendesk.com/attachments/token/t/?name=a.png" alt="shot" width="10"></p>', tree: doc(p(t('see '), { type: 'image', src: 'https://x.zendesk.com/attachments/token/t/?name=a.png', alt: 'shot' })) },
    { name: 'unknown elements keep their text', html: '<p><custom-tag>kept</custom-tag> <o:p>too</o:p></p>', tree: doc(p(t('kept too'))) },
    { name: 'entities decoded to text', html: '<p>AT&amp;T &lt;b&gt; &#8211; &pound;5</p>', tree: doc(p(t('AT&T <b> – £5'))) },
  ];
  it.each(cases)('reads $name', ({ html, tree }) => {
    expect(htmlToRichText(html)).toEqual(tree);
  });

  const whitespace: { name: string; html: string; tree: RichText }[] = [
    { name: 'source newlines and indentation collapse to one space', html: '<p>\n   The  VPN\n\tdrops\n</p>', tree: doc(p(t('The VPN drops'))) },
    { name: 'no doubled space across element boundaries', html: '<p>every <b> 10 minutes </b> since</p>', tree: doc(p(t('every '), t('10 minutes ', { marks: ['bold'] }), t('since'))) },
    { name: 'spaces around line breaks trimmed', html: '<p>one   <br>   two</p>', tree: doc(p(t('one'), { type: 'break' }, t('two'))) },
    { name: 'whitespace between blocks ignored', html: '<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n', tree: doc({ type: 'list', ordered: false, items: [[p(t('a'))], [p(t('b'))]] }) },
    { name: 'no-break spaces inside text kept', html: '<p>a&nbsp;&nbsp;b</p>', tree: doc(p(t('a\u00a0\u00a0b'))) },
    { name: 'spacer paragraphs dropped', html: '<p>a</p><p>&nbsp;</p><p> </p><p><br></p><p>b</p>', tree: doc(p(t('a')), p(t('b'))) },
  ];
  it.each(whitespace)('collapses whitespace like a browser: $name', ({ html, tree }) => {
    expect(htmlToRichText(html)).toEqual(tree);
  });
});

describe('sanitising Zendesk HTML', () => {
  const attacks: { name: string; html: string; text: string }[] = [
    { name: 'script element and its content', html: '<p>Hi<script>alert(document.cookie)</script> there</p>', text: 'Hi there' },
    { name: 'style element and its content', html: '<style>body{display:none}</style><p>visible</p>', text: 'visible' },
    { name: 'iframe and its fallback', html: '<p>a</p><iframe src="https://evil.example.com"><p>fallback</p></iframe>', text: 'a' },
    { name: 'object and embed', html: '<object data="x.swf">fallback</object><embed src="x.swf"><p>ok</p>', text: 'ok' },
    { name: 'svg with onload', html: '<svg onload="alert(1)"><text>svg</text></svg><p>ok</p>', text: 'ok' },
    { name: 'onerror on an image', html: '<img src="https://a.example.org/x.png" onerror="alert(1)" alt="x">', text: '[image: x] (https://a.example.org/x.png)' },
    { name: 'onclick and style attributes', html: '<p onclick="alert(1)" style="background:url(javascript:alert(1))">text</p>', text: 'text' },
    { name: 'javascript: href', html: '<a href="javascript:alert(1)">click</a>', text: 'click' },
    { name: 'mixed-case javascript: href', html: '<a href="JaVaScRiPt:alert(1)">click</a>', text: 'click' },
    { name: 'javascript: href hidden by a tab entity', html: '<a href="java&#x09;script:alert(1)">click</a>', text: 'click' },
    { name: 'javascript: href behind leading spaces', html: '<a href="  javascript:alert(1)">click</a>', text: 'click' },
    { name: 'data: href', html: '<a href="data:text/html;base64,PHNjcmlwdD4=">click</a>', text: 'click' },
    { name: 'vbscript: href', html: '<a href="vbscript:msgbox(1)">click</a>', text: 'click' },
    { name: 'meta refresh', html: '<meta http-equiv="refresh" content="0;url=https://evil.example.com"><p>ok</p>', text: 'ok' },
    { name: 'form inputs', html: '<form action="https://evil.example.com"><input name="pw"><textarea>secret</textarea></form><p>ok</p>', text: 'ok' },
  ];

  it.each(attacks)('neutralises $name', ({ html }) => {
    const out = richTextToHtml(htmlToRichText(html));
    expect(out).not.toMatch(/<(script|style|iframe|object|embed|svg|meta|form|input|textarea)\b/i);
    expect(out).not.toMatch(/\son\w+=/i);
    expect(out).not.toMatch(/(javascript|vbscript|data):/i);
    expect(out).not.toMatch(/style=/i);
  });

  it.each(attacks)('keeps only the readable text when neutralising $name', ({ html, text }) => {
    expect(richTextToPlain(htmlToRichText(html))).toBe(text);
  });

  it('turns an image with a script or data: src into readable text', () => {
    expect(htmlToRichText('<img src="javascript:alert(1)" alt="pixel"><img src="data:image/png;base64,AAAA">')).toEqual(doc(p(t('[image: pixel][image]'))));
  });
});

describe('hostile nesting', () => {
  it.each(['b', 'div', 'blockquote', 'ul><li', 'pre><span'])('reads 10,000 nested <%s> without exhausting the stack, keeping the text', (tag) => {
    const tree = htmlToRichText(`<${tag}>`.repeat(10_000) + 'deep text');
    expect(richTextToPlain(tree)).toContain('deep text');
    expect(richTextToHtml(tree)).toContain('deep text');
  });
});

describe('richTextToHtml', () => {
  it('escapes text so markup typed by a user stays text', () => {
    expect(richTextToHtml(doc(p(t('<script>alert(1)</script> & "quotes"'))))).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"</p>');
  });

  it('escapes quotes in attributes', () => {
    expect(richTextToHtml(doc(p(t('x', { href: 'https://a.example.org/?q="><script>' }))))).toBe('<p><a href="https://a.example.org/?q=&quot;&gt;&lt;script&gt;">x</a></p>');
  });

  it('drops a dangerous href even when a tree carries one', () => {
    expect(richTextToHtml(doc(p(t('click', { href: 'javascript:alert(1)' }), { type: 'image', src: 'javascript:alert(2)', alt: 'x' })))).toBe('<p>click[image: x]</p>');
  });

  it('writes a mention as @Name text', () => {
    expect(richTextToHtml(doc(p({ type: 'mention', name: 'Sarah Osei', id: '557058:abc' })))).toBe('<p><span class="mention">@Sarah Osei</span></p>');
  });

  it('writes list items and cells without needless <p>', () => {
    const tree = doc(
      { type: 'list', ordered: false, items: [[p(t('a')), { type: 'list', ordered: true, items: [[p(t('b'))]] }], [p(t('c')), p(t('d'))]] },
      { type: 'table', rows: [{ cells: [{ header: true, content: [p(t('H'))] }, { header: false, content: [] }] }] },
    );
    expect(richTextToHtml(tree)).toBe('<ul><li>a<ol><li>b</li></ol></li><li><p>c</p><p>d</p></li></ul><table><tbody><tr><th>H</th><td></td></tr></tbody></table>');
  });

  it('nests marks inside the link with code innermost', () => {
    expect(richTextToHtml(doc(p(t('x', { marks: ['code', 'bold'], href: 'https://a.example.org' }))))).toBe('<p><a href="https://a.example.org"><strong><code>x</code></strong></a></p>');
  });

  it('writes no-break spaces as &nbsp;', () => {
    expect(richTextToHtml(doc(p(t('a\u00a0b'))))).toBe('<p>a&nbsp;b</p>');
  });
});
