/**
 * Checks a document against the ADF content rules we rely on, so tests (and an adapter, before it sends)
 * can prove a body is valid ADF. Returns the problems found, each with its path; none means valid.
 * Rules from https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/ and the node pages
 * it links (listItem, blockquote, tableCell, text, marks).
 */
const INLINE = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status', 'mediaInline']);
const TOP = new Set([
  'paragraph', 'heading', 'bulletList', 'orderedList', 'codeBlock', 'blockquote', 'rule', 'table', 'panel',
  'mediaSingle', 'mediaGroup', 'expand', 'taskList', 'decisionList', 'blockCard', 'embedCard', 'layoutSection',
]);
const ITEM_FIRST = new Set(['paragraph', 'codeBlock', 'mediaSingle']);
const ITEM_REST = new Set(['paragraph', 'codeBlock', 'mediaSingle', 'bulletList', 'orderedList', 'taskList']);
const QUOTE = new Set(['paragraph', 'bulletList', 'orderedList', 'codeBlock', 'mediaGroup', 'mediaSingle']);
const CELL = new Set([
  'paragraph', 'heading', 'bulletList', 'orderedList', 'codeBlock', 'blockquote', 'rule', 'panel', 'mediaSingle',
  'mediaGroup', 'taskList', 'decisionList', 'blockCard', 'embedCard', 'nestedExpand',
]);
const MARKS = new Set(['strong', 'em', 'strike', 'underline', 'code', 'link', 'textColor', 'subsup', 'backgroundColor']);
// the code mark combines with nothing but link (code_inline_node in the ADF JSON schema)
const WITH_CODE = new Set(['code', 'link']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function children(node: Obj, path: string, problems: string[], min: number): Obj[] {
  const content = node['content'];
  if (content === undefined && min === 0) return [];
  if (!Array.isArray(content)) {
    problems.push(`${path}: content must be an array`);
    return [];
  }
  if (content.length < min) problems.push(`${path}: needs at least ${min} child node(s)`);
  return content.flatMap((c, i) => {
    if (isObj(c) && typeof c['type'] === 'string') return [c];
    problems.push(`${path}.content[${i}]: not a node`);
    return [];
  });
}

function checkMarks(node: Obj, path: string, problems: string[]): void {
  const marks = node['marks'];
  if (marks === undefined) return;
  if (!Array.isArray(marks)) return void problems.push(`${path}: marks must be an array`);
  const types = marks.map((m) => (isObj(m) ? m['type'] : undefined));
  types.forEach((t, i) => {
    if (typeof t !== 'string' || !MARKS.has(t)) problems.push(`${path}.marks[${i}]: unknown mark ${String(t)}`);
  });
  if (new Set(types).size !== types.length) problems.push(`${path}: a mark appears twice`);
  if (types.includes('code') && types.some((t) => typeof t === 'string' && !WITH_CODE.has(t))) problems.push(`${path}: code mark combined with ${types.join('+')}`);
  for (const m of marks) {
    if (isObj(m) && m['type'] === 'link' && (!isObj(m['attrs']) || typeof m['attrs']['href'] !== 'string')) problems.push(`${path}: link mark without href`);
  }
}

function checkInline(node: Obj, path: string, problems: string[], inCode: boolean): void {
  const type = node['type'];
  if (inCode ? type !== 'text' : !INLINE.has(String(type))) return void problems.push(`${path}: ${String(type)} not allowed here`);
  if (type === 'text') {
    if (typeof node['text'] !== 'string' || node['text'] === '') problems.push(`${path}: text must be a non-empty string`);
    if (inCode && node['marks'] !== undefined) problems.push(`${path}: text in a codeBlock has no marks`);
    checkMarks(node, path, problems);
  }
  if (type === 'mention' && (!isObj(node['attrs']) || typeof node['attrs']['id'] !== 'string' || node['attrs']['id'] === '')) problems.push(`${path}: mention needs attrs.id`);
}

function checkBlock(node: Obj, path: string, allowed: ReadonlySet<string>, problems: string[]): void {
  const type = String(node['type']);
  if (!allowed.has(type)) return void problems.push(`${path}: ${type} not allowed here`);
  const inner = (min: number): Obj[] => children(node, path, problems, min);
  switch (type) {
    case 'paragraph':
    case 'heading':
      if (type === 'heading') {
        const level = isObj(node['attrs']) ? node['attrs']['level'] : undefined;
        if (typeof level !== 'number' || level < 1 || level > 6) problems.push(`${path}: heading level must be 1..6`);
      }
      return inner(0).forEach((c, i) => checkInline(c, `${path}.content[${i}]`, problems, false));
    case 'codeBlock':
      return inner(0).forEach((c, i) => checkInline(c, `${path}.content[${i}]`, problems, true));
    case 'bulletList':
    case 'orderedList':
      return inner(1).forEach((item, i) => {
        const itemPath = `${path}.content[${i}]`;
        if (item['type'] !== 'listItem') return void problems.push(`${itemPath}: ${String(item['type'])} in a list`);
        children(item, itemPath, problems, 1).forEach((c, j) => checkBlock(c, `${itemPath}.content[${j}]`, j === 0 ? ITEM_FIRST : ITEM_REST, problems));
      });
    case 'blockquote':
      return inner(1).forEach((c, i) => checkBlock(c, `${path}.content[${i}]`, QUOTE, problems));
    case 'table':
      return inner(1).forEach((row, r) => {
        const rowPath = `${path}.content[${r}]`;
        if (row['type'] !== 'tableRow') return void problems.push(`${rowPath}: ${String(row['type'])} in a table`);
        children(row, rowPath, problems, 1).forEach((cell, c) => {
          const cellPath = `${rowPath}.content[${c}]`;
          if (cell['type'] !== 'tableCell' && cell['type'] !== 'tableHeader') return void problems.push(`${cellPath}: ${String(cell['type'])} in a row`);
          children(cell, cellPath, problems, 1).forEach((b, k) => checkBlock(b, `${cellPath}.content[${k}]`, CELL, problems));
        });
      });
    case 'rule':
      if (node['content'] !== undefined) problems.push(`${path}: rule has no content`);
      return;
    default:
      return; // panels, media and the rest: we never write them, so their inner rules are not checked
  }
}

const MAX_DEPTH = 200;

/** Nesting depth, measured without recursion so a hostile document cannot exhaust the stack here. */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    max = Math.max(max, depth);
    if (isObj(node) && Array.isArray(node['content']) && depth <= MAX_DEPTH) for (const c of node['content']) stack.push([c, depth + 1]);
  }
  return max;
}

export function adfProblems(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(doc) || doc['type'] !== 'doc') return ['$: not an ADF doc'];
  if (depthOf(doc) > MAX_DEPTH) return [`$: nested deeper than ${MAX_DEPTH} levels`];
  if (doc['version'] !== 1) problems.push('$: version must be 1');
  children(doc, '$', problems, 0).forEach((c, i) => checkBlock(c, `$.content[${i}]`, TOP, problems));
  return problems;
}
