import { Invalid, NotFound, type HttpClient } from '../../http/index.ts';
import type { Logger } from '../../logging/logger.ts';
import { parseLinkStamp, type Comment, type CommentDraft, type GroupRef, type PersonRef, type Ticket, type TicketDraft, type TicketPatch, type TicketRef } from '../../model/index.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { ChangePage, TicketSystem } from '../../ports/ticket-system.ts';
import { JsmCatalog, type JsmStatusInfo } from './catalog.ts';
import { JsmApi } from './api.ts';
import { createJsmClients } from './client.ts';
import { jsmChanges } from './feed.ts';
import { stampJql } from './jql.ts';
import {
  commentBody,
  commentFromJira,
  createIssueBody,
  editIssueFields,
  issueToTicket,
  LINK_PROPERTY_KEY,
  linkPropertyValue,
  stampLabels,
  type IssueMapContext,
} from './mappers.ts';
import { REQUEST_TYPE_FIELD, type JiraField, type JiraIssue, type JsmQueue, type JsmRequestType } from './schemas.ts';
import { TransitionCache, transitionTo, type IssueState } from './transitions.ts';

export interface JsmSystemOptions {
  http: HttpClient;
  logger: Logger;
  projectKey: string;
  serviceDeskId: string;
  /** First feed run starts here; default 30 days before now. */
  startFrom?: Date;
  /** Issues per search page (default 100). */
  pageSize?: number;
  /** Extra JQL from the connection's scope, ANDed in parentheses. */
  scopeJql?: string;
  /** Site URL for browse links in refs (`https://dwp.atlassian.net`); default: the HttpClient's base URL. */
  siteUrl?: string;
  /** The connection: its own stamp is preferred when an issue carries several. */
  connectionId?: string;
  /** Request type (name or id) for a create whose draft names none. */
  defaultRequestType?: string;
  /** Custom fields to read (the config's field maps); absent: every navigable field is fetched. */
  customFieldIds?: string[];
  clock?: Clock;
}

const BASE_FIELDS = ['summary', 'description', 'status', 'priority', 'labels', 'reporter', 'assignee', 'issuetype', 'project', 'created', 'updated', REQUEST_TYPE_FIELD];
const NO_FIELDS: ReadonlyMap<string, JiraField> = new Map();
const DAY_MS = 86_400_000;

/** Jira Service Management behind the TicketSystem port, through jira.js on our HttpClient. */
export class JsmSystem implements TicketSystem {
  readonly system = 'jsm' as const;
  readonly http: HttpClient;
  private readonly api: JsmApi;
  private readonly catalog: JsmCatalog;
  private readonly transitions = new TransitionCache();
  private readonly opts: JsmSystemOptions;
  private readonly log: Logger;
  private readonly fields: string[];
  private readonly mapCtx: IssueMapContext;

  constructor(opts: JsmSystemOptions) {
    this.opts = opts;
    this.http = opts.http;
    this.log = opts.logger.child({ system: 'jsm' });
    const clients = createJsmClients(opts.http, this.log);
    this.api = new JsmApi(clients);
    this.catalog = new JsmCatalog(clients, opts.serviceDeskId, opts.projectKey);
    this.fields = [...BASE_FIELDS, ...(opts.customFieldIds ?? ['*navigable'])];
    this.mapCtx = {
      siteUrl: opts.siteUrl ?? opts.http.baseUrl,
      ...(opts.connectionId ? { connectionId: opts.connectionId } : {}),
      ...(opts.customFieldIds ? { customFieldIds: opts.customFieldIds } : {}),
    };
  }

  /** The integration user (GET /rest/api/3/myself), cached: the engine skips comments it wrote. */
  async me(): Promise<PersonRef> {
    const u = await this.catalog.me();
    return { id: u.accountId, ...(u.displayName ? { name: u.displayName } : {}), ...(u.emailAddress ? { email: u.emailAddress } : {}) };
  }

  requestTypes(): Promise<JsmRequestType[]> {
    return this.catalog.requestTypes();
  }

  queues(): Promise<JsmQueue[]> {
    return this.catalog.queues();
  }

  statuses(): Promise<JsmStatusInfo[]> {
    return this.catalog.statuses();
  }

  async getTicket(id: string): Promise<Ticket | null> {
    const issue = await this.readIssue(id, this.fields);
    if (!issue) return null;
    const ticket = this.toTicket(issue);
    ticket.comments = await this.listComments(issue.id);
    return ticket;
  }

