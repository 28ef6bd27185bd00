import PQueue from 'p-queue';
import type { HttpClient } from '../../http/client.ts';
import { Invalid, Transient, isNotFound } from '../../http/errors.ts';
import type { Logger } from '../../logging/logger.ts';
import type { Comment, CommentDraft, GroupRef, PersonRef, Ticket, TicketDraft, TicketPatch, TicketRef } from '../../model/index.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { ChangePage, TicketSystem } from '../../ports/ticket-system.ts';
import { ZendeskApi } from './client.ts';
import { decodeCheckpoint, initialCheckpoint, ticketChanges } from './feed.ts';
import { ZendeskLookups } from './lookups.ts';
import {
  CUSTOM_STATUS_PREFIX,
  commentPayload,
  createPayload,
  groupNeedsLookup,
  person,
  resolveGroupId,
  toComment,
  toTicket,
  toTicketRef,
  updatePayload,
  usersById,
} from './mappers.ts';

export interface ZendeskSystemOptions {
  http: HttpClient;
  logger: Logger;
  /** First-sync start of the change feed; default 30 days ago. */
  startFrom?: Date;
  /** Tickets per export page (the API allows up to 1000). */
  pageSize?: number;
  clock?: Clock;
  /** The incremental export's own limit: 10 a minute (30 with the High Volume add-on). */
  exportRequestsPerMinute?: number;
}

/** A Zendesk custom ticket status, with the native value the config uses for it. */
export interface CustomStatusInfo {
  /** `custom:<id>` for a non-default status; the category name (open, hold…) for a default one. */
  native: string;
  id: string;
  label: string;
  category: string;
  default: boolean;
  active: boolean;
}

const idOf = (id: string): number | null => (/^\d+$/.test(id) ? Number(id) : null);

/** The Zendesk side of the sync: implements the TicketSystem port over the Support API. */
export class ZendeskSystem implements TicketSystem {
  readonly system = 'zendesk' as const;
  readonly api: ZendeskApi;
  readonly http: HttpClient;
  private readonly lookups: ZendeskLookups;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly startFrom: Date | undefined;
  private readonly pageSize: number;
  private readonly exportGate: PQueue;

  constructor(opts: ZendeskSystemOptions) {
    this.http = opts.http;
    this.api = new ZendeskApi(opts.http);
    this.logger = opts.logger;
    this.clock = opts.clock ?? systemClock;
    this.startFrom = opts.startFrom;
    this.pageSize = Math.min(1000, Math.max(1, opts.pageSize ?? 1000));
    this.lookups = new ZendeskLookups(this.api, this.clock, this.logger);
    this.exportGate = new PQueue({ concurrency: 1, intervalCap: opts.exportRequestsPerMinute ?? 10, interval: 60_000 });
  }

  /** The integration's own user (cached), so the engine can skip comments it wrote itself. */
  async me(): Promise<PersonRef> {
    const u = await this.lookups.me.get();
    return person(u.id, usersById([u]))!;
  }

  async groups(): Promise<GroupRef[]> {
    return (await this.lookups.groups.get()).map((g) => ({ id: String(g.id), name: g.name }));
  }

  async customStatuses(): Promise<CustomStatusInfo[]> {
    return (await this.lookups.customStatuses.get()).map((s) => ({
      native: s.default ? s.status_category : `${CUSTOM_STATUS_PREFIX}${s.id}`,
      id: String(s.id),
      label: s.agent_label,
      category: s.status_category,
      default: !!s.default,
      active: s.active ?? true,
    }));
  }

