import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { PathIssue, PathSegment, Problem } from './problem.ts';
import { formatPath } from './problem.ts';

/** Finds where a config path is written in its file. */
export interface SourceLocator {
  readonly file: string;
  locate(path: readonly PathSegment[]): { line: number; col: number };
}

/**
 * Points at the key of a map entry (or the item of a list) the path names. When the path goes
 * further than the file (a missing key), points at the deepest part that exists: the parent.
 */
export function yamlLocator(file: string, doc: Document, lineCounter: LineCounter): SourceLocator {
  const at = (offset: number | undefined) => (offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset));
  return {
    file,
    locate(path) {
      let node: unknown = doc.contents;
      let offset = rangeStart(node);
      for (const seg of path) {
        if (isAlias(node)) node = node.resolve(doc);
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
          if (!pair) break;
          offset = rangeStart(pair.key) ?? offset;
          node = pair.value;
        } else if (isSeq(node) && typeof seg === 'number') {
          const item = node.items[seg];
          if (item === undefined) break;
          offset = rangeStart(item) ?? offset;
          node = item;
        } else break;
      }
      return at(offset);
    },
  };
}

function rangeStart(node: unknown): number | undefined {
  return node !== null && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}

export function toProblem(locator: SourceLocator | undefined, issue: PathIssue, file = locator?.file ?? '(config)'): Problem {
  const { line, col } = locator ? locator.locate(issue.path) : { line: 0, col: 0 };
  return { file, line, col, path: formatPath(issue.path), message: issue.message };
}

/**
 * Configs loaded from a file remember where they came from, so `resolveEnv(config, env)` can name
 * file:line:col for a missing variable without the caller carrying the locator around.
 */
const sources = new WeakMap<object, SourceLocator>();
export const rememberSource = (config: object, locator: SourceLocator) => void sources.set(config, locator);
export const sourceOf = (config: object): SourceLocator | undefined => sources.get(config);
