import { seededRandom, SimClock } from '../clock.ts';
import { SimHarness } from '../harness.ts';
import { textToAdf, type AdfDoc } from './adf.ts';
import type { JsmSimState } from './context.ts';
import { jiraErrorBody } from './errors.ts';
import { commentRoutes } from './routes/comments.ts';
import { issueRoutes } from './routes/issues.ts';
import { metaRoutes } from './routes/meta.ts';
import { searchRoutes } from './routes/search.ts';
import { serviceDeskRoutes } from './routes/servicedesk.ts';
import { seedIssues } from './seed.ts';
import { JsmStore, type Impact, type IssueChanges, type SimComment, type SimIssue, type StoreEvent } from './store.ts';
import { agents, findPriority, findRequestType, INTEGRATION_ACCOUNT_ID, requestTypes } from './universe.ts';
import { WebhookSender, type WebhookDelivery, type WebhookRegistration } from './webhooks.ts';

export type { SimComment, SimIssue, StoreEvent, IssueChanges, Impact } from './store.ts';
export type { AdfDoc } from './adf.ts';
export type { WebhookDelivery, WebhookRegistration } from './webhooks.ts';
export { signature as webhookSignature } from './webhooks.ts';
export * as jsmUniverse from './universe.ts';

/**
 * A local Jira Cloud platform + Jira Service Management site for tests, the demo and benchmarks: the endpoints
 * deskbridge uses, with Jira's shapes, status codes and error bodies, API-token auth, a per-minute rate limit
 * (429 + Retry-After + RateLimit-Reason), fault injection and `GET /__sim/stats` (from the shared harness).
 */

export const JSM_EMAIL = 'sync-bot@example.gov.uk';
export const JSM_TOKEN = 'jsm-test-token';
export const JSM_OAUTH_TOKEN = 'jsm-oauth-token';

export interface JsmSimulatorOptions {
  /** Seeds the PRNG behind seeded data and random faults. */
  seed?: number;
  clock?: SimClock;
  /** Requests per minute for the whole site; 0 disables. Default 600. */
  rateLimitPerMinute?: number;
  /** Time zone of the API user (dates rendered in it, JQL dates read in it). Default Europe/London. */
  timeZone?: string;
  /** Search index lag: writes become visible to JQL search this many ms later (default 0). */
  searchLagMs?: number;
}

export interface DirectCreate {
  summary: string;
  /** Request type id ("10".."13"); sets the issue type and workflow. Default "10". */
  requestTypeId?: string;
  description?: string | AdfDoc | null;
  priority?: string;
  labels?: string[];
  impact?: Impact | null;
  reporterId?: string;
  assigneeId?: string | null;
  properties?: Record<string, unknown>;
}

export class JsmSimulator {
  readonly clock: SimClock;
  readonly harness: SimHarness;
  readonly store: JsmStore;
  private readonly state: JsmSimState;
  private readonly rnd: () => number;
  /** The account used by the direct (UI-like) helpers unless another is given: a human agent. */
  readonly agentId = agents[0]!.accountId;
  url: string | undefined;
  private readonly webhooks: WebhookSender;