  async getTicket(id: string): Promise<Ticket | null> {
    const n = idOf(id);
    if (n === null) return null;
    try {
      const { ticket, users } = await this.api.showTicket(n);
      if (ticket.status === 'deleted') return null;
      const thread = await this.api.listComments(n);
      const ctx = await this.lookups.context([ticket], [...users, ...thread.users], thread.comments.map((c) => c.author_id));
      return toTicket(ticket, ctx, thread.comments);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async *changes(checkpoint: string | null): AsyncGenerator<ChangePage> {
    const from = checkpoint ? decodeCheckpoint(checkpoint) : initialCheckpoint(this.clock.now(), this.startFrom);
    yield* ticketChanges(from, {
      fetchPage: (q) => this.exportGate.add(() => this.api.exportPage(q, this.pageSize)),
      mapPage: async (page) => {
        const ctx = await this.lookups.context(page.tickets, page.users ?? []);
        return page.tickets.map((t) => toTicket(t, ctx));
      },
      logger: this.logger,
    });
  }

  async createTicket(draft: TicketDraft, linkStamp: string): Promise<TicketRef> {
    const groupId = await this.groupIdFor(draft.group);
    const created = await this.api.createTicket(createPayload(draft, linkStamp, groupId));
    this.logger.info({ system: 'zendesk', ticketId: created.id }, 'ticket created');
    return toTicketRef(created.id, this.api.baseUrl);
  }

  /** Closed tickets are refused by the API (422), which surfaces as Invalid with the API's message. */
  async updateTicket(id: string, patch: TicketPatch): Promise<void> {
    const n = this.writableId(id);
    const payload = updatePayload(patch, await this.groupIdFor(patch.group));
    if (Object.keys(payload.ticket).length === 0) return; // nothing to write, no call
    await this.api.updateTicketFields(n, payload);
  }

  async setLinkStamp(id: string, linkStamp: string): Promise<void> {
    await this.api.updateTicketFields(this.writableId(id), { ticket: { external_id: linkStamp } });
  }

  async addComment(id: string, comment: CommentDraft): Promise<string> {
    const n = this.writableId(id);
    const res = await this.api.updateWithComment(n, { ticket: { comment: commentPayload(comment) } });
    const event = res.audit?.events.find((e) => e.type === 'Comment');
    if (!event)
      // The update committed but we cannot tell the comment's id: the caller reads back as for a lost response.
      throw new Transient('update answered without a Comment audit event', { system: 'zendesk', method: 'PUT', route: '/api/v2/tickets/{id}.json' }, true);
    return String(event.id);
  }

  /** The ticket's comments after the description (its first comment), oldest first, as in `getTicket`. */
  async listComments(id: string): Promise<Comment[]> {
    const n = idOf(id);
    if (n === null) return [];
    const { comments, users } = await this.api.listComments(n);
    const rest = comments.slice(1);
    const ctx = await this.lookups.context([], users, rest.map((c) => c.author_id));
    return rest.map((c) => toComment(c, ctx.users));
  }

  async findByStamp(linkStamp: string): Promise<TicketRef | null> {
    const hits = (await this.api.ticketsByExternalId(linkStamp)).filter((t) => t.external_id === linkStamp && t.status !== 'deleted');
    if (hits.length === 0) return null;
    if (hits.length > 1) this.logger.warn({ system: 'zendesk', count: hits.length }, 'several tickets carry one link stamp; using the oldest');
    const first = hits.reduce((a, b) => (b.id < a.id ? b : a));
    return toTicketRef(first.id, this.api.baseUrl);
  }

  /** Stops the HTTP queue and the export gate so the process can exit. */
  close(): void {
    this.exportGate.clear();
    this.http.close();
  }

  private writableId(id: string): number {
    const n = idOf(id);
    if (n === null) {
      const msg = `"${id}" is not a Zendesk ticket id`;
      throw new Invalid(msg, { system: 'zendesk', method: 'PUT', route: '/api/v2/tickets/{id}.json' }, msg);
    }
    return n;
  }

  private async groupIdFor(group: GroupRef | null | undefined): Promise<number | null | undefined> {
    const groups = groupNeedsLookup(group) ? await this.lookups.groups.get() : null;
    return resolveGroupId(group, groups);
  }
}

export function createZendeskSystem(opts: ZendeskSystemOptions): ZendeskSystem {
  return new ZendeskSystem(opts);
}
