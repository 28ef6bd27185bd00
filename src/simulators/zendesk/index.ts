import type { z } from 'zod';
import { seededRandom, SimClock } from '../clock.ts';
import { SimHarness, type SimRequest } from '../harness.ts';
import { authenticate, ZENDESK_OAUTH_TOKEN, ZENDESK_TEST_TOKEN } from './auth.ts';
import { ZendeskData } from './data.ts';
import { fromZodError } from './errors.ts';
import { via } from './records.ts';
import { renderAudit, renderComment, renderTicket, renderUser, type Json } from './render.ts';
import { registerAccountRoutes } from './routes-account.ts';
import { registerJobRoutes } from './routes-jobs.ts';
import { registerTicketRoutes, type RouteContext } from './routes-tickets.ts';
import { CommentInput, TicketWrite, type TicketWriteInput } from './schemas.ts';
import { seedTickets } from './seed.ts';
import { INTEGRATION_EMAIL, INTEGRATION_USER_ID } from './universe.ts';

/**
 * A local HTTP server that behaves like the Zendesk Support API v2 for the endpoints deskbridge uses
 * (see API-NOTES.md in the shared design notes), on top of the shared harness (auth, rate limits, faults, stats).
 * Tests drive it over HTTP like the real API and inspect or change its data directly, the latter standing
 * in for an agent working in the Zendesk UI.
 */

export { ZendeskApiError } from './errors.ts';
export { decodeExportCursor, encodeExportCursor, exportPage } from './export.ts';
export { IMPACT_FIELD_ID, INTEGRATION_EMAIL, INTEGRATION_USER_ID } from './universe.ts';
export { ZENDESK_OAUTH_TOKEN, ZENDESK_TEST_TOKEN } from './auth.ts';

export interface ZendeskSimulatorOptions {
  /** PRNG seed for seeded data and random faults (default 1). */
  seed?: number;
  clock?: SimClock;
  /** Account-wide requests per minute (default 700, Enterprise); 0 disables. */
  rateLimitPerMinute?: number;
  /** Incremental export requests per minute (default 10). */
  exportRateLimitPerMinute?: number;
  /** Update Ticket (PUT /api/v2/tickets/{id}) requests per minute (default 100). */
  updateRateLimitPerMinute?: number;
}

/** Options of the "agent in the UI" helpers. */
export interface DirectWriteOptions {
  /** Who acts (default agent 101). */
  actorId?: number;
  /** `via.channel` of the change (default `web`). */
  channel?: string;
  /** Epoch ms of the change (default: the sim clock). */
  at?: number;
}

const UI_AGENT_ID = 101;

export class ZendeskSimulator {
  readonly clock: SimClock;
  readonly harness: SimHarness;
  private readonly data: ZendeskData;
  private readonly rnd: () => number;
  private baseUrl = 'http://127.0.0.1';

  constructor(opts: ZendeskSimulatorOptions = {}) {
    this.clock = opts.clock ?? new SimClock();
    this.data = new ZendeskData(this.clock);
    this.rnd = seededRandom(opts.seed ?? 1);
    const creds = { apiToken: ZENDESK_TEST_TOKEN, oauthToken: ZENDESK_OAUTH_TOKEN };
    const dir = { userByEmail: (e: string) => this.data.userByEmail(e), oauthUser: () => this.data.users.get(INTEGRATION_USER_ID) };
    this.harness = new SimHarness({
      name: 'zendesk',
      authorize: (header) => authenticate(header, dir, creds) !== null,
      rateLimitPerMinute: opts.rateLimitPerMinute ?? 700,
      routeLimits: {
        'GET /api/v2/incremental/tickets/cursor': opts.exportRateLimitPerMinute ?? 10,
        'PUT /api/v2/tickets/:id': opts.updateRateLimitPerMinute ?? 100,
      },
      // node-zendesk appends `.json`; the API answers both forms.
      normalizePath: (p) => p.replace(/\.json$/, ''),
      // https://developer.zendesk.com/api-reference/introduction/rate-limits/
      rateLimitHeaders: ({ limit, remaining, resetSeconds }) => ({
        'x-rate-limit': String(limit),
        'x-rate-limit-remaining': String(remaining),
        'ratelimit-limit': String(limit),
        'ratelimit-remaining': String(remaining),
        'ratelimit-reset': String(resetSeconds),
      }),
      clock: this.clock,
      seed: opts.seed ?? 1,
      unauthorizedBody: { error: "Couldn't authenticate you" },
    });
    const ctx: RouteContext = {
      data: this.data,
      base: () => this.baseUrl,
      actorId: (req: SimRequest) => authenticate(req.headers.authorization, dir, creds)?.id ?? INTEGRATION_USER_ID,
      now: () => this.clock.now(),
    };
    registerJobRoutes(this.harness, ctx);
    registerTicketRoutes(this.harness, ctx);
    registerAccountRoutes(this.harness, ctx);
  }

