import { describe, expect, it } from 'vitest';
import { adfToRichText, htmlToRichText, richTextFingerprint } from '../../src/text/index.ts';

const fp = (html: string): string => richTextFingerprint(htmlToRichText(html));
const fpAdf = (content: unknown[]): string => richTextFingerprint(adfToRichText({ type: 'doc', version: 1, content }));
const para = (...content: unknown[]): unknown => ({ type: 'paragraph', content });
const text = (t: string, ...marks: unknown[]): unknown => (marks.length ? { type: 'text', text: t, marks } : { type: 'text', text: t });

describe('richTextFingerprint', () => {
  it('is a sha256 hex digest', () => {
    expect(fp('<p>a</p>')).toMatch(/^[0-9a-f]{64}$/);
  });

  const same: { name: string; a: string; b: string }[] = [
    { name: 'whitespace differences', a: '<p>The  VPN\n drops</p>', b: '<p>The VPN drops</p>' },
    { name: 'a no-break space against a space', a: '<p>a&nbsp;b</p>', b: '<p>a b</p>' },
    { name: 'mark nesting order', a: '<p><b><i>x</i></b></p>', b: '<p><em><strong>x</strong></em></p>' },
    { name: 'text split across elements', a: '<p>ab</p>', b: '<p><span>a</span>b</p>' },
    { name: 'empty and spacer paragraphs', a: '<p>a</p><p></p><p>&nbsp;</p><p>b</p>', b: '<p>a</p><p>b</p>' },
    { name: 'a trailing line break', a: '<p>Thanks<br><br></p>', b: '<p>Thanks</p>' },
    { name: 'spaces inside or outside bold', a: '<p>foo<b> bar </b>baz</p>', b: '<p>foo <b>bar</b> baz</p>' },
    { name: 'the Zendesk wrapper and attributes', a: '<div class="zd-comment" dir="auto"><p dir="auto">x</p></div>', b: '<p>x</p>' },
    { name: 'a list item with or without <p>', a: '<ul><li><p>a</p></li></ul>', b: '<ul><li>a</li></ul>' },
    { name: 'the code block language', a: '<pre><code class="language-js">x()</code></pre>', b: '<pre>x()\n\n</pre>' },
    { name: 'code with or without bold (ADF cannot hold both)', a: '<p><b><code>x</code></b></p>', b: '<p><code>x</code></p>' },
    { name: 'a nested quote against a flat one (ADF cannot nest quotes)', a: '<blockquote><p>a</p><blockquote><p>b</p></blockquote></blockquote>', b: '<blockquote><p>a</p><p>b</p></blockquote>' },
  ];
  it.each(same)('is equal across $name', ({ a, b }) => {
    expect(fp(a)).toBe(fp(b));
  });

  const different: { name: string; a: string; b: string }[] = [
    { name: 'a changed word', a: '<p>Server is up</p>', b: '<p>Server is down</p>' },
    { name: 'added bold', a: '<p>urgent</p>', b: '<p><b>urgent</b></p>' },
    { name: 'italic against bold', a: '<p><i>x</i></p>', b: '<p><b>x</b></p>' },
    { name: 'a changed link target', a: '<p><a href="https://a.example.org">x</a></p>', b: '<p><a href="https://b.example.org">x</a></p>' },
    { name: 'a link removed', a: '<p><a href="https://a.example.org">x</a></p>', b: '<p>x</p>' },
    { name: 'bullet against numbered list', a: '<ul><li>a</li></ul>', b: '<ol><li>a</li></ol>' },
    { name: 'reordered list items', a: '<ul><li>a</li><li>b</li></ul>', b: '<ul><li>b</li><li>a</li></ul>' },
    { name: 'a changed heading level', a: '<h2>x</h2>', b: '<h3>x</h3>' },
    { name: 'a heading against a paragraph', a: '<h2>x</h2>', b: '<p>x</p>' },
    { name: 'a line break against a new paragraph', a: '<p>a<br>b</p>', b: '<p>a</p><p>b</p>' },
    { name: 'changed code indentation', a: '<pre>if x:\n    go()</pre>', b: '<pre>if x:\ngo()</pre>' },
    { name: 'a quote against a paragraph', a: '<blockquote><p>x</p></blockquote>', b: '<p>x</p>' },
    { name: 'a header cell against a data cell', a: '<table><tr><th>x</th></tr></table>', b: '<table><tr><td>x</td></tr></table>' },
    { name: 'a changed image', a: '<img src="https://a.example.org/1.png">', b: '<img src="https://a.example.org/2.png">' },
  ];
  it.each(different)('differs for $name', ({ a, b }) => {
    expect(fp(a)).not.toBe(fp(b));
  });

  it('is equal for a mention in ADF and "@Name" in HTML', () => {
    expect(fpAdf([para({ type: 'mention', attrs: { id: '557058:x', text: '@Sarah Osei' } }, text(' please look'))])).toBe(fp('<p>@Sarah Osei please look</p>'));
  });

  it('is equal for an <img> and the "[image: alt]" link JSM shows', () => {
    const src = 'https://x.zendesk.com/attachments/token/t/?name=a.png';
    expect(fpAdf([para(text('[image: shot]', { type: 'link', attrs: { href: src } }))])).toBe(fp(`<p><img src="${src}" alt="shot"></p>`));
  });

  it('is equal for a panel and a block quote', () => {
    expect(fpAdf([{ type: 'panel', attrs: { panelType: 'info' }, content: [para(text('note'))] }])).toBe(fp('<blockquote>note</blockquote>'));
  });

  it('is equal for ADF marks in any order', () => {
    expect(fpAdf([para(text('x', { type: 'strong' }, { type: 'em' }))])).toBe(fpAdf([para(text('x', { type: 'em' }, { type: 'strong' }))]));
  });
});