  changes(checkpoint: string | null): AsyncGenerator<ChangePage> {
    const startFrom = this.opts.startFrom ?? new Date((this.opts.clock ?? systemClock).now() - 30 * DAY_MS);
    return jsmChanges(
      {
        search: (req) => this.api.search(req),
        toTicket: (issue) => this.toTicket(issue),
        timeZone: async () => (await this.catalog.me()).timeZone ?? 'UTC',
      },
      { projectKey: this.opts.projectKey, ...(this.opts.scopeJql ? { scopeJql: this.opts.scopeJql } : {}), startFrom, pageSize: this.opts.pageSize ?? 100, fields: this.fields },
      checkpoint,
    );
  }

  /**
   * One POST /rest/api/3/issue carrying request type, stamp label and link property (see
   * createIssueBody). Not retried on an unknown outcome: the engine reads back by stamp. When the
   * draft names a status, a transition follows; if that fails the issue exists, stamped, and the
   * error propagates.
   */
  async createTicket(draft: TicketDraft, linkStamp: string): Promise<TicketRef> {
    if (!parseLinkStamp(linkStamp)) throw this.invalid('POST /rest/api/3/issue', `"${linkStamp}" is not a link stamp`);
    const rt = await this.resolveRequestType(draft.group ?? null);
    if (!rt.issueTypeId) throw this.invalid('POST /rest/api/3/issue', `request type ${rt.id} has no issue type`);
    const fieldMeta = hasKeys(draft.customFields) ? await this.catalog.fields() : NO_FIELDS;
    const body = createIssueBody(draft, { projectKey: this.opts.projectKey, issueTypeId: rt.issueTypeId, requestTypeId: rt.id, linkStamp, fieldMeta });
    const created = await this.api.createIssue(body);
    this.log.info({ issueId: created.id, requestTypeId: rt.id }, 'created issue');
    if (draft.status) await this.changeStatus(created.id, draft.status);
    return this.ref(created.id, created.key);
  }

  /** One PUT for the fields, then a transition only when the patch has a status. */
  async updateTicket(id: string, patch: TicketPatch): Promise<void> {
    let keepLabels: string[] = [];
    if (patch.tags !== undefined) {
      // Stamps must survive a tags write; read them fresh rather than trust a cache.
      const cur = await this.readIssue(id, ['labels']);
      if (!cur) throw this.notFound(id);
      keepLabels = stampLabels(cur.fields.labels ?? []);
    }
    let requestTypeId: string | undefined;
    if (patch.group) requestTypeId = (await this.resolveRequestType(patch.group)).id;
    const fieldMeta = hasKeys(patch.customFields) ? await this.catalog.fields() : NO_FIELDS;
    const fields = editIssueFields(patch, { ...(requestTypeId ? { requestTypeId } : {}), keepLabels, fieldMeta });
    if (hasKeys(fields)) {
      await this.api.editIssue(id, { fields });
      if (requestTypeId) this.transitions.forget(id);
      this.log.info({ issueId: id, fields: Object.keys(fields) }, 'updated issue');
    }
    if (patch.status) await this.changeStatus(id, patch.status);
  }

  /**
   * Adds the stamp label (an `add` is harmless to repeat) and the link property. A stamp of the same
   * connection naming another ticket (a relink to a Zendesk follow-up) is removed in the same edit, so an
   * issue never carries two counterparts.
   */
  async setLinkStamp(id: string, linkStamp: string): Promise<void> {
    const stamp = parseLinkStamp(linkStamp);
    if (!stamp) throw this.invalid('PUT /rest/api/3/issue/{id}', `"${linkStamp}" is not a link stamp`);
    const cur = await this.readIssue(id, ['labels']);
    if (!cur) throw this.notFound(id);
    const stale = stampLabels(cur.fields.labels ?? []).filter((l) => l !== linkStamp && parseLinkStamp(l)?.connection === stamp.connection);
    await this.api.editIssue(id, { update: { labels: [{ add: linkStamp }, ...stale.map((l) => ({ remove: l }))] } });
    await this.api.setIssueProperty(id, LINK_PROPERTY_KEY, linkPropertyValue(linkStamp));
    this.log.info({ issueId: id }, 'stamped issue');
  }

  /** ADF body (rich text kept) with `sd.public.comment` set explicitly: public and internal stay exact. */
  async addComment(id: string, comment: CommentDraft): Promise<string> {
    const commentId = await this.api.addComment(id, commentBody(comment));
    this.log.info({ issueId: id, commentId, public: comment.public }, 'added comment');
    return commentId;
  }

