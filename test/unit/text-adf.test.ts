import { describe, expect, it } from 'vitest';
import type { Block, Inline, RichText } from '../../src/model/rich-text.ts';
import { adfProblems, adfToRichText, richTextToAdf, richTextToPlain, type AdfMark, type AdfNode } from '../../src/text/index.ts';

const doc = (...blocks: Block[]): RichText => ({ type: 'doc', blocks });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const t = (text: string, extra: Partial<Extract<Inline, { type: 'text' }>> = {}): Inline => ({ type: 'text', text, ...extra });
const adf = (...content: AdfNode[]): unknown => ({ type: 'doc', version: 1, content });
const ap = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const at = (text: string, ...marks: AdfMark[]): AdfNode => (marks.length ? { type: 'text', text, marks } : { type: 'text', text });

describe('adfToRichText', () => {
  const cases: { name: string; input: unknown; tree: RichText }[] = [
    { name: 'paragraphs and headings', input: adf(ap(at('Hello')), { type: 'heading', attrs: { level: 2 }, content: [at('Title')] }), tree: doc(p(t('Hello')), { type: 'heading', level: 2, children: [t('Title')] }) },
    { name: 'strong, em, strike, underline, code marks', input: adf(ap(at('x', { type: 'em' }, { type: 'strong' }), at('y', { type: 'strike' }, { type: 'underline' }), at('z', { type: 'code' }))), tree: doc(p(t('x', { marks: ['bold', 'italic'] }), t('y', { marks: ['strike', 'underline'] }), t('z', { marks: ['code'] }))) },
    { name: 'link marks', input: adf(ap(at('GOV.UK', { type: 'link', attrs: { href: 'https://www.gov.uk' } }))), tree: doc(p(t('GOV.UK', { href: 'https://www.gov.uk' }))) },
    { name: 'marks without a tree equivalent are dropped', input: adf(ap(at('red', { type: 'textColor', attrs: { color: '#f00' } }))), tree: doc(p(t('red'))) },
    { name: 'hard breaks', input: adf(ap(at('a'), { type: 'hardBreak' }, at('b'))), tree: doc(p(t('a'), { type: 'break' }, t('b'))) },
    { name: 'newlines inside a text node as breaks', input: adf(ap(at('a\nb'))), tree: doc(p(t('a'), { type: 'break' }, t('b'))) },
    { name: 'mentions with id and name', input: adf(ap({ type: 'mention', attrs: { id: '557058:abc', text: '@Sarah Osei', accessLevel: '' } })), tree: doc(p({ type: 'mention', name: 'Sarah Osei', id: '557058:abc' })) },
    { name: 'emoji as their character, else short name', input: adf(ap({ type: 'emoji', attrs: { shortName: ':tick:', text: '✅' } }, { type: 'emoji', attrs: { shortName: ':wave:' } })), tree: doc(p(t('✅:wave:'))) },
    { name: 'status and date as text', input: adf(ap({ type: 'status', attrs: { text: 'DONE', color: 'green' } }, at(' '), { type: 'date', attrs: { timestamp: '1710201600000' } })), tree: doc(p(t('DONE 2024-03-12'))) },
    { name: 'inline cards as links', input: adf(ap({ type: 'inlineCard', attrs: { url: 'https://example.atlassian.net/browse/HELP-1' } })), tree: doc(p(t('https://example.atlassian.net/browse/HELP-1', { href: 'https://example.atlassian.net/browse/HELP-1' }))) },
    { name: 'bullet and ordered lists, nested', input: adf({ type: 'orderedList', content: [{ type: 'listItem', content: [ap(at('one')), { type: 'bulletList', content: [{ type: 'listItem', content: [ap(at('a'))] }] }] }] }), tree: doc({ type: 'list', ordered: true, items: [[p(t('one')), { type: 'list', ordered: false, items: [[p(t('a'))]] }]] }) },
    { name: 'code blocks with language', input: adf({ type: 'codeBlock', attrs: { language: 'python' }, content: [at('print(1)\nprint(2)')] }), tree: doc({ type: 'codeBlock', language: 'python', text: 'print(1)\nprint(2)' }) },
    { name: 'panels as block quotes', input: adf({ type: 'panel', attrs: { panelType: 'warning' }, content: [ap(at('Change freeze'))] }), tree: doc({ type: 'blockquote', children: [p(t('Change freeze'))] }) },
    { name: 'tables with header cells', input: adf({ type: 'table', attrs: { layout: 'default' }, content: [{ type: 'tableRow', content: [{ type: 'tableHeader', attrs: {}, content: [ap(at('H'))] }, { type: 'tableCell', attrs: {}, content: [ap(at('D'))] }] }] }), tree: doc({ type: 'table', rows: [{ cells: [{ header: true, content: [p(t('H'))] }, { header: false, content: [p(t('D'))] }] }] }) },
    { name: 'a rule', input: adf({ type: 'rule' }), tree: doc({ type: 'rule' }) },
    { name: 'Atlassian-hosted media as "[attachment]" text', input: adf({ type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'f1', type: 'file', collection: 'c', alt: 'log.txt' } }] }), tree: doc(p(t('[attachment: log.txt]'))) },
    { name: 'external media as an image', input: adf({ type: 'mediaSingle', content: [{ type: 'media', attrs: { type: 'external', url: 'https://a.example.org/x.png', alt: 'diagram' } }] }), tree: doc(p({ type: 'image', src: 'https://a.example.org/x.png', alt: 'diagram' })) },
    { name: 'an "[image: alt]" link (our own image shape) as an image', input: adf(ap(at('[image: map]', { type: 'link', attrs: { href: 'https://a.example.org/m.png' } }))), tree: doc(p({ type: 'image', src: 'https://a.example.org/m.png', alt: 'map' })) },
    { name: 'task lists as ticked items', input: adf({ type: 'taskList', attrs: { localId: 'l' }, content: [{ type: 'taskItem', attrs: { localId: 'a', state: 'DONE' }, content: [at('Restart')] }] }), tree: doc({ type: 'list', ordered: false, items: [[p(t('[x] Restart'))]] }) },
    { name: 'expand with its title', input: adf({ type: 'expand', attrs: { title: 'Details' }, content: [ap(at('inside'))] }), tree: doc(p(t('Details', { marks: ['bold'] })), p(t('inside'))) },
    { name: 'an unknown block node by its text', input: adf({ type: 'futureBlock', content: [at('future text')] }), tree: doc(p(t('future text'))) },
    { name: 'an unknown container by its blocks', input: adf({ type: 'layoutSection', content: [{ type: 'layoutColumn', content: [ap(at('left'))] }, { type: 'layoutColumn', content: [ap(at('right'))] }] }), tree: doc(p(t('left')), p(t('right'))) },
    { name: 'an unknown inline node by its attrs.text', input: adf(ap(at('a '), { type: 'sparkle', attrs: { text: 'b' } })), tree: doc(p(t('a b'))) },
    { name: 'a plain string body (JSM request API)', input: 'Line one\nline two\n\nSecond paragraph', tree: doc(p(t('Line one'), { type: 'break' }, t('line two')), p(t('Second paragraph'))) },
    { name: 'a string holding serialised ADF, decoded', input: JSON.stringify(adf(ap(at('decoded')))), tree: doc(p(t('decoded'))) },
    { name: 'a single node instead of a doc', input: ap(at('lone')), tree: doc(p(t('lone'))) },
    { name: 'null as an empty doc', input: null, tree: doc() },
    { name: 'malformed children skipped', input: adf(ap(at('ok')), 42 as unknown as AdfNode, { text: 'no type' } as unknown as AdfNode), tree: doc(p(t('ok'))) },
  ];
  it.each(cases)('reads $name', ({ input, tree }) => {
    expect(adfToRichText(input)).toEqual(tree);
  });

  const unsafe: { name: string; input: unknown; tree: RichText }[] = [
    { name: 'a javascript: link mark', input: adf(ap(at('click', { type: 'link', attrs: { href: 'javascript:alert(1)' } }))), tree: doc(p(t('click'))) },
    { name: 'a data: link mark', input: adf(ap(at('click', { type: 'link', attrs: { href: 'data:text/html,x' } }))), tree: doc(p(t('click'))) },
    { name: 'a javascript: inline card', input: adf(ap({ type: 'inlineCard', attrs: { url: 'javascript:alert(1)' } })), tree: doc(p(t('javascript:alert(1)'))) },
    { name: 'javascript: external media', input: adf({ type: 'mediaSingle', content: [{ type: 'media', attrs: { type: 'external', url: 'javascript:alert(1)' } }] }), tree: doc(p(t('[attachment]'))) },
  ];
  it.each(unsafe)('never keeps a script URL from $name', ({ input, tree }) => {
    expect(adfToRichText(input)).toEqual(tree);
  });
});

