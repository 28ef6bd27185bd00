import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom, type SimClock } from './clock.ts';

/**
 * The shared HTTP harness under both simulators: routing, auth, per-minute rate limits with 429 +
 * Retry-After, fault injection, a controllable clock and request statistics (`GET /__sim/stats`).
 */

export interface SimRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: Buffer;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface Faults {
  /** Added to every response, ms. */
  latencyMs: number;
  /** Share of API requests answered 500/502/503 (0..1). */
  errorRate: number;
  /** Share of API requests that never answer (the socket is closed after `timeoutHangMs`). */
  timeoutRate: number;
  timeoutHangMs: number;
  /** Share of writes (POST/PUT/DELETE) that commit but whose response is dropped (socket destroyed). */
  dropResponseRate: number;
  /** Exact counts that override the rates: the next N writes (or requests) get this fault. */
  dropNextWrites: number;
  failNext: number;
  /** Delay between a write committing and its response leaving, ms: widens the window a crash can fall into. */
  writeCommitDelayMs: number;
}

export const noFaults = (): Faults => ({
  latencyMs: 0,
  writeCommitDelayMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  timeoutHangMs: 2_000,
  dropResponseRate: 0,
  dropNextWrites: 0,
  failNext: 0,
});

export interface HarnessOptions {
  name: string;
  /** Returns true when the Authorization header is acceptable. */
  authorize: (authorization: string | undefined) => boolean;
  /** Requests per minute per account; 0 disables. */
  rateLimitPerMinute: number;
  /**
   * Optional extra limit per route, keyed by pattern (all methods) or by `METHOD pattern`
   * (e.g. `'PUT /api/v2/tickets/:id'` for Zendesk's Update Ticket 100/min, which GETs do not count against).
   */
  routeLimits?: Record<string, number>;
  /** Maps a request path before routing (e.g. Zendesk's optional `.json` suffix), so both forms share one route, limit and stats key. */
  normalizePath?: (path: string) => string;
  /** Headers describing the account-level budget, added to every API response (e.g. Zendesk's `X-Rate-Limit`). */
  rateLimitHeaders?: (budget: { limit: number; remaining: number; resetSeconds: number }) => Record<string, string>;
  clock: SimClock;
  seed?: number;
  /** Route keys (`POST /pattern`) that only read although they are not GETs (search by POST): not writes in stats or faults. */
  readOnlyRoutes?: string[];
  /** Body returned with a 401. */
  unauthorizedBody?: unknown;
  /**
   * Shapes the harness's own error bodies (429, 503, 404 no route, 400 bad JSON, 500) like the simulated API's
   * (e.g. Jira's `{"errorMessages": [...], "errors": {}}`); the default is the Zendesk shape.
   */
  errorBody?: (status: number, error: string, description: string) => unknown;
  /** Extra headers on a 429 (e.g. Jira's `RateLimit-Reason`). */
  rateLimitedHeaders?: (retryAfterSeconds: number) => Record<string, string>;
}

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  keys: string[];
  handler: Handler;
}

export class SimHarness {
  readonly faults: Faults = noFaults();
  readonly stats = new Map<string, number>();
  private readonly routes: Route[] = [];
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly rnd: () => number;
  private server: Server | undefined;
  private readonly opts: HarnessOptions;

  constructor(opts: HarnessOptions) {
    this.opts = opts;
    this.rnd = seededRandom(opts.seed ?? 1);
  }