  /** All comments, oldest first, visibility from `jsdPublic` (properties expanded as a fallback). */
  async listComments(id: string): Promise<Comment[]> {
    const out: Comment[] = [];
    for (let startAt = 0; ; ) {
      const page = await this.api.commentPage(id, startAt);
      out.push(...page.comments.map(commentFromJira));
      startAt = page.startAt + page.comments.length;
      if (page.comments.length === 0 || startAt >= (page.total ?? startAt)) break;
    }
    return out.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || Number(a.id) - Number(b.id));
  }

  /**
   * The issue carrying the stamp label. Jira search is eventually consistent: an issue created
   * moments ago may not be found yet, so null is not proof that none exists. Callers deciding
   * whether to create (an intent with an unknown outcome) must not treat a miss as "absent" at once.
   */
  async findByStamp(linkStamp: string): Promise<TicketRef | null> {
    const page = await this.api.search({ jql: stampJql(this.opts.projectKey, linkStamp), fields: ['labels'], maxResults: 10 });
    const hits = page.issues.filter((i) => (i.fields.labels ?? []).includes(linkStamp)).sort((a, b) => Number(a.id) - Number(b.id));
    if (hits.length > 1) this.log.warn({ issueIds: hits.map((h) => h.id) }, 'several issues carry one link stamp');
    const first = hits[0];
    return first ? this.ref(first.id, first.key) : null;
  }

  /** Stops the HTTP layer's timers (the process can exit). */
  close(): void {
    this.http.close();
  }

  // ---- internals ---------------------------------------------------------------------------

  private async changeStatus(id: string, target: string): Promise<void> {
    await transitionTo(
      {
        listTransitions: (issueId) => this.api.transitions(issueId),
        doTransition: (issueId, transitionId) => this.api.doTransition(issueId, transitionId),
        readState: async (issueId) => {
          const issue = await this.readIssue(issueId, ['status', 'issuetype', REQUEST_TYPE_FIELD]);
          if (!issue) throw this.notFound(issueId);
          return stateOf(issue);
        },
      },
      this.transitions,
      id,
      target,
    );
    this.log.info({ issueId: id, status: target }, 'transitioned issue');
  }

  /** The issue with the given fields (null on 404), remembering where it stands in its workflow. */
  private async readIssue(id: string, fields: string[]): Promise<JiraIssue | null> {
    const issue = await this.api.getIssue(id, fields);
    if (issue) this.rememberState(issue);
    return issue;
  }

  private toTicket(issue: JiraIssue): Ticket {
    this.rememberState(issue);
    return issueToTicket(issue, this.mapCtx);
  }

  /** Keeps where the issue stands in its workflow, when the read carried enough to say. */
  private rememberState(issue: JiraIssue): void {
    if (issue.fields.status && issue.fields.issuetype) this.transitions.remember(issue.id, stateOf(issue));
  }

  private async resolveRequestType(group: GroupRef | null): Promise<JsmRequestType> {
    const wanted = group ?? this.opts.defaultRequestType ?? null;
    if (wanted === null) throw this.invalid('POST /rest/api/3/issue', 'no request type given and no default request type configured');
    const rt = await this.catalog.requestType(wanted);
    if (!rt) {
      const label = typeof wanted === 'string' ? wanted : (wanted.name ?? wanted.id);
      throw this.invalid('POST /rest/api/3/issue', `unknown request type "${label}" in service desk ${this.opts.serviceDeskId}`);
    }
    return rt;
  }

  private ref(id: string, key: string): TicketRef {
    return { system: 'jsm', id, key, url: `${this.mapCtx.siteUrl.replace(/\/+$/, '')}/browse/${key}` };
  }

  private invalid(route: string, message: string): Invalid {
    return new Invalid(message, { system: 'jsm', method: route.split(' ')[0]!, route });
  }

  private notFound(id: string): NotFound {
    return new NotFound(`issue ${id} does not exist or is not visible`, { system: 'jsm', method: 'GET', route: 'GET /rest/api/3/issue/{id}', status: 404 });
  }
}

function stateOf(issue: JiraIssue): IssueState {
  const s: IssueState = { status: issue.fields.status?.name ?? '' };
  if (issue.fields.issuetype?.id) s.issueTypeId = issue.fields.issuetype.id;
  const rt = issue.fields[REQUEST_TYPE_FIELD]?.requestType?.id;
  if (rt) s.requestTypeId = rt;
  return s;
}

function hasKeys(o: Record<string, unknown> | undefined): boolean {
  return !!o && Object.keys(o).length > 0;
}

export function createJsmSystem(opts: JsmSystemOptions): JsmSystem {
  return new JsmSystem(opts);
}
