/**
 * A problem found in a mapping file, pointing at the place to fix it:
 * `config/sync.yaml:14:5  connections[0].statuses.zendesk.pending  "waiting" is not a canonical status (…)`.
 */
export interface Problem {
  file: string;
  /** 1-based; 0 when the position is unknown (a config object not loaded from a file). */
  line: number;
  col: number;
  /** Dotted path of the key, e.g. `connections[0].statuses.jsm["Waiting for support"]`. */
  path: string;
  message: string;
}

export type PathSegment = string | number;

/** A problem before it is placed in the file: the path of the offending key, and what was expected. */
export interface PathIssue {
  path: readonly PathSegment[];
  message: string;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}

export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  return `${where}  ${p.path}  ${p.message}`;
}

/** File order: by line, then column; the same problem reported twice is listed once. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.line}:${p.col}:${p.path}:${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return unique.sort((a, b) => a.line - b.line || a.col - b.col || a.path.localeCompare(b.path));
}