  /** Starts the server; resolves to its base URL (e.g. `http://127.0.0.1:40123`). */
  async listen(port = 0): Promise<string> {
    this.baseUrl = await this.harness.listen(port);
    return this.baseUrl;
  }

  close(): Promise<void> {
    return this.harness.close();
  }

  get url(): string {
    return this.baseUrl;
  }

  /** The credentials the simulator accepts for its integration user. */
  get credentials(): { email: string; token: string; oauthToken: string } {
    return { email: INTEGRATION_EMAIL, token: ZENDESK_TEST_TOKEN, oauthToken: ZENDESK_OAUTH_TOKEN };
  }

  /** Seeds `count` realistic tickets (deterministic for the constructor's seed); returns their ids. */
  seed(count: number): number[] {
    return seedTickets(this.data, this.rnd, count, this.clock.now());
  }

  /** Live tickets as the API renders them, by id. */
  tickets(): Json[] {
    return [...this.data.tickets.values()].filter((t) => t.deletedMs === null).sort((a, b) => a.id - b.id).map((t) => renderTicket(t, this.baseUrl));
  }

  /** One ticket as the API renders it; a deleted one shows `status: "deleted"` (as in the export). */
  ticket(id: number): Json | undefined {
    const t = this.data.tickets.get(id);
    return t ? renderTicket(t, this.baseUrl, { forExport: true }) : undefined;
  }

  comments(ticketId: number): Json[] {
    return this.data.comments(ticketId).map(renderComment);
  }

  audits(ticketId: number): Json[] {
    return this.data.audits(ticketId).map(renderAudit);
  }

  user(id: number): Json | undefined {
    const u = this.data.users.get(id);
    return u ? renderUser(u, this.baseUrl) : undefined;
  }

  /** A ticket created in the UI (by agent 101 unless `actorId`); same rules and body shape as POST /api/v2/tickets. */
  createTicketDirect(input: TicketWriteInput, opts: DirectWriteOptions = {}): Json {
    const { ticket } = this.data.createTicket(parse(TicketWrite, input), this.writeOptions(opts));
    return renderTicket(ticket, this.baseUrl);
  }

  /** An agent's change in the UI; same rules as PUT /api/v2/tickets/{id} (a closed ticket throws the 422). */
  updateTicketDirect(id: number, input: TicketWriteInput, opts: DirectWriteOptions = {}): { ticket: Json; audit: Json } {
    const { ticket, audit } = this.data.updateTicket(id, parse(TicketWrite, input), this.writeOptions(opts));
    return { ticket: renderTicket(ticket, this.baseUrl), audit: renderAudit(audit) };
  }

  /** A comment added in the UI (`author_id` defaults to the actor); returns the new comment. */
  addCommentDirect(id: number, comment: { body?: string; html_body?: string; public?: boolean; author_id?: number }, opts: DirectWriteOptions = {}): Json {
    const { audit } = this.data.updateTicket(id, { comment: parse(CommentInput, comment) }, this.writeOptions(opts));
    return renderComment(audit.comment!);
  }

  /** A ticket deleted in the UI (soft delete). */
  deleteTicketDirect(id: number, at?: number): void {
    this.data.deleteTicket(id, at ?? this.clock.now());
  }

  private writeOptions(opts: DirectWriteOptions) {
    return { actorId: opts.actorId ?? UI_AGENT_ID, via: via(opts.channel ?? 'web'), ...(opts.at !== undefined ? { at: opts.at } : {}) };
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw fromZodError(r.error);
  return r.data;
}
