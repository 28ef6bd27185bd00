import type { z } from 'zod';
import { CANONICAL_STATUSES, PRIORITIES } from '../model/index.ts';
import type { PathIssue, PathSegment } from './problem.ts';
import { isRecord } from './raw.ts';
import { allowedKeys, schemaAt } from './schema-walk.ts';
import { didYouMean, suggestion } from './suggest.ts';

type Issue = z.core.$ZodIssue;

/**
 * Turns zod's issues into "what was expected" messages a person can act on: the missing key, the
 * allowed values, the likely typo. Values under secret keys are never quoted back.
 */
export function zodIssuesToPathIssues(issues: readonly Issue[], raw: unknown, root: z.ZodType): PathIssue[] {
  return issues.flatMap((issue) => explain(issue, raw, root));
}

function explain(issue: Issue, raw: unknown, root: z.ZodType): PathIssue[] {
  const path = issue.path as PathSegment[];
  const value = valueAt(raw, path);
  const at = (message: string, p: readonly PathSegment[] = path): PathIssue[] => [{ path: p, message }];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schemaAt(root, path));
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key "${key}"${suggestion(key, allowed)}` }));
    }
    case 'invalid_type':
      if (value === undefined) return at(`missing required key "${String(path.at(-1))}" (expected ${typeName(issue.expected)})`);
      return at(`expected ${typeName(issue.expected)}, got ${describe(value, path)}`);
    case 'invalid_value':
      return at(notOneOf(value, issue.values.map(String), path));
    case 'invalid_key': {
      const key = String(path.at(-1));
      const expected = issue.issues[0]?.message ?? 'a valid key';
      const candidates = allowedKeys(schemaAt(root, path.slice(0, -1)));
      return at(`key "${key}" is not valid (expected ${expected})${didYouMean(key, candidates)}`);
    }
    case 'invalid_union':
      return explainUnion(issue, path, value, raw, root);
    case 'too_small':
    case 'too_big':
      return at(`expected ${isDefaultMessage(issue.message) ? bound(issue) : issue.message}, got ${describe(value, path)}`);
    case 'custom':
      // A message the schema wrote in full (it names the key itself, e.g. a bad map key).
      if (issue.params?.verbatim === true) return at(issue.message);
      return at(invalid(value, path, issue.message));
    case 'invalid_format':
      return at(invalid(value, path, issue.message));
    default:
      return at(issue.message);
  }
}

function explainUnion(issue: z.core.$ZodIssueInvalidUnion, path: PathSegment[], value: unknown, raw: unknown, root: z.ZodType) {
  const at = (message: string): PathIssue[] => [{ path, message }];
  if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
    const options = issue.options.map(String);
    if (value === undefined) return at(`missing required key "${issue.discriminator}" (expected one of: ${options.join(', ')})`);
    return at(notOneOf(value, options, path));
  }
  const branches = issue.errors.filter((b) => b.length > 0);
  if (branches.length === 0) return at(`${describe(value, path)} matches more than one form: make it unambiguous`);
  const single = branches.every((b) => b.length === 1 && b[0]!.path.length === 0);
  if (single && branches.every((b) => b[0]!.code === 'invalid_value')) {
    const values = branches.flatMap((b) => (b[0]!.code === 'invalid_value' ? b[0]!.values.map(String) : []));
    return at(notOneOf(value, values, path));
  }
  if (single && branches.every((b) => b[0]!.code === 'invalid_type')) {
    const types = branches.map((b) => (b[0]!.code === 'invalid_type' ? typeName(b[0]!.expected) : ''));
    return at(`expected ${types.join(' or ')}, got ${describe(value, path)}`);
  }
  // Several shapes, none matched: explain against the shape that came closest.
  const closest = branches.reduce((a, b) => (b.length < a.length ? b : a));
  return zodIssuesToPathIssues(
    closest.map((e) => ({ ...e, path: [...path, ...e.path] }) as Issue),
    raw,
    root,
  );
}

function notOneOf(value: unknown, values: readonly string[], path: readonly PathSegment[]): string {
  const expected = values.length === 1 ? `expected ${values[0]}` : `expected one of: ${values.join(', ')}`;
  if (value === undefined) return `missing required key "${String(path.at(-1))}" (${expected})`;
  const kind = sameSet(values, CANONICAL_STATUSES)
    ? 'is not a canonical status'
    : sameSet(values, PRIORITIES)
      ? 'is not a canonical priority'
      : 'is not valid';
  const hint = typeof value === 'string' ? didYouMean(value, values) : '';
  return `${describe(value, path)} ${kind} (${expected})${hint}`;
}

function invalid(value: unknown, path: readonly PathSegment[], expected: string): string {
  if (isSecretPath(path)) return `an inline secret is not allowed (expected ${expected})`;
  if (value !== null && typeof value === 'object') return `expected ${expected}`;
  return `${describe(value, path)} is not valid (expected ${expected})`;
}

const SECRET_KEYS = new Set(['token', 'accessToken', 'postgres']);
const isSecretPath = (path: readonly PathSegment[]) => SECRET_KEYS.has(String(path.at(-1)));

/** A short, safe rendering of the value found: strings quoted and cut short, secrets never shown. */
function describe(value: unknown, path: readonly PathSegment[]): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (isSecretPath(path)) return 'the value';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    record: 'a mapping',
    map: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
  };
  return names[expected] ?? expected;
}

/** zod's own wording ("Too small: …") is replaced; a message written in the schema is kept. */
const isDefaultMessage = (message: string) => /^(Too (small|big)|Invalid)/.test(message);

function bound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const n = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') return small && n === 1 ? 'a non-empty string' : `${small ? 'at least' : 'at most'} ${n} characters`;
  if (issue.origin === 'array') return `${small ? 'at least' : 'at most'} ${n} item${n === 1 ? '' : 's'}`;
  const op = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
  return `a number ${op} ${n}`;
}

function valueAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let v = raw;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isRecord(v)) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && b.every((x) => a.includes(x));