  constructor(opts: JsmSimulatorOptions = {}) {
    this.clock = opts.clock ?? new SimClock();
    this.rnd = seededRandom(opts.seed ?? 1);
    this.store = new JsmStore(this.clock, opts.searchLagMs ?? 0);
    this.state = { store: this.store, tz: opts.timeZone ?? 'Europe/London', remoteLinks: new Map(), nextRemoteLinkId: 10000 };
    const basic = `Basic ${Buffer.from(`${JSM_EMAIL}:${JSM_TOKEN}`).toString('base64')}`;
    this.harness = new SimHarness({
      name: 'jsm',
      authorize: (h) => h === basic || h === `Bearer ${JSM_OAUTH_TOKEN}`,
      rateLimitPerMinute: opts.rateLimitPerMinute ?? 600,
      clock: this.clock,
      seed: opts.seed,
      unauthorizedBody: jiraErrorBody(['Client must be authenticated to access this resource.']),
      readOnlyRoutes: ['POST /rest/api/3/search/jql', 'POST /rest/api/3/search/approximate-count', 'POST /rest/api/3/jql/match', 'POST /rest/api/3/issue/bulkfetch'],
      errorBody: (status, _error, description) => jiraErrorBody([status === 429 ? 'Rate limit exceeded.' : description]),
      // https://developer.atlassian.com/cloud/jira/platform/rate-limiting/ — API-token traffic has burst limits
      rateLimitHeaders: ({ limit, remaining }) => ({ 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining) }),
      rateLimitedHeaders: (retryAfter) => ({
        'ratelimit-reason': 'jira-burst-based',
        'x-ratelimit-reset': new Date(this.clock.now() + retryAfter * 1000).toISOString().slice(0, 16) + 'Z',
      }),
    });
    issueRoutes(this.harness, this.state);
    commentRoutes(this.harness, this.state);
    searchRoutes(this.harness, this.state);
    metaRoutes(this.harness, this.state);
    serviceDeskRoutes(this.harness, this.state);
    this.webhooks = new WebhookSender(seededRandom((opts.seed ?? 1) + 1));
    this.store.listeners.push((e) => {
      if (this.webhooks.registrations.length && this.url)
        this.webhooks.send({ base: this.url, tz: this.state.tz, store: this.store }, e, this.clock.now());
    });
  }

  /** Registers an admin webhook: every later change is POSTed to `url` (signed when a secret is given). */
  registerWebhook(reg: WebhookRegistration): void {
    this.webhooks.registrations.push(reg);
  }

  /** Deliveries attempted so far (each retry and duplicate is its own entry). */
  webhookDeliveries(): WebhookDelivery[] {
    return [...this.webhooks.deliveries];
  }

  /** Waits until every webhook delivery started so far has finished (with retries). */
  flushWebhooks(): Promise<void> {
    return this.webhooks.flush();
  }

  async listen(port = 0): Promise<string> {
    this.url = await this.harness.listen(port);
    return this.url;
  }

  async close(): Promise<void> {
    await this.webhooks.flush();
    await this.harness.close();
  }

  /** Adds `count` realistic issues, deterministic for the simulator's seed. */
  seed(count: number): SimIssue[] {
    return seedIssues(this.store, this.rnd, count);
  }

  issues(): SimIssue[] {
    return this.store.all();
  }

  issue(idOrKey: string): SimIssue | undefined {
    return this.store.find(idOrKey);
  }

  comments(idOrKey: string): SimComment[] {
    const i = this.store.find(idOrKey);
    return i ? this.store.comments(i.id) : [];
  }

  /** Called on every change (issue created/updated/deleted, comment created/updated/deleted). */
  onEvent(listener: (e: StoreEvent) => void): void {
    this.store.listeners.push(listener);
  }

  /** Creates an issue as an agent would in the UI (same validation as the API). */
  createIssueDirect(input: DirectCreate, actorId = this.agentId): SimIssue {
    const rt = findRequestType(input.requestTypeId ?? requestTypes[0]!.id);
    if (!rt) throw new Error(`unknown request type ${input.requestTypeId}`);
    const priority = input.priority ? findPriority({ name: input.priority }) : undefined;
    if (input.priority && !priority) throw new Error(`unknown priority ${input.priority}`);
    return this.store.createIssue(
      {
        issueTypeId: rt.issueTypeId,
        requestTypeId: rt.id,
        summary: input.summary,
        description: typeof input.description === 'string' ? textToAdf(input.description) : input.description,
        priorityId: priority?.id,
        labels: input.labels,
        impact: input.impact,
        reporterId: input.reporterId,
        assigneeId: input.assigneeId,
        properties: input.properties,
      },
      actorId,
    );
  }

  updateIssueDirect(idOrKey: string, changes: IssueChanges, actorId = this.agentId): SimIssue {
    return this.store.updateIssue(idOrKey, changes, actorId);
  }

  /** Moves the issue to `statusName` through its workflow's transition (throws if none is available). */
  transitionDirect(idOrKey: string, statusName: string, actorId = this.agentId): SimIssue {
    return this.store.transitionTo(idOrKey, statusName, actorId);
  }

  addCommentDirect(idOrKey: string, c: { body: string | AdfDoc; public?: boolean; authorId?: string }): SimComment {
    return this.store.addComment(idOrKey, {
      body: typeof c.body === 'string' ? textToAdf(c.body) : c.body,
      public: c.public ?? true,
      authorId: c.authorId ?? this.agentId,
    });
  }

  deleteIssueDirect(idOrKey: string, actorId = this.agentId): void {
    this.store.deleteIssue(idOrKey, actorId);
  }

  /** Account id of the API user (every accepted credential), whose comments the engine must not copy back. */
  get integrationAccountId(): string {
    return INTEGRATION_ACCOUNT_ID;
  }
}
