import type { HttpClient, HttpMethod, HttpResponse } from '../../http/client.ts';

/**
 * node-zendesk's transport hook (`transportConfig: {transportFn, responseAdapter}`) wired onto our HttpClient,
 * so every SDK call shares the system's queue, rate budget, 429 pause, retry policy, typed errors and metrics.
 *
 * Contract (node-zendesk 6 `Transporter.sendRequest`): `transportFn(uri, options)` gets the absolute URL and
 * `{method, headers, body}` (body is a JSON string); `responseAdapter(res)` must return
 * `{json(), status, headers: {get(name)}, statusText}`. The SDK reads the body only when the content type says
 * JSON. Errors: HttpClient throws typed errors for any status >= 400, so the SDK (created with
 * `throwOriginalException: true`) passes them through unchanged and only ever sees successes.
 */

interface SdkRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface SdkResponse {
  json(): Promise<unknown>;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
}

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `/api/v2/tickets/123/comments.json` → `/api/v2/tickets/{id}/comments.json`: one metrics bucket per endpoint. */
export function routeTemplate(path: string): string {
  return path
    .split('?')[0]!
    .split('/')
    .map((seg) => seg.replace(/^\d+(?=(\.json)?$)/, '{id}'))
    .join('/');
}

/** A ticket PUT that carries a comment is not safe to repeat (a retry could post the comment twice). */
export function isIdempotentWrite(method: HttpMethod, body: unknown): boolean {
  if (method === 'POST' || method === 'PATCH') return false;
  if (method !== 'PUT') return true;
  const ticket = body && typeof body === 'object' ? (body as { ticket?: unknown }).ticket : undefined;
  return !(ticket && typeof ticket === 'object' && 'comment' in ticket);
}

export function zendeskTransport(http: HttpClient, baseUrl: string): {
  transportFn: (uri: string, init: SdkRequestInit) => Promise<HttpResponse>;
  responseAdapter: (res: HttpResponse) => SdkResponse;
} {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async transportFn(uri, init) {
      // Never send the account's credentials anywhere else (e.g. a pagination link pointing off-site).
      if (!uri.startsWith(`${base}/`)) throw new Error(`refusing a Zendesk SDK request outside ${base}`);
      const method = (init.method ?? 'GET').toUpperCase() as HttpMethod;
      if (!METHODS.includes(method)) throw new Error(`unsupported method ${method}`);
      const path = uri.slice(base.length);
      const body = typeof init.body === 'string' && init.body !== '' ? (JSON.parse(init.body) as unknown) : undefined;
      // The SDK's own headers (its Authorization placeholder, user agent) are dropped: HttpClient applies the real auth.
      return http.request({
        method,
        path,
        ...(body !== undefined ? { body, headers: { 'Content-Type': 'application/json' } } : {}),
        idempotent: isIdempotentWrite(method, body),
        route: `${method} ${routeTemplate(path)}`,
      });
    },
    responseAdapter(res) {
      return {
        json: async () => res.data,
        status: res.status,
        statusText: '',
        headers: {
          get(name: string): string | null {
            const key = name.toLowerCase();
            // HttpClient has already honoured any Retry-After; the SDK would turn a success carrying one into an error.
            if (key === 'retry-after') return null;
            const v = res.headers[key];
            if (v !== undefined) return v;
            // HttpClient parsed the body already: say so when the server left the content type out.
            return key === 'content-type' && res.data !== null && typeof res.data === 'object' ? 'application/json' : null;
          },
        },
      };
    },
  };
}
