import type { Config } from './schema.ts';
import type { PathIssue, PathSegment, Problem } from './problem.ts';
import { sourceOf, toProblem, type SourceLocator } from './source-map.ts';

/**
 * `${VAR}` references: any string value of a mapping file may hold them (urls, emails, store path);
 * secrets must be one. The file is validated with the references in place; `resolveEnv` fills them
 * in for the runtime and names every variable that is missing.
 */

const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export const hasEnvRef = (s: string): boolean => /\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(s);

export const envRefNames = (s: string): string[] => [...s.matchAll(REF)].map((m) => m[1]!);

/** A `${` that does not open a well-formed reference (`${ZENDESK_URL`, `${1X}`, `${}`). */
export const hasMalformedRef = (s: string): boolean => s.replace(REF, '').includes('${');

type Env = Readonly<Record<string, string | undefined>>;

/** Every string in a plain data tree, with its path. A YAML alias can make the tree cyclic: each node is visited once. */
function* strings(value: unknown, path: PathSegment[] = [], seen = new WeakSet<object>()): Generator<{ path: PathSegment[]; value: string }> {
  if (typeof value === 'string') yield { path, value };
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i], seen);
  else for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k], seen);
}

const unset = (env: Env, name: string) => env[name] === undefined || env[name] === '';
const missingMessage = (env: Env, name: string) =>
  env[name] === '' ? `environment variable ${name} is set but empty` : `environment variable ${name} is not set`;

/** Malformed references (always errors) and variables missing from `env` (warnings unless required). */
export function checkEnvRefs(raw: unknown, env: Env): { malformed: PathIssue[]; missing: PathIssue[] } {
  const malformed: PathIssue[] = [];
  const missing: PathIssue[] = [];
  for (const { path, value } of strings(raw)) {
    if (hasMalformedRef(value)) malformed.push({ path, message: 'malformed ${VAR} reference (expected ${NAME} with letters, digits and _)' });
    for (const name of envRefNames(value)) if (unset(env, name)) missing.push({ path, message: missingMessage(env, name) });
  }
  return { malformed, missing };
}

export type ResolveResult = { ok: true; config: Config } | { ok: false; problems: Problem[] };

/**
 * The runtime config: every `${VAR}` replaced by its value. Fails naming each missing variable, and
 * each base URL or email that does not hold what it should once resolved (values are not echoed:
 * they may be secrets). Positions come from the file the config was loaded from, when known.
 */
export function resolveEnv(config: Config, env: Env, source: SourceLocator | undefined = sourceOf(config)): ResolveResult {
  const issues: PathIssue[] = [];
  const resolveString = (s: string, path: PathSegment[]): string =>
    s.replace(REF, (_, name: string) => {
      if (unset(env, name)) {
        issues.push({ path, message: missingMessage(env, name) });
        return '';
      }
      return env[name] ?? '';
    });
  const walk = (value: unknown, path: PathSegment[]): unknown => {
    if (typeof value === 'string') return resolveString(value, path);
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    }
    return value;
  };
  const resolved = walk(config, []) as Config;
  if (issues.length === 0) issues.push(...resolvedValueIssues(config, resolved));
  if (issues.length > 0) return { ok: false, problems: issues.map((i) => toProblem(source, i)) };
  return { ok: true, config: resolved };
}

/** What the schema could not check while the references were still in place. */
function resolvedValueIssues(written: Config, resolved: Config): PathIssue[] {
  const issues: PathIssue[] = [];
  resolved.connections.forEach((c, i) => {
    for (const side of ['zendesk', 'jsm'] as const) {
      const url = c[side].url;
      if (!isHttpUrl(url)) {
        issues.push({ path: ['connections', i, side, 'url'], message: `${written.connections[i]![side].url} does not hold an http(s) URL` });
      }
      const auth = c[side].auth;
      if (auth.type === 'token' && !/^[^@\s]+@[^@\s]+$/.test(auth.email)) {
        const w = written.connections[i]![side].auth;
        issues.push({ path: ['connections', i, side, 'auth', 'email'], message: `${w.type === 'token' ? w.email : 'the email'} does not hold an email address` });
      }
    }
  });
  return issues;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
