import type { SimClock } from '../clock.ts';
import { commentText } from './comment-text.ts';
import { closedTicket, invalidField, notFound, recordInvalid, updateConflict } from './errors.ts';
import { cloneTicket, via as makeVia, type AuditRecord, type CommentRecord, type FieldEvent, type TicketRecord, type Via } from './records.ts';
import type { CommentInput, TicketWrite } from './schemas.ts';
import { applyTicketWrite, type RuleContext } from './ticket-rules.ts';
import { buildUniverse, DEFAULT_STATUS_IDS, type CustomStatusRecord, type GroupRecord, type TicketFieldRecord, type UserRecord } from './universe.ts';

/**
 * The simulator's account: users, groups, statuses, fields, tickets, comments and audits, with the write
 * paths the API and the "agent in the UI" helpers share. Every write stamps `updated_at` from the sim clock,
 * which is what the incremental export orders by.
 */

export interface WriteOptions {
  actorId: number;
  via?: Via;
  /** Epoch ms of the write; defaults to the sim clock (seeding and tests pin it). */
  at?: number;
}

export interface WriteResult {
  ticket: TicketRecord;
  audit: AuditRecord;
}

export class ZendeskData {
  readonly users = new Map<number, UserRecord>();
  readonly groups = new Map<number, GroupRecord>();
  readonly customStatuses = new Map<number, CustomStatusRecord>();
  readonly ticketFields = new Map<number, TicketFieldRecord>();
  readonly tickets = new Map<number, TicketRecord>();
  private readonly commentsByTicket = new Map<number, CommentRecord[]>();
  private readonly auditsByTicket = new Map<number, AuditRecord[]>();
  private nextTicketId = 1;
  private nextUserId: number;
  /** Audits, events and comments share one id space in Zendesk: a comment's id is its Comment event's id. */
  private nextEventId = 20_000_000_001;
  readonly accountCreatedMs: number;
  private readonly clock: SimClock;

  constructor(clock: SimClock) {
    this.clock = clock;
    const u = buildUniverse(clock.now());
    this.accountCreatedMs = u.createdMs;
    for (const x of u.users) this.users.set(x.id, x);
    for (const x of u.groups) this.groups.set(x.id, x);
    for (const x of u.customStatuses) this.customStatuses.set(x.id, x);
    for (const x of u.ticketFields) this.ticketFields.set(x.id, x);
    this.nextUserId = Math.max(...this.users.keys()) + 1;
  }

  userByEmail(email: string): UserRecord | undefined {
    const e = email.toLowerCase();
    for (const u of this.users.values()) if (u.email.toLowerCase() === e) return u;
    return undefined;
  }

  /** A ticket that is not deleted, or a 404. */
  liveTicket(id: number): TicketRecord {
    const t = this.tickets.get(id);
    if (!t || t.deletedMs !== null) throw notFound();
    return t;
  }

  comments(ticketId: number): CommentRecord[] {
    return this.commentsByTicket.get(ticketId) ?? [];
  }

  audits(ticketId: number): AuditRecord[] {
    return this.auditsByTicket.get(ticketId) ?? [];
  }

  /** POST /api/v2/tickets semantics: `comment` becomes the description; `external_id`, `requester`, etc. apply. */
  createTicket(w: TicketWrite, opts: WriteOptions): WriteResult {
    const at = opts.at ?? this.clock.now();
    if (!w.comment || (w.comment.body ?? w.comment.html_body ?? '').trim() === '')
      throw invalidField('description', 'Description: cannot be blank', 'BlankValue');
    const source = w.via_followup_source_id !== undefined ? this.tickets.get(w.via_followup_source_id) : undefined;
    if (w.via_followup_source_id !== undefined && (!source || source.status !== 'closed'))
      throw invalidField('via_followup_source_id', 'Follow-up source: must be a closed ticket');
    const actor = opts.actorId;
    const draft: TicketRecord = {
      id: this.nextTicketId,
      externalId: null,
      subject: null,
      description: '',
      status: 'new',
      customStatusId: DEFAULT_STATUS_IDS.new,
      priority: null,
      type: null,
      requesterId: actor,
      submitterId: actor,
      assigneeId: null,
      groupId: null,
      organizationId: null,
      tags: [],
      fields: new Map<number, string | null>([...this.ticketFields.keys()].map((id) => [id, null])),
      via: opts.via ?? (source ? followUpVia(source) : makeVia('api')),
      createdMs: at,
      updatedMs: at,
      isPublic: true,
      deletedMs: null,
      followupSourceId: source?.id ?? null,
      followupIds: [],
    };
    applyTicketWrite(draft, w, this.ruleContext(actor), true);
    this.nextTicketId++;
    const comment = this.newComment(draft, w.comment, actor, at, draft.via);
    draft.description = comment.body;
    draft.isPublic = comment.public;
    if (source) source.followupIds.push(draft.id);
    this.tickets.set(draft.id, draft);
    this.commentsByTicket.set(draft.id, [comment]);
    const events: FieldEvent[] = createEvents(draft).map((e) => ({ id: this.nextEventId++, type: 'Create', ...e }));
    return { ticket: draft, audit: this.recordAudit(draft.id, actor, at, draft.via, comment, events) };
  }

