import { createHash } from 'node:crypto';
import { z } from 'zod';
import { platformError } from './errors.ts';
import { compileQuery, type SortValue } from './jql/compile.ts';
import type { JqlEnv } from './jql/fields.ts';
import { parseJql } from './jql/parse.ts';
import { renderIssue, type RenderCtx } from './render.ts';
import type { SimIssue } from './store.ts';

/**
 * `/rest/api/3/search/jql`: JQL over the (possibly lagging) search index, paged by an opaque `nextPageToken`
 * that encodes the sort position of the last issue returned (keyset), so pages neither skip nor repeat issues
 * that do not change while the caller pages; the last page has no token and `isLast: true`.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
 */

export const SearchParams = z.object({
  jql: z.string().optional(),
  nextPageToken: z.string().optional(),
  maxResults: z.coerce.number().int().optional(),
  fields: z.array(z.string()).optional(),
  expand: z.union([z.string(), z.array(z.string())]).optional(),
  properties: z.array(z.string()).optional(),
  fieldsByKeys: z.union([z.boolean(), z.string()]).optional(),
  failFast: z.union([z.boolean(), z.string()]).optional(),
  reconcileIssues: z.array(z.coerce.number()).optional(),
});
export type SearchParams = z.infer<typeof SearchParams>;

/** Default page size, and the caps: 5000 when only ids/keys are asked for, 100 once other fields are. */
export const DEFAULT_MAX_RESULTS = 50;
export const MAX_IDS_ONLY = 5000;
export const MAX_WITH_FIELDS = 100;

const tokenSchema = z.object({ q: z.string(), k: z.array(z.union([z.number(), z.string(), z.null()])) });

const hashJql = (jql: string) => createHash('sha256').update(jql.trim()).digest('base64url').slice(0, 16);

const invalidToken = () => platformError(400, ['The provided next page token is invalid or expired.']);

function decodeToken(token: string, jql: string): SortValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  const r = tokenSchema.safeParse(parsed);
  if (!r.success || r.data.q !== hashJql(jql)) throw invalidToken();
  return r.data.k;
}

const encodeToken = (jql: string, k: SortValue[]) => Buffer.from(JSON.stringify({ q: hashJql(jql), k })).toString('base64url');

/** Runs a compiled query; exported for the queue endpoints and `approximate-count`. */
export function runJql(jql: string, env: JqlEnv, issues: SimIssue[]): { ordered: SimIssue[]; keyOf: (i: SimIssue) => SortValue[]; compare: (a: SortValue[], b: SortValue[]) => number } {
  const q = compileQuery(parseJql(jql), env);
  const keyOf = q.sortKey;
  const ordered = issues.filter(q.match).sort((a, b) => q.compare(keyOf(a), keyOf(b)));
  return { ordered, keyOf, compare: q.compare };
}

export function searchJql(ctx: RenderCtx, env: JqlEnv, p: SearchParams): Record<string, unknown> {
  const jql = p.jql ?? '';
  // reconcileIssues: read-after-write for the listed ids, which the lagging index may not show yet
  const pool = new Map(ctx.store.searchable().map((i) => [i.id, i]));
  for (const id of p.reconcileIssues ?? []) {
    const live = ctx.store.find(String(id));
    if (live) pool.set(live.id, live);
  }
  const { ordered, keyOf, compare } = runJql(jql, env, [...pool.values()]);
  const after = p.nextPageToken ? decodeToken(p.nextPageToken, jql) : null;
  const remaining = after ? ordered.filter((i) => compare(keyOf(i), after) > 0) : ordered;

  const requested = (p.fields ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  const idsOnly = requested.every((f) => f === 'id' || f === 'key');
  const cap = idsOnly ? MAX_IDS_ONLY : MAX_WITH_FIELDS;
  const size = Math.max(1, Math.min(p.maxResults ?? DEFAULT_MAX_RESULTS, cap));
  const page = remaining.slice(0, size);
  const isLast = remaining.length <= size;
  const expand = typeof p.expand === 'string' ? [p.expand] : p.expand;
  const out: Record<string, unknown> = {
    issues: page.map((i) => renderIssue(ctx, i, { fields: p.fields, defaultFields: 'id', expand, properties: p.properties })),
    isLast,
  };
  if (!isLast) out.nextPageToken = encodeToken(jql, keyOf(page[page.length - 1]!));
  return out;
}

/** Reads the search parameters of GET (query string, repeated or comma-separated) into the POST body's shape. */
export function searchParamsFromQuery(q: URLSearchParams): unknown {
  const list = (k: string) => (q.has(k) ? q.getAll(k).flatMap((v) => v.split(',')) : undefined);
  return {
    jql: q.get('jql') ?? undefined,
    nextPageToken: q.get('nextPageToken') ?? undefined,
    maxResults: q.get('maxResults') ?? undefined,
    fields: list('fields'),
    expand: q.get('expand') ?? undefined,
    properties: list('properties'),
    fieldsByKeys: q.get('fieldsByKeys') ?? undefined,
    failFast: q.get('failFast') ?? undefined,
    reconcileIssues: list('reconcileIssues'),
  };
}
