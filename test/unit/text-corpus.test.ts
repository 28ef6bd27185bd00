import sanitizeHtml from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import type { RichText } from '../../src/model/rich-text.ts';
import { shapeForAdf } from '../../src/text/adf-shape.ts';
import {
  adfProblems,
  adfToRichText,
  canonicalRichText,
  htmlToRichText,
  richTextFingerprint,
  richTextToAdf,
  richTextToHtml,
  richTextToPlain,
} from '../../src/text/index.ts';
import { adfBodies, htmlBodies, pairs } from '../fixtures/text/corpus.ts';

/** Everything a body can turn into on either side, for the "never raw JSON, never escaped markup" checks. */
function outputs(tree: RichText): { html: string; plain: string; adfText: string } {
  const adfText = JSON.stringify(richTextToAdf(tree).content.map(function texts(node): string[] {
    return [node.text ?? '', ...(node.content ?? []).flatMap(texts)];
  }));
  return { html: richTextToHtml(tree), plain: richTextToPlain(tree), adfText };
}

it('has a corpus of at least 30 real-shaped bodies', () => {
  expect(htmlBodies.length + adfBodies.length + pairs.length * 2).toBeGreaterThanOrEqual(30);
  expect(htmlBodies.length).toBeGreaterThanOrEqual(15);
  expect(adfBodies.length).toBeGreaterThanOrEqual(12);
});

describe('HTML → tree → ADF → tree → HTML keeps meaning', () => {
  it.each(htmlBodies)('$name', ({ html }) => {
    const tree1 = htmlToRichText(html);
    const adf = richTextToAdf(tree1);
    expect(adfProblems(adf)).toEqual([]);
    const tree2 = adfToRichText(adf);
    const html2 = richTextToHtml(tree2);
    const tree3 = htmlToRichText(html2);

    expect(canonicalRichText(tree2)).toEqual(canonicalRichText(tree1));
    expect(canonicalRichText(tree3)).toEqual(canonicalRichText(tree1));
    expect(richTextFingerprint(tree2)).toBe(richTextFingerprint(tree1));
    expect(richTextFingerprint(tree3)).toBe(richTextFingerprint(tree1));
    // JSM gives back exactly what we wrote, less what ADF cannot hold
    expect(tree2).toEqual(shapeForAdf(tree1));
    // our own HTML reads back to the same tree
    expect(htmlToRichText(richTextToHtml(tree1))).toEqual(tree1);
  });
});

describe('ADF → tree → HTML → tree → ADF keeps meaning', () => {
  it.each(adfBodies)('$name', ({ adf }) => {
    const tree1 = adfToRichText(adf);
    const html = richTextToHtml(tree1);
    const tree2 = htmlToRichText(html);
    const adf2 = richTextToAdf(tree2);
    expect(adfProblems(adf2)).toEqual([]);
    const tree3 = adfToRichText(adf2);

    expect(canonicalRichText(tree2)).toEqual(canonicalRichText(tree1));
    expect(canonicalRichText(tree3)).toEqual(canonicalRichText(tree1));
    expect(richTextFingerprint(tree2)).toBe(richTextFingerprint(tree1));
    expect(richTextFingerprint(tree3)).toBe(richTextFingerprint(tree1));
    // writing the tree back to JSM is stable
    expect(adfProblems(richTextToAdf(tree1))).toEqual([]);
    expect(adfToRichText(richTextToAdf(tree1))).toEqual(shapeForAdf(tree1));
  });
});

describe('the same message written in each editor', () => {
  it.each(pairs)('fingerprints $name equal from HTML and from ADF', ({ html, adf }) => {
    expect(canonicalRichText(adfToRichText(adf))).toEqual(canonicalRichText(htmlToRichText(html)));
    expect(richTextFingerprint(adfToRichText(adf))).toBe(richTextFingerprint(htmlToRichText(html)));
  });
});

describe('the fingerprint normal form', () => {
  const trees = [...htmlBodies.map((b) => htmlToRichText(b.html)), ...adfBodies.map((b) => adfToRichText(b.adf))];
  it('is idempotent over the corpus', () => {
    for (const tree of trees) expect(canonicalRichText(canonicalRichText(tree))).toEqual(canonicalRichText(tree));
  });
  it('tells every body in the corpus apart', () => {
    expect(new Set(trees.map(richTextFingerprint)).size).toBe(trees.length);
  });
});

describe('neither side shows raw JSON or escaped markup', () => {
  // zd-16 is an agent quoting HTML on purpose; jsm-13 has markup typed as text: both must show it as text
  const literalMarkup = new Set(['zd-16-literal-markup.html', 'jsm-13-xss.json']);
  const TAGS = '(p|div|br|span|strong|b|em|i|u|s|a|img|ul|ol|li|table|tbody|tr|th|td|h[1-6]|blockquote|pre|code|hr|script)';
  const escapedTag = new RegExp(`&lt;/?${TAGS}[\\s/&]`, 'i');
  const rawTag = new RegExp(`</?${TAGS}[\\s/>]`, 'i');
  const bodies = [
    ...htmlBodies.map((b) => ({ name: b.name, tree: htmlToRichText(b.html) })),
    ...adfBodies.map((b) => ({ name: b.name, tree: adfToRichText(b.adf) })),
  ];

  it.each(bodies)('$name', ({ name, tree }) => {
    const { html, plain, adfText } = outputs(tree);
    for (const out of [html, plain, adfText]) expect(out).not.toMatch(/\{\s*"type"\s*:/);
    expect(html).not.toMatch(/&amp;(lt|gt|amp|quot|nbsp);/);
    expect(plain).not.toMatch(/&(lt|gt|amp|quot|nbsp|#\d+);/);
    expect(adfText).not.toMatch(/&(lt|gt|amp|quot|nbsp|#\d+);/);
    if (!literalMarkup.has(name)) {
      expect(html).not.toMatch(escapedTag);
      expect(plain).not.toMatch(rawTag);
      expect(adfText).not.toMatch(rawTag);
    }
  });

  it('decodes ADF that arrives double-encoded as a string', () => {
    const first = adfBodies[0];
    if (!first) throw new Error('corpus is empty');
    const plain = richTextToPlain(adfToRichText(JSON.stringify(first.adf)));
    expect(plain).not.toContain('"type"');
    expect(plain).toBe(richTextToPlain(adfToRichText(first.adf)));
  });
});

describe('HTML output is safe by construction', () => {
  // an independent sanitiser allowing exactly what we emit must find nothing to remove
  const allowList: sanitizeHtml.IOptions = {
    allowedTags: ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'pre', 'code', 'blockquote', 'table', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'strong', 'em', 's', 'u', 'a', 'img', 'span'],
    allowedAttributes: { a: ['href'], img: ['src', 'alt'], span: ['class'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: true,
  };
  // sanitize-html writes void elements as <br /> and no-break spaces raw; that is not a change of content
  const reserialised = (html: string): string => sanitizeHtml(html, allowList).replace(/ \/>/g, '>').replace(/\u00a0/g, '&nbsp;');

  const bodies = [
    ...htmlBodies.map((b) => ({ name: b.name, tree: htmlToRichText(b.html) })),
    ...adfBodies.map((b) => ({ name: b.name, tree: adfToRichText(b.adf) })),
  ];
  it.each(bodies)('sanitize-html leaves $name unchanged', ({ tree }) => {
    const html = richTextToHtml(tree);
    expect(reserialised(html)).toBe(html);
  });
});