  /** PUT /api/v2/tickets/{id} semantics: field changes and/or one comment, as one audit. */
  updateTicket(id: number, w: TicketWrite, opts: WriteOptions): WriteResult {
    const current = this.liveTicket(id);
    if (current.status === 'closed') throw closedTicket();
    if (w.safe_update && w.updated_stamp !== undefined && !sameSecond(w.updated_stamp, current.updatedMs)) throw updateConflict();
    const at = Math.max(opts.at ?? this.clock.now(), current.updatedMs);
    const channel = opts.via ?? makeVia('api');
    const draft = cloneTicket(current);
    applyTicketWrite(draft, w, this.ruleContext(opts.actorId), false);
    let comment: CommentRecord | null = null;
    if (w.comment) {
      if ((w.comment.body ?? w.comment.html_body ?? '').trim() === '') throw recordInvalid({ comment: [{ description: 'Comment: cannot be blank', error: 'BlankValue' }] });
      comment = this.newComment(draft, w.comment, opts.actorId, at, channel);
      // A reply from the requester reopens a ticket that waited on them or was solved.
      if (comment.authorId === draft.requesterId && w.status === undefined && w.custom_status_id === undefined && (draft.status === 'pending' || draft.status === 'solved')) {
        draft.status = 'open';
        draft.customStatusId = DEFAULT_STATUS_IDS.open;
      }
    }
    const events = diffEvents(current, draft).map((e) => ({ id: this.nextEventId++, type: 'Change' as const, ...e }));
    draft.updatedMs = at;
    this.tickets.set(id, draft);
    if (comment) this.commentsByTicket.get(id)!.push(comment);
    return { ticket: draft, audit: this.recordAudit(id, opts.actorId, at, channel, comment, events) };
  }

  /** DELETE /api/v2/tickets/{id}: a soft delete; the export then reports the ticket as `deleted`. */
  deleteTicket(id: number, at = this.clock.now()): void {
    const t = this.liveTicket(id);
    t.deletedMs = at;
    t.updatedMs = Math.max(at, t.updatedMs);
  }

  private newComment(draft: TicketRecord, input: CommentInput, actorId: number, at: number, channel: Via): CommentRecord {
    const authorId = input.author_id ?? actorId;
    const author = this.users.get(authorId);
    if (!author) throw invalidField('comment', 'Comment: author is invalid');
    const text = commentText(input);
    // End users cannot write internal notes.
    const isPublic = author.role === 'end-user' ? true : (input.public ?? true);
    if (this.comments(draft.id).length >= 5000) throw invalidField('comment', 'Comment: ticket has reached the limit of 5000 comments');
    return { id: this.nextEventId++, ticketId: draft.id, auditId: 0, authorId, ...text, public: isPublic, createdMs: at, via: channel };
  }

  private recordAudit(ticketId: number, authorId: number, at: number, channel: Via, comment: CommentRecord | null, events: FieldEvent[]): AuditRecord {
    const audit: AuditRecord = { id: this.nextEventId++, ticketId, authorId, createdMs: at, via: channel, comment, events };
    if (comment) comment.auditId = audit.id;
    const list = this.auditsByTicket.get(ticketId) ?? [];
    list.push(audit);
    this.auditsByTicket.set(ticketId, list);
    return audit;
  }

  private ruleContext(actorId: number): RuleContext {
    return {
      actorId,
      user: (id) => this.users.get(id),
      userByEmail: (email) => this.userByEmail(email),
      group: (id) => this.groups.get(id),
      customStatus: (id) => this.customStatuses.get(id),
      field: (id) => this.ticketFields.get(id),
      findOrCreateRequester: (name, email) => this.userByEmail(email) ?? this.createEndUser(name ?? email.split('@')[0]!, email),
    };
  }

  createEndUser(name: string, email: string): UserRecord {
    const user: UserRecord = { id: this.nextUserId++, name, email, role: 'end-user', defaultGroupId: null, createdMs: this.clock.now(), active: true };
    this.users.set(user.id, user);
    return user;
  }
}

/** A follow-up names its closed source ticket in `via.source.from`. */
function followUpVia(source: TicketRecord): Via {
  return { channel: 'api', source: { from: { ticket_id: source.id, subject: source.subject }, to: {}, rel: 'follow_up' } };
}

/** `updated_stamp` is compared at the second precision of `updated_at`. */
function sameSecond(stamp: string, ms: number): boolean {
  const parsed = Date.parse(stamp);
  return !Number.isNaN(parsed) && Math.floor(parsed / 1000) === Math.floor(ms / 1000);
}

type EventBody = Omit<FieldEvent, 'id' | 'type'>;

function fieldValues(t: TicketRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    subject: t.subject,
    status: t.status,
    custom_status_id: t.customStatusId,
    priority: t.priority,
    type: t.type,
    group_id: t.groupId,
    assignee_id: t.assigneeId,
    requester_id: t.requesterId,
    external_id: t.externalId,
    tags: t.tags,
  };
  for (const [id, v] of t.fields) out[String(id)] = v;
  return out;
}

function createEvents(t: TicketRecord): EventBody[] {
  return Object.entries(fieldValues(t))
    .filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))
    .map(([field_name, value]) => ({ field_name, value }));
}

function diffEvents(before: TicketRecord, after: TicketRecord): EventBody[] {
  const a = fieldValues(before);
  const b = fieldValues(after);
  return Object.keys(b)
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((field_name) => ({ field_name, value: b[field_name], previous_value: a[field_name] }));
}
