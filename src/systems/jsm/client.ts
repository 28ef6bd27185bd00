import { createCloudClient, createServiceDeskClient, type CloudClient, type ServiceDeskClient } from 'jira.js';
import type { Client, SchemaMismatchReport, SendRequestOptions } from 'jira.js/core';
import type { HttpClient, HttpMethod, HttpRequest } from '../../http/index.ts';
import type { Logger } from '../../logging/logger.ts';

/**
 * jira.js on top of our HttpClient. jira.js accepts any object with `sendRequest(options)` in place of
 * `{host, auth}`; handing it one means every SDK call goes through our per-system queue, rate budget,
 * 429 pause, retry policy, typed errors and metrics. Our typed errors propagate through the SDK
 * unchanged (its functions only `await client.sendRequest`).
 *
 * With a custom Client, validating the response against the SDK's schema is the Client's job
 * (jira.js' own `onSchemaMismatch` option only applies to its built-in client), so it is done here
 * the way jira.js does it by default: a mismatch is reported (to pino, not the console) and the
 * body is handed back unvalidated.
 */

export type SchemaMismatchHandler = (report: SchemaMismatchReport) => void;

/** POSTs that only read: search is safe to repeat and counts as a read. */
const READ_POSTS = new Set(['/rest/api/3/search/jql', '/rest/api/3/jql/match', '/rest/api/3/search/approximate-count', '/rest/api/3/issue/bulkfetch']);

/** A route template for metrics and errors: ids, issue keys and property keys become placeholders. */
export function routeTemplate(method: string, url: string): string {
  const segs = url.split('?')[0]!.split('/');
  const out = segs.map((s, i) => {
    if (i > 0 && segs[i - 1] === 'properties') return '{propertyKey}';
    if (i > 0 && segs[i - 1] === 'api') return s; // the API version: /rest/api/3
    if (/^\d+$/.test(s) || /^[A-Z][A-Z0-9_]*-\d+$/.test(s)) return '{id}';
    return s;
  });
  return `${method} ${out.join('/')}`;
}

/** The query string exactly as jira.js would build it (arrays as repeated keys, objects as JSON). */
export function withSearchParams(url: string, params: Record<string, unknown> | undefined): string {
  if (!params) return url;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) q.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item));
    else q.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const s = q.toString();
  return s ? `${url}${url.includes('?') ? '&' : '?'}${s}` : url;
}

export function requestFor(options: SendRequestOptions<unknown>): HttpRequest {
  const method = (options.method ?? 'GET') as string;
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) throw new Error(`jira.js asked for unsupported method ${method}`);
  const url = options.url.startsWith('/') ? options.url : `/${options.url}`;
  const req: HttpRequest = { method: method as HttpMethod, path: withSearchParams(url, options.searchParams), route: routeTemplate(method, url) };
  if (options.body !== undefined) req.body = options.body;
  if (options.headers) req.headers = options.headers;
  if (method === 'POST' && READ_POSTS.has(url)) {
    req.kind = 'read';
    req.idempotent = true;
  }
  return req;
}

export function jiraTransport(http: HttpClient, onSchemaMismatch: SchemaMismatchHandler): Client {
  return {
    async sendRequest<T>(options: SendRequestOptions<T>): Promise<T> {
      const req = requestFor(options as SendRequestOptions<unknown>);
      const res = await http.request(req);
      if (res.status === 204 || res.data === '' || res.data === undefined || res.data === null) return undefined as T;
      if (!options.schema) return res.data as T;
      const parsed = options.schema.safeParse(res.data);
      if (parsed.success) return parsed.data;
      onSchemaMismatch({
        endpoint: req.route!,
        issues: parsed.error.issues.map((i) => ({
          path: i.path.map(String).join('.'),
          expected: i.code === 'invalid_type' ? i.expected : i.code,
          received: typeOfPath(res.data, i.path),
        })),
      });
      return res.data as T;
    },
  };
}

/** Type name at a path: mismatch reports name shapes, never values (bodies hold personal data). */
function typeOfPath(body: unknown, path: readonly PropertyKey[]): string {
  let v: unknown = body;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return 'nothing';
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

export interface JsmClients {
  jira: CloudClient;
  serviceDesk: ServiceDeskClient;
}

/** Both jira.js surfaces on one transport. `logger` should already carry `system: 'jsm'`. */
export function createJsmClients(http: HttpClient, logger: Logger): JsmClients {
  const transport = jiraTransport(http, (report) =>
    logger.warn({ endpoint: report.endpoint, issues: report.issues }, 'response does not match the jira.js schema; used unvalidated'),
  );
  return { jira: createCloudClient(transport), serviceDesk: createServiceDeskClient(transport) };
}
