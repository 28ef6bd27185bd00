import { badRequest } from './errors.ts';
import type { Json } from './render.ts';

/**
 * The two pagination styles of Zendesk list endpoints. Cursor pagination (`page[size]`, `page[after]`,
 * `page[before]` → `meta.has_more`, `meta.after_cursor`, `links.next`) when the caller asks for it, offset
 * pagination (`page`, `per_page` → `next_page`, `previous_page`, `count`) otherwise.
 * https://developer.zendesk.com/api-reference/introduction/pagination/
 */

const MAX_PAGE_SIZE = 100;

const encode = (offset: number): string => Buffer.from(`sim:${offset}`).toString('base64url');

function decode(cursor: string): number {
  const m = /^sim:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badRequest('InvalidPaginationParameter', 'page[after]/page[before] is not a valid cursor');
  return Number(m[1]);
}

function pageSize(raw: string | null, fallback: number): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw badRequest('InvalidPaginationParameter', 'page size must be a positive integer');
  return Math.min(n, MAX_PAGE_SIZE);
}

export interface PageTarget {
  /** The collection's key in the body, e.g. `comments`. */
  key: string;
  /** Base URL of the simulator and the path of the endpoint (without `.json`). */
  base: string;
  path: string;
}

function link(t: PageTarget, query: URLSearchParams, set: Record<string, string>, drop: string[]): string {
  const q = new URLSearchParams(query);
  for (const k of drop) q.delete(k);
  for (const [k, v] of Object.entries(set)) q.set(k, v);
  return `${t.base}${t.path}.json?${q.toString()}`;
}

export function paginate(items: Json[], query: URLSearchParams, t: PageTarget): Json {
  const cursorMode = ['page[size]', 'page[after]', 'page[before]'].some((k) => query.has(k));
  if (cursorMode) {
    const size = pageSize(query.get('page[size]'), MAX_PAGE_SIZE);
    const after = query.get('page[after]');
    const before = query.get('page[before]');
    let start = 0;
    if (after) start = decode(after);
    else if (before) start = Math.max(0, decode(before) - size);
    const end = before && !after ? decode(before) : Math.min(items.length, start + size);
    const page = items.slice(start, end);
    const hasMore = end < items.length;
    const afterCursor = page.length ? encode(end) : null;
    const beforeCursor = page.length ? encode(start) : null;
    return {
      [t.key]: page,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        prev: start > 0 && beforeCursor ? link(t, query, { 'page[before]': beforeCursor }, ['page[after]']) : null,
        next: hasMore && afterCursor ? link(t, query, { 'page[after]': afterCursor }, ['page[before]']) : null,
      },
    };
  }
  const perPage = pageSize(query.get('per_page'), MAX_PAGE_SIZE);
  const pageNo = Math.max(1, Number(query.get('page') ?? '1') || 1);
  const start = (pageNo - 1) * perPage;
  const page = items.slice(start, start + perPage);
  return {
    [t.key]: page,
    next_page: start + perPage < items.length ? link(t, query, { page: String(pageNo + 1), per_page: String(perPage) }, []) : null,
    previous_page: pageNo > 1 ? link(t, query, { page: String(pageNo - 1), per_page: String(perPage) }, []) : null,
    count: items.length,
  };
}
