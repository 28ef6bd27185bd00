import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { crossCheck } from './cross-checks.ts';
import { nonPlainPaths } from './raw.ts';
import { checkEnvRefs, resolveEnv } from './env-refs.ts';
import type { PathIssue, Problem } from './problem.ts';
import { sortProblems } from './problem.ts';
import { ConfigFile, type Config } from './schema.ts';
import { rememberSource, toProblem, yamlLocator, type SourceLocator } from './source-map.ts';
import { zodIssuesToPathIssues } from './zod-problems.ts';

export type LoadResult =
  | { ok: true; config: Config; warnings: Problem[]; source: SourceLocator }
  | { ok: false; problems: Problem[]; warnings: Problem[]; /** the file could not be read at all */ unreadable?: true };

export interface LoadOptions {
  /** Missing `${VAR}` variables are errors instead of warnings (the runtime loader always requires them). */
  requireEnv?: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses a mapping file and collects every problem in it — YAML syntax, schema, cross-checks and
 * `${VAR}` references — each placed at file:line:col. The config returned still holds its
 * `${VAR}` references; `resolveEnv` (or `loadRuntimeConfig`) fills them in.
 */
export function parseConfigText(text: string, fileName: string, env: Env = process.env, options: LoadOptions = {}): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locator = yamlLocator(fileName, doc, lineCounter);
  const at = (offset: number) => lineCounter.linePos(offset);
  const yamlProblem = (e: { pos: [number, number]; message: string }): Problem => ({
    file: fileName,
    ...at(e.pos[0]),
    path: '(yaml)',
    message: e.message.split('\n')[0] ?? e.message,
  });
  const yamlWarnings = doc.warnings.map(yamlProblem);
  if (doc.errors.length > 0) return { ok: false, problems: sortProblems(doc.errors.map(yamlProblem)), warnings: yamlWarnings };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [{ file: fileName, line: 1, col: 1, path: '(yaml)', message }], warnings: yamlWarnings };
  }
  if (raw === null || raw === undefined) {
    const problem = toProblem(locator, { path: [], message: 'the file is empty (expected a mapping with version and connections)' });
    return { ok: false, problems: [problem], warnings: yamlWarnings };
  }

  const exotic = nonPlainPaths(raw);
  if (exotic.length > 0) {
    const message = 'unsupported YAML value (expected plain strings, numbers, booleans, lists and mappings: no !!binary, !!set, !!timestamp)';
    return { ok: false, problems: sortProblems(exotic.map((path) => toProblem(locator, { path, message }))), warnings: yamlWarnings };
  }

  const parsed = ConfigFile.safeParse(raw);
  const schemaIssues = parsed.success ? [] : zodIssuesToPathIssues(parsed.error.issues, raw, ConfigFile);
  const cross = crossCheck(raw);
  const refs = checkEnvRefs(raw, env);
  const errors: PathIssue[] = [...schemaIssues, ...cross.errors, ...refs.malformed, ...(options.requireEnv ? refs.missing : [])];
  const warnings: PathIssue[] = [...cross.warnings, ...(options.requireEnv ? [] : refs.missing)];

  const place = (issues: PathIssue[]) => issues.map((i) => toProblem(locator, i));
  const allWarnings = sortProblems([...yamlWarnings, ...place(warnings)]);
  if (errors.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(place(errors)), warnings: allWarnings };
  rememberSource(parsed.data, locator);
  return { ok: true, config: parsed.data, warnings: allWarnings, source: locator };
}

/** Reads and parses a mapping file; an unreadable file is one problem, marked `unreadable`. */
export async function loadConfigFile(path: string, env: Env = process.env, options: LoadOptions = {}): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    const problem: Problem = { file: path, line: 0, col: 0, path: '(file)', message: `cannot read the file (${reason})` };
    return { ok: false, problems: [problem], warnings: [], unreadable: true };
  }
  return parseConfigText(text, path, env, options);
}

export type RuntimeLoadResult =
  | { ok: true; config: Config; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[]; unreadable?: true };

/** The loader `sync` and the other runtime commands use: a valid file with every `${VAR}` resolved. */
export async function loadRuntimeConfig(path: string, env: Env = process.env): Promise<RuntimeLoadResult> {
  const loaded = await loadConfigFile(path, env, { requireEnv: true });
  if (!loaded.ok) return loaded;
  const resolved = resolveEnv(loaded.config, env, loaded.source);
  if (!resolved.ok) return { ok: false, problems: resolved.problems, warnings: loaded.warnings };
  return { ok: true, config: resolved.config, warnings: loaded.warnings };
}
