import { platformError } from '../errors.ts';
import type { SimIssue } from '../store.ts';
import { wallTimeToEpoch } from '../time.ts';
import { findField, type FieldDef, type JqlEnv } from './fields.ts';
import { jqlError, type Clause, type Operand, type Query } from './parse.ts';

/**
 * Compiles a parsed JQL query into a predicate and a sort key, validating fields, operators and values the way
 * Jira does (unknown values are errors, not empty results).
 * https://support.atlassian.com/jira-service-management-cloud/docs/jql-operators/
 */

export type SortValue = number | string | null;

export interface CompiledQuery {
  match: (i: SimIssue) => boolean;
  sortKey: (i: SimIssue) => SortValue[];
  compare: (a: SortValue[], b: SortValue[]) => number;
}

const bad = (msg: string) => platformError(400, [msg]);

const DATE_FORMATS =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";
const PERIOD_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** A JQL date: absolute wall time in the user's zone (minute precision) or a period relative to now. */
export function parseJqlDate(raw: string, env: JqlEnv): number | undefined {
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(raw.trim());
  if (abs) {
    const [y, mo, d, h, mi] = [abs[1], abs[2], abs[3], abs[4] ?? '0', abs[5] ?? '0'].map(Number) as [number, number, number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
    return wallTimeToEpoch(env.tz, y, mo, d, h, mi);
  }
  const rel = /^([-+]?)((?:\s*\d+[wdhm])+)$/.exec(raw.trim());
  if (!rel) return undefined;
  let ms = 0;
  for (const m of rel[2]!.matchAll(/(\d+)([wdhm])/g)) ms += Number(m[1]) * PERIOD_MS[m[2]!]!;
  return env.now + (rel[1] === '-' ? -ms : ms);
}

type Pred = (i: SimIssue) => boolean;

function compileTerm(t: Extract<Clause, { kind: 'term' }>, env: JqlEnv): Pred {
  const f = findField(t.field);
  if (!f) throw bad(`Field '${t.field}' does not exist or you do not have permission to view it.`);
  const unsupported = () => bad(`The operator '${t.op.toUpperCase()}' is not supported by the '${f.display}' field.`);

  if (f.text) {
    if (t.op !== '~' && t.op !== '!~') throw unsupported();
    if (t.operand.kind !== 'value') throw bad(`The operator '${t.op}' does not support the operand type for field '${f.display}'.`);
    const terms = t.operand.value.toLowerCase().split(/\s+/).map((w) => w.replace(/[*?]$/, '')).filter(Boolean);
    const has: Pred = (i) => {
      const txt = f.text!(i, env).toLowerCase();
      return terms.every((w) => txt.includes(w));
    };
    return t.op === '~' ? has : (i) => !has(i);
  }
  if (t.op === '~' || t.op === '!~') throw unsupported();

  if (t.op === 'is' || t.op === 'is not') {
    if (t.operand.kind !== 'empty') throw bad(`The operator '${t.op.toUpperCase()}' only supports the value EMPTY or NULL for field '${f.display}'.`);
    return t.op === 'is' ? (i) => f.values!(i, env).length === 0 : (i) => f.values!(i, env).length > 0;
  }

  const one = (o: Operand): string | null => {
    if (o.kind === 'empty') return null;
    if (o.kind === 'list') throw bad(`The operator '${t.op}' does not support a list of values for field '${f.display}'.`);
    if (o.kind === 'fn') return fnValue(o.name, f, env);
    return canonical(f, o.value, env);
  };

  if (t.op === 'in' || t.op === 'not in') {
    if (t.operand.kind !== 'list') throw bad(`The operator '${t.op.toUpperCase()}' requires a list of values for field '${f.display}'.`);
    const wanted = t.operand.items.map(one);
    const hasEmpty = wanted.includes(null) || wanted.includes('');
    const set = new Set(wanted.filter((w): w is string => !!w));
    const hit: Pred = (i) => {
      const vs = f.values!(i, env);
      return vs.length === 0 ? hasEmpty : vs.some((v) => set.has(v));
    };
    // NOT IN, like !=, never matches an issue whose field is EMPTY (unless EMPTY is listed, which IN handles)
    return t.op === 'in' ? hit : (i) => f.values!(i, env).length > 0 && !hit(i);
  }

  const v = one(t.operand);
  if (t.op === '=' || t.op === '!=') {
    if (f.isDate && v !== null && v !== '') {
      const at = Number(v);
      return t.op === '=' ? (i) => f.num!(i) === at : (i) => f.num!(i) !== null && f.num!(i) !== at;
    }
    const eq: Pred = v === null || v === '' ? (i) => f.values!(i, env).length === 0 : (i) => f.values!(i, env).includes(v);
    return t.op === '=' ? eq : (i) => f.values!(i, env).length > 0 && !eq(i);
  }

  // < <= > >=: ordered fields only
  if (!f.num || v === null) throw unsupported();
  const bound = f.isDate ? Number(v) : f.numOf!(v, env);
  if (bound === null) throw unsupported();
  const cmp = { '>': (a: number) => a > bound, '>=': (a: number) => a >= bound, '<': (a: number) => a < bound, '<=': (a: number) => a <= bound }[t.op];
  return (i) => {
    const n = f.num!(i);
    return n !== null && cmp(n);
  };
}

function canonical(f: FieldDef, raw: string, env: JqlEnv): string {
  if (f.isDate) {
    const at = parseJqlDate(raw, env);
    if (at === undefined) throw bad(`Date value '${raw}' for field '${f.display}' is invalid. ${DATE_FORMATS}`);
    return String(at);
  }
  const v = f.resolve!(raw, env);
  if (v === undefined) {
    if (f.display === 'key') throw bad(`An issue with key '${raw}' does not exist for field '${f.display}'.`);
    throw bad(`The value '${raw}' does not exist for the field '${f.display}'.`);
  }
  return v;
}

function fnValue(name: string, f: FieldDef, env: JqlEnv): string {
  const n = name.toLowerCase();
  if (n === 'now' && f.isDate) return String(env.now);
  if (n === 'currentuser' && ['assignee', 'reporter', 'creator'].includes(f.display)) return env.currentUser;
  throw bad(`Unable to find JQL function '${name}()'.`);
}

function compileClause(c: Clause, env: JqlEnv): Pred {
  if (c.kind === 'term') return compileTerm(c, env);
  if (c.kind === 'not') {
    const inner = compileClause(c.clause, env);
    return (i) => !inner(i);
  }
  const parts = c.items.map((x) => compileClause(x, env));
  return c.kind === 'and' ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
}

export function compileQuery(q: Query, env: JqlEnv): CompiledQuery {
  if (!q.where) throw bad('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  const match = compileClause(q.where, env);
  const order = q.orderBy.length ? q.orderBy : [{ field: 'key', dir: 'desc' as const, pos: 0 }];
  const keys = order.map((o) => {
    const f = findField(o.field);
    if (!f) throw bad(`Field '${o.field}' does not exist or you do not have permission to view it.`);
    if (!f.sort) throw bad(`Field '${o.field}' does not support sorting.`);
    return { get: f.sort, desc: o.dir === 'desc' };
  });
  if (keys.length > 7) throw jqlError('The ORDER BY clause can contain a maximum of 7 fields.');
  const sortKey = (i: SimIssue): SortValue[] => [...keys.map((k) => k.get(i)), i.num];
  const compare = (a: SortValue[], b: SortValue[]): number => {
    for (let n = 0; n < a.length; n++) {
      const desc = keys[n]?.desc ?? false;
      const x = a[n] ?? null;
      const y = b[n] ?? null;
      if (x === y) continue;
      // EMPTY sorts after every value ascending (and so first descending)
      const r = x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
      return desc ? -r : r;
    }
    return 0;
  };
  return { match, sortKey, compare };
}
