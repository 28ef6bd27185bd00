import axios, { type AxiosInstance, isAxiosError } from 'axios';
import PQueue from 'p-queue';
import type { Logger } from '../logging/logger.ts';
import type { SystemName } from '../model/index.ts';
import { classifyResponse } from './classify.ts';
import { Transient, isApiError, type ApiError } from './errors.ts';
import { decideRetry, defaultRetryOptions, type RetryOptions } from './retry-policy.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Path relative to the base URL (may carry a query string). */
  path: string;
  params?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether repeating the call is harmless. Default: true for GET/PUT/DELETE, false for POST/PATCH.
   * A Zendesk ticket PUT that adds a comment is not: callers say so. */
  idempotent?: boolean;
  /** Counts as a read or a write in metrics. Default: GET is a read, everything else a write. */
  kind?: 'read' | 'write';
  /** Route template for metrics and errors, e.g. `GET /api/v2/tickets/{id}`. Default: method + path without query. */
  route?: string;
  /** Response body type: parsed JSON (default) or raw bytes. */
  responseType?: 'json' | 'arraybuffer';
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

export type HttpAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string };

export interface HttpClientOptions {
  system: SystemName;
  baseUrl: string;
  auth: HttpAuth;
  /** Request budget per minute for this whole system (all routes share it). */
  requestsPerMinute: number;
  concurrency?: number;
  timeoutMs?: number;
  retry?: RetryOptions;
  /**
   * Extra per-minute budgets for single endpoints, by route key (`PUT /api/v2/tickets/{id}.json`), on top
   * of the system's: Zendesk's Update Ticket has its own limit, shared with the agents' own UI.
   */
  routeBudgets?: Record<string, number>;
  /** Length of a budget window; 60 s in production, shorter in tests. */
  budgetIntervalMs?: number;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  rnd?: () => number;
}

/** Calls made, by kind and by route: feeds the sync summary and /metrics. */
export class HttpMetrics {
  read = 0;
  write = 0;
  retries = 0;
  rateLimited = 0;
  readonly byRoute = new Map<string, number>();
  count(kind: 'read' | 'write', route: string): void {
    this[kind]++;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }
  snapshot(): { read: number; write: number } {
    return { read: this.read, write: this.write };
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The one HTTP layer under both systems: a per-system queue holding the rate budget, a pause of the
 * whole system on 429 for Retry-After, retries decided by the pure retry policy, typed errors, metrics.
 */
export class HttpClient {
  readonly system: SystemName;
  /** The base URL every path is relative to, without a trailing slash. */
  readonly baseUrl: string;
  readonly metrics = new HttpMetrics();
  private readonly axios: AxiosInstance;
  private readonly queue: PQueue;
  private readonly routeGates = new Map<string, PQueue>();
  private readonly opts: HttpClientOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private resumeTimer: NodeJS.Timeout | undefined;
  private pausedUntil = 0;

  constructor(opts: HttpClientOptions) {
    this.opts = opts;
    this.system = opts.system;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.sleep = opts.sleep ?? defaultSleep;
    this.queue = new PQueue({
      concurrency: opts.concurrency ?? 4,
      intervalCap: Math.max(1, opts.requestsPerMinute),
      interval: opts.budgetIntervalMs ?? 60_000,
    });
    for (const [route, perMinute] of Object.entries(opts.routeBudgets ?? {}))
      this.routeGates.set(route, new PQueue({ intervalCap: Math.max(1, perMinute), interval: opts.budgetIntervalMs ?? 60_000 }));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.auth.kind === 'basic')
      headers.Authorization = `Basic ${Buffer.from(`${opts.auth.username}:${opts.auth.password}`).toString('base64')}`;
    else headers.Authorization = `Bearer ${opts.auth.token}`;
    this.axios = axios.create({
      baseURL: this.baseUrl,
      timeout: opts.timeoutMs ?? 30_000,
      headers,
      validateStatus: () => true,
      maxRedirects: 0,
    });
  }

  /** True while the system is paused after a 429. */
  get paused(): boolean {
    return this.queue.isPaused;
  }

  /** Stops every queued request of this system for `ms` (Retry-After): all callers wait. */
  pauseFor(ms: number): void {
    const until = Date.now() + ms;
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.queue.pause();
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => {
      this.pausedUntil = 0;
      this.queue.start();
    }, ms);
  }

  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'PUT' || req.method === 'DELETE');
    const kind = req.kind ?? (req.method === 'GET' ? 'read' : 'write');
    const route = req.route ?? `${req.method} ${req.path.split('?')[0]}`;
    for (let attempt = 1; ; attempt++) {
      try {
        const send = () => this.queue.add(() => this.once<T>(req, kind, route));
        const gate = this.routeGates.get(route);
        return await (gate ? gate.add(send) : send());
      } catch (err) {
        if (!isApiError(err)) throw err;
        const decision = decideRetry(err, attempt, idempotent, this.opts.retry ?? defaultRetryOptions, this.opts.rnd);
        if (err.kind === 'RateLimited') {
          this.metrics.rateLimited++;
          if (decision.retry) this.pauseFor(decision.waitMs);
        }
        if (!decision.retry) throw err;
        this.metrics.retries++;
        this.opts.logger.warn({ system: this.system, route, attempt, kind: err.kind, waitMs: decision.waitMs }, 'retrying');
        if (err.kind !== 'RateLimited') await this.sleep(decision.waitMs);
      }
    }
  }

  private async once<T>(req: HttpRequest, kind: 'read' | 'write', route: string): Promise<HttpResponse<T>> {
    this.metrics.count(kind, route);
    const ctx = { system: this.system, method: req.method, route };
    let res;
    try {
      res = await this.axios.request({
        method: req.method,
        url: req.path,
        params: req.params,
        data: req.body,
        headers: req.headers,
        responseType: req.responseType ?? 'json',
      });
    } catch (err) {
      const code = isAxiosError(err) ? (err.code ?? 'network') : 'network';
      throw new Transient(`request failed (${code})`, ctx, kind === 'write');
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers ?? {})) if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
    const error: ApiError | null = classifyResponse(res.status, headers, res.data, ctx, kind === 'write');
    this.opts.logger.debug({ system: this.system, route, status: res.status }, 'http');
    if (error) throw error;
    return { status: res.status, headers, data: res.data as T };
  }

  /** Stops timers so the process can exit. Queued requests are dropped. */
  close(): void {
    clearTimeout(this.resumeTimer);
    for (const gate of this.routeGates.values()) gate.clear();
    this.queue.clear();
    this.queue.start();
  }
}