describe('hostile nesting', () => {
  it.each(['bulletList', 'blockquote', 'futureNode'])('reads 20,000 nested %s nodes without exhausting the stack, keeping the text', (type) => {
    let node: unknown = { type: 'text', text: 'deep text' };
    for (let i = 0; i < 20_000; i++) node = type === 'bulletList' && i % 2 === 0 ? { type: 'listItem', content: [node] } : { type, content: [node] };
    const deep = { type: 'doc', version: 1, content: [node] };
    const tree = adfToRichText(deep);
    expect(richTextToPlain(tree)).toContain('deep text');
    expect(adfProblems(richTextToAdf(tree))).toEqual([]);
    expect(adfProblems(deep)).toEqual(['$: nested deeper than 200 levels']);
  });
});

describe('richTextToAdf', () => {
  it('writes marks, links, breaks and mentions as ADF', () => {
    const out = richTextToAdf(doc(p(t('a', { marks: ['bold', 'italic'], href: 'https://www.gov.uk' }), { type: 'break' }, { type: 'mention', name: 'Sarah Osei', id: '557058:abc' })));
    expect(out).toEqual({
      type: 'doc',
      version: 1,
      content: [ap({ type: 'text', text: 'a', marks: [{ type: 'strong' }, { type: 'em' }, { type: 'link', attrs: { href: 'https://www.gov.uk' } }] }, { type: 'hardBreak' }, { type: 'mention', attrs: { id: '557058:abc', text: '@Sarah Osei' } })],
    });
  });

  it('writes an image as a "[image: alt]" link', () => {
    expect(richTextToAdf(doc(p({ type: 'image', src: 'https://a.example.org/x.png', alt: 'shot' }))).content).toEqual([ap(at('[image: shot]', { type: 'link', attrs: { href: 'https://a.example.org/x.png' } }))]);
  });

  const degrade: { name: string; tree: RichText; adf: AdfNode[] }[] = [
    { name: 'code combined with bold keeps only code (ADF allows code with link only)', tree: doc(p(t('x', { marks: ['bold', 'code'], href: 'https://a.example.org' }))), adf: [ap(at('x', { type: 'code' }, { type: 'link', attrs: { href: 'https://a.example.org' } }))] },
    { name: 'a bare relative link becomes plain text', tree: doc(p(t('page', { href: 'page.html' }))), adf: [ap(at('page'))] },
    { name: 'a root-relative link stays a link', tree: doc(p(t('page', { href: '/hc/1' }))), adf: [ap(at('page', { type: 'link', attrs: { href: '/hc/1' } }))] },
    { name: 'a mention without an account id becomes @Name text', tree: doc(p({ type: 'mention', name: 'Sam' })), adf: [ap(at('@Sam'))] },
    { name: 'a heading in a list item becomes a bold paragraph', tree: doc({ type: 'list', ordered: false, items: [[{ type: 'heading', level: 3, children: [t('H')] }]] }), adf: [{ type: 'bulletList', content: [{ type: 'listItem', content: [ap(at('H', { type: 'strong' }))] }] }] },
    { name: 'a list item starting with a list gets an empty paragraph first', tree: doc({ type: 'list', ordered: false, items: [[{ type: 'list', ordered: true, items: [[p(t('a'))]] }]] }), adf: [{ type: 'bulletList', content: [{ type: 'listItem', content: [ap(), { type: 'orderedList', content: [{ type: 'listItem', content: [ap(at('a'))] }] }] }] }] },
    { name: 'a quote inside a quote is flattened', tree: doc({ type: 'blockquote', children: [p(t('a')), { type: 'blockquote', children: [p(t('b'))] }] }), adf: [{ type: 'blockquote', content: [ap(at('a')), ap(at('b'))] }] },
    { name: 'a table inside a quote becomes " | " rows', tree: doc({ type: 'blockquote', children: [{ type: 'table', rows: [{ cells: [{ header: false, content: [p(t('a'))] }, { header: false, content: [p(t('b'))] }] }] }] }), adf: [{ type: 'blockquote', content: [ap(at('a | b'))] }] },
    { name: 'a rule inside a quote becomes "---"', tree: doc({ type: 'blockquote', children: [{ type: 'rule' }] }), adf: [{ type: 'blockquote', content: [ap(at('---'))] }] },
    { name: 'an empty table cell gets an empty paragraph', tree: doc({ type: 'table', rows: [{ cells: [{ header: false, content: [] }] }] }), adf: [{ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [ap()] }] }] }] },
  ];
  it.each(degrade)('keeps ADF valid: $name', ({ tree, adf: expected }) => {
    const out = richTextToAdf(tree);
    expect(out.content).toEqual(expected);
    expect(adfProblems(out)).toEqual([]);
  });

  it('never writes an empty text node', () => {
    const out = richTextToAdf(doc(p(t(''), t('a'), t('')), { type: 'codeBlock', text: '' }));
    expect(JSON.stringify(out)).not.toContain('"text":""');
    expect(adfProblems(out)).toEqual([]);
  });
});