  /** Registers a route; `:name` segments become params. Pattern `/api/v2/tickets/:id.json?` style suffixes are literal. */
  route(method: string, pattern: string, handler: Handler): this {
    const keys: string[] = [];
    const src = pattern.replace(/[.+*?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z_]+)/g, (_m, k: string) => {
      keys.push(k);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern, regex: new RegExp(`^${src}$`), keys, handler });
    return this;
  }

  statsObject(): Record<string, number> {
    return Object.fromEntries([...this.stats.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Writes (non-GET API calls) counted so far, optionally for routes matching `filter`. */
  writeCount(filter?: RegExp): number {
    let n = 0;
    for (const [k, v] of this.stats) if (this.isWrite(k) && (!filter || filter.test(k))) n += v;
    return n;
  }

  /** Whether a `METHOD pattern` route key changes data. */
  isWrite(routeKey: string): boolean {
    return !routeKey.startsWith('GET ') && !(this.opts.readOnlyRoutes ?? []).includes(routeKey);
  }

  resetStats(): void {
    this.stats.clear();
  }

  setFaults(f: Partial<Faults>): void {
    Object.assign(this.faults, f);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // A busy port rejects instead of leaving an unhandled 'error' event.
    const server = this.server;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      this.server = undefined;
      throw err;
    }
    const addr = server.address() as AddressInfo;
    return `http://${host}:${addr.port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    let budgetHeaders: Record<string, string> = {};
    const send = (r: SimResponse) => {
      const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...budgetHeaders, ...r.headers });
      res.end(body);
    };

    if (url.pathname.startsWith('/__sim/')) return send(this.control(method, url.pathname, rawBody));

    const path = this.opts.normalizePath ? this.opts.normalizePath(url.pathname) : url.pathname;
    const match = this.match(method, path);
    const routeKey = `${method} ${match?.route.pattern ?? path}`;
    this.stats.set(routeKey, (this.stats.get(routeKey) ?? 0) + 1);

    if (!this.opts.authorize(req.headers.authorization))
      return send({ status: 401, body: this.opts.unauthorizedBody ?? { error: 'Couldn\'t authenticate you' } });

    const limited = this.rateLimit(method, match?.route.pattern);
    budgetHeaders = this.budgetHeaders();
    if (limited) return send(limited);

    if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
    if (this.faults.failNext > 0 || this.rnd() < this.faults.errorRate) {
      if (this.faults.failNext > 0) this.faults.failNext--;
      return send({ status: 503, body: this.errorBody(503, 'ServiceUnavailable', 'simulated failure') });
    }
    if (this.rnd() < this.faults.timeoutRate) {
      setTimeout(() => res.destroy(), this.faults.timeoutHangMs);
      return;
    }
    if (!match) return send({ status: 404, body: this.errorBody(404, 'InvalidEndpoint', `no route ${method} ${path}`) });

    let body: unknown = undefined;
    if (rawBody.length && (req.headers['content-type'] ?? '').includes('json')) {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return send({ status: 400, body: this.errorBody(400, 'InvalidJSON', 'body is not JSON') });
      }
    }
    let out: SimResponse;
    try {
      out = await match.route.handler({ method, path, params: match.params, query: url.searchParams, headers: req.headers, body, rawBody });
    } catch (err) {
      out = { status: 500, body: this.errorBody(500, 'SimulatorError', err instanceof Error ? err.message : String(err)) };
    }
    if (this.isWrite(routeKey) && out.status < 400 && (this.faults.dropNextWrites > 0 || this.rnd() < this.faults.dropResponseRate)) {
      if (this.faults.dropNextWrites > 0) this.faults.dropNextWrites--;
      res.destroy(); // the write committed; the caller never learns it
      return;
    }
    if (this.isWrite(routeKey) && this.faults.writeCommitDelayMs > 0) await new Promise((r) => setTimeout(r, this.faults.writeCommitDelayMs));
    send(out);
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
      return { route, params };
    }
    return undefined;
  }

  private errorBody(status: number, error: string, description: string): unknown {
    return this.opts.errorBody ? this.opts.errorBody(status, error, description) : { error, description };
  }

  /** The account-level budget as response headers, when the simulator asks for them. */
  private budgetHeaders(): Record<string, string> {
    const limit = this.opts.rateLimitPerMinute;
    if (!this.opts.rateLimitHeaders || limit <= 0) return {};
    const now = this.opts.clock.now();
    const w = this.windows.get('*');
    const live = w && now - w.start < 60_000 ? w : undefined;
    const remaining = Math.max(0, limit - (live?.count ?? 0));
    const resetSeconds = live ? Math.max(1, Math.ceil((live.start + 60_000 - now) / 1000)) : 60;
    return this.opts.rateLimitHeaders({ limit, remaining, resetSeconds });
  }

  private rateLimit(method: string, pattern: string | undefined): SimResponse | null {
    const now = this.opts.clock.now();
    const check = (key: string, limit: number): SimResponse | null => {
      if (limit <= 0) return null;
      let w = this.windows.get(key);
      if (!w || now - w.start >= 60_000) this.windows.set(key, (w = { start: now, count: 0 }));
      if (w.count >= limit) {
        const retryAfter = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
        return {
          status: 429,
          body: this.errorBody(429, 'TooManyRequests', 'Rate limit exceeded'),
          headers: { 'retry-after': String(retryAfter), ...this.opts.rateLimitedHeaders?.(retryAfter) },
        };
      }
      w.count++;
      return null;
    };
    const routeKey = pattern === undefined ? undefined : [`${method} ${pattern}`, pattern].find((k) => this.opts.routeLimits?.[k] !== undefined);
    const routeLimit = routeKey ? this.opts.routeLimits?.[routeKey] : undefined;
    return check('*', this.opts.rateLimitPerMinute) ?? (routeKey && routeLimit ? check(routeKey, routeLimit) : null);
  }

  private control(method: string, path: string, raw: Buffer): SimResponse {
    const body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    if (method === 'GET' && path === '/__sim/stats') return { status: 200, body: { requests: this.statsObject() } };
    if (method === 'POST' && path === '/__sim/stats/reset') return (this.resetStats(), { status: 204 });
    if (method === 'POST' && path === '/__sim/faults') return (this.setFaults(body as Partial<Faults>), { status: 200, body: this.faults });
    if (method === 'POST' && path === '/__sim/clock') {
      this.opts.clock.advance(Number(body.advanceMs ?? 0));
      return { status: 200, body: { now: new Date(this.opts.clock.now()).toISOString() } };
    }
    return { status: 404, body: { error: 'unknown control endpoint' } };
  }
}