describe('adfProblems', () => {
  const invalid: { name: string; doc: unknown; problem: RegExp }[] = [
    { name: 'not a doc', doc: { type: 'paragraph' }, problem: /not an ADF doc/ },
    { name: 'an empty text node', doc: adf(ap(at(''))), problem: /non-empty/ },
    { name: 'code with strong', doc: adf(ap(at('x', { type: 'code' }, { type: 'strong' }))), problem: /code mark combined/ },
    { name: 'a list item starting with a list', doc: adf({ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [ap(at('a'))] }] }] }] }), problem: /bulletList not allowed/ },
    { name: 'a heading in a blockquote', doc: adf({ type: 'blockquote', content: [{ type: 'heading', attrs: { level: 1 }, content: [at('h')] }] }), problem: /heading not allowed/ },
    { name: 'an empty table cell', doc: adf({ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [] }] }] }), problem: /at least 1/ },
    { name: 'a mention without id', doc: adf(ap({ type: 'mention', attrs: { text: '@x' } })), problem: /attrs.id/ },
    { name: 'a heading level 7', doc: adf({ type: 'heading', attrs: { level: 7 }, content: [at('h')] }), problem: /level/ },
  ];
  it.each(invalid)('reports $name', ({ doc: d, problem }) => {
    expect(adfProblems(d).join('\n')).toMatch(problem);
  });
});
