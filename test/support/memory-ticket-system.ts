import { Invalid, NotFound, Transient, type ApiError } from '../../src/http/errors.ts';
import {
  parseLinkStamp,
  plainDoc,
  type Comment,
  type CommentDraft,
  type GroupRef,
  type PersonRef,
  type RichText,
  type SystemName,
  type Ticket,
  type TicketDraft,
  type TicketPatch,
  type TicketRef,
} from '../../src/model/index.ts';
import type { ChangePage } from '../../src/ports/ticket-system.ts';
import type { EngineSystem } from '../../src/engine/index.ts';

/**
 * A faithful in-memory TicketSystem for engine tests. Like the real systems: closed Zendesk tickets
 * refuse every write, a Zendesk description cannot be edited, Zendesk lower-cases tags, JSM keeps stamp
 * labels through a tags write and starts new issues in its workflow's first status, every write bumps
 * updatedAt and the change sequence, the change feed pages by sequence with a checkpoint per page, and
 * JSM's stamp search can lag behind a create. Faults: a write that commits but whose response is lost,
 * or a typed error on the next call of a method. Counts reads and writes like HttpClient metrics.
 */

type Method = 'getTicket' | 'changes' | 'createTicket' | 'updateTicket' | 'setLinkStamp' | 'addComment' | 'listComments' | 'findByStamp';
const READS: ReadonlySet<Method> = new Set(['getTicket', 'changes', 'listComments', 'findByStamp']);

interface Stored {
  ticket: Ticket;
  comments: Comment[];
  seq: number;
  /** JSM: every label that is a stamp (the first own one is the ticket's linkStamp). */
  stamps: string[];
  followUpOf?: string;
  /** findByStamp misses this ticket this many more times (JSM search lag). */
  searchLag: number;
}

export interface MemorySystemOptions {
  system: SystemName;
  connectionId: string;
  me: PersonRef;
  groups: GroupRef[];
  /** JSM: status of a new issue (default "Waiting for support"); Zendesk: "new". */
  initialStatus?: string;
  /** Statuses a write may set; others are refused as Invalid (a missing transition). Default: any. */
  statuses?: string[];
  /** JSM: request type when a create names none. */
  defaultGroup?: string;
  /** JSM: priority of a new issue without one (Jira's default). */
  defaultPriority?: string | null;
  pageSize?: number;
  /** JSM: findByStamp misses a new issue this many times. */
  searchLag?: number;
  /** Fields a create must carry (JSM required request type fields), by custom field id. */
  requiredOnCreate?: string[];
  /** JSM-like feed overlap: each run starts this many changes before the checkpoint (repeats). */
  overlap?: number;
  /** Shared between the two systems of a test so that updatedAt compares across them (newest wins). */
  clock?: { ms: number };
}

const ctx = (system: SystemName, method: string) => ({ system, method, route: method });

export class MemoryTicketSystem implements EngineSystem {
  readonly system: SystemName;
  readonly calls: Record<Method, number> = {
    getTicket: 0,
    changes: 0,
    createTicket: 0,
    updateTicket: 0,
    setLinkStamp: 0,
    addComment: 0,
    listComments: 0,
    findByStamp: 0,
  };
  /** The draft each created ticket was made from (what the engine asked for), by new ticket id. */
  readonly createdWith = new Map<string, TicketDraft>();
  readonly metrics = { read: 0, write: 0, snapshot: () => ({ read: this.metrics.read, write: this.metrics.write }) };
  private readonly opts: MemorySystemOptions;
  private readonly tickets = new Map<string, Stored>();
  private seq = 0;
  private nextId: number;
  private nextCommentId: number;
  private readonly clock: { ms: number };
  private readonly faults: { method: Method; error: ApiError | 'drop-response' }[] = [];

  constructor(opts: MemorySystemOptions) {
    this.opts = opts;
    this.system = opts.system;
    this.nextId = opts.system === 'zendesk' ? 1 : 10_001;
    this.nextCommentId = opts.system === 'zendesk' ? 5_000 : 20_000;
    this.clock = opts.clock ?? { ms: Date.parse('2025-03-03T09:00:00Z') };
  }

  // ---- test controls -------------------------------------------------------------------------

  /** The next call of `method` fails with `error`, or (drop-response) commits and then loses its response. */
  failNext(method: Method, error: ApiError | 'drop-response'): void {
    this.faults.push({ method, error });
  }

  /** A ticket as an agent or customer made it (not the integration). */
  seed(fields: Partial<Omit<Ticket, 'ref'>> & { subject: string }, comments: Omit<Comment, 'id' | 'attachments'>[] = []): Ticket {
    const id = String(this.nextId++);
    const t: Ticket = {
      ref: this.refOf(id),
      subject: fields.subject,
      description: fields.description ?? plainDoc(`Description of ${fields.subject}`),
      status: fields.status ?? this.opts.initialStatus ?? 'new',
      priority: fields.priority ?? null,
      group: fields.group ?? null,
      requester: fields.requester ?? null,
      assignee: null,
      tags: this.normaliseTags(fields.tags ?? []),
      customFields: fields.customFields ?? {},
      channel: 'web',
      createdAt: this.tick(),
      updatedAt: '',
      linkStamp: fields.linkStamp ?? null,
      closed: fields.status === 'closed',
      deleted: false,
    };
    t.updatedAt = t.createdAt;
    const stored: Stored = { ticket: t, comments: [], seq: ++this.seq, stamps: t.linkStamp ? [t.linkStamp] : [], searchLag: 0 };
    this.tickets.set(id, stored);
    for (const c of comments) stored.comments.push({ ...c, id: String(this.nextCommentId++), attachments: [] });
    return structuredClone(t);
  }

  /** A change made by a person in the system's UI. */
  humanUpdate(id: string, patch: Partial<Omit<Ticket, 'ref'>>): void {
    const s = this.must(id);
    Object.assign(s.ticket, patch);
    if (patch.tags) s.ticket.tags = this.normaliseTags(patch.tags);
    if (patch.status !== undefined) s.ticket.closed = this.system === 'zendesk' && patch.status === 'closed';
    this.touch(s);
  }

  humanComment(id: string, text: string, opts: { public: boolean; author: PersonRef }): string {
    const s = this.must(id);
    const cid = String(this.nextCommentId++);
    s.comments.push({ id: cid, body: plainDoc(text), public: opts.public, author: opts.author, createdAt: this.tick(), attachments: [] });
    this.touch(s);
    return cid;
  }

  /** Deleted in the system: gone from reads, reported once in the feed (Zendesk status "deleted"). */
  humanDelete(id: string): void {
    const s = this.must(id);
    s.ticket.deleted = true;
    this.touch(s);
  }

  peek(id: string): Ticket & { comments: Comment[]; followUpOf?: string } {
    const s = this.must(id);
    return structuredClone({ ...s.ticket, comments: s.comments, ...(s.followUpOf ? { followUpOf: s.followUpOf } : {}) });
  }

  all(): (Ticket & { comments: Comment[]; followUpOf?: string })[] {
    return [...this.tickets.keys()].map((id) => this.peek(id));
  }

  // ---- the port --------------------------------------------------------------------------------

  async me(): Promise<PersonRef> {
    return { ...this.opts.me };
  }

  async getTicket(id: string): Promise<Ticket | null> {
    this.call('getTicket');
    const s = this.tickets.get(id);
    if (!s || s.ticket.deleted) return null;
    return structuredClone({ ...s.ticket, comments: s.comments });
  }

  async *changes(checkpoint: string | null): AsyncGenerator<ChangePage> {
    let after = checkpoint ? Math.max(0, (JSON.parse(checkpoint) as { seq: number }).seq - (this.opts.overlap ?? 0)) : 0;
    for (;;) {
      this.call('changes');
      const page = [...this.tickets.values()]
        .filter((s) => s.seq > after)
        .sort((a, b) => a.seq - b.seq)
        .slice(0, this.opts.pageSize ?? 100);
      if (page.length === 0) return;
      after = page[page.length - 1]!.seq;
      yield { tickets: page.map((s) => structuredClone(s.ticket)), checkpoint: JSON.stringify({ seq: after }) };
    }
  }

  async createTicket(draft: TicketDraft, linkStamp: string): Promise<TicketRef> {
    const drop = this.call('createTicket');
    for (const f of this.opts.requiredOnCreate ?? [])
      if (draft.customFields?.[f] === undefined) throw this.invalid('createTicket', `${f}: Impact is required.`);
    const group = this.resolveGroup(draft.group ?? (this.opts.defaultGroup ? { id: this.opts.defaultGroup } : null));
    if (draft.status !== undefined) this.checkStatus(draft.status, 'createTicket');
    const id = String(this.nextId++);
    const now = this.tick();
    const t: Ticket = {
      ref: this.refOf(id),
      subject: draft.subject,
      description: draft.description,
      status: draft.status ?? this.opts.initialStatus ?? 'new',
      priority: draft.priority ?? this.opts.defaultPriority ?? null,
      group,
      requester: null,
      assignee: null,
      tags: this.normaliseTags(draft.tags ?? []),
      customFields: { ...draft.customFields },
      channel: 'api',
      createdAt: now,
      updatedAt: now,
      linkStamp,
      closed: draft.status === 'closed' && this.system === 'zendesk',
      deleted: false,
    };
    const stored: Stored = { ticket: t, comments: [], seq: ++this.seq, stamps: [linkStamp], searchLag: this.opts.searchLag ?? 0 };
    if (draft.followUpOf !== undefined) stored.followUpOf = draft.followUpOf;
    this.tickets.set(id, stored);
    this.createdWith.set(id, structuredClone(draft));
    if (drop) throw this.lost('createTicket');
    return this.refOf(id);
  }

  async updateTicket(id: string, patch: TicketPatch): Promise<void> {
    const drop = this.call('updateTicket');
    const s = this.writable(id, 'updateTicket');
    if (patch.description !== undefined && this.system === 'zendesk') throw this.invalid('updateTicket', 'a Zendesk description cannot be edited');
    if (patch.status !== undefined) this.checkStatus(patch.status, 'updateTicket');
    const t = s.ticket;
    if (patch.subject !== undefined) t.subject = patch.subject;
    if (patch.description !== undefined) t.description = patch.description;
    if (patch.status !== undefined) {
      t.status = patch.status;
      t.closed = this.system === 'zendesk' && patch.status === 'closed';
    }
    if (patch.priority !== undefined) t.priority = patch.priority;
    if (patch.group !== undefined) t.group = this.resolveGroup(patch.group);
    if (patch.tags !== undefined) t.tags = this.normaliseTags(patch.tags.filter((x) => parseLinkStamp(x) === null));
    if (patch.customFields !== undefined) Object.assign(t.customFields, patch.customFields);
    this.touch(s);
    if (drop) throw this.lost('updateTicket');
  }

  async setLinkStamp(id: string, linkStamp: string): Promise<void> {
    const drop = this.call('setLinkStamp');
    const s = this.writable(id, 'setLinkStamp');
    if (this.system === 'zendesk') s.stamps = [linkStamp];
    else if (!s.stamps.includes(linkStamp)) s.stamps.push(linkStamp);
    const own = s.stamps.find((x) => parseLinkStamp(x)?.connection === this.opts.connectionId);
    s.ticket.linkStamp = own ?? s.stamps[0] ?? null;
    this.touch(s);
    if (drop) throw this.lost('setLinkStamp');
  }

  async addComment(id: string, comment: CommentDraft): Promise<string> {
    const drop = this.call('addComment');
    const s = this.writable(id, 'addComment');
    const cid = String(this.nextCommentId++);
    s.comments.push({ id: cid, body: structuredClone(comment.body) as RichText, public: comment.public, author: { ...this.opts.me }, createdAt: this.tick(), attachments: [] });
    this.touch(s);
    if (drop) throw this.lost('addComment');
    return cid;
  }

  async listComments(id: string): Promise<Comment[]> {
    this.call('listComments');
    return structuredClone(this.must(id).comments);
  }

  async findByStamp(linkStamp: string): Promise<TicketRef | null> {
    this.call('findByStamp');
    const hits = [...this.tickets.values()].filter((s) => !s.ticket.deleted && s.stamps.includes(linkStamp));
    const visible = hits.filter((s) => {
      if (s.searchLag <= 0) return true;
      s.searchLag--;
      return false;
    });
    const first = visible.sort((a, b) => Number(a.ticket.ref.id) - Number(b.ticket.ref.id))[0];
    return first ? this.refOf(first.ticket.ref.id) : null;
  }

  // ---- internals -------------------------------------------------------------------------------

  /** Counts the call; throws an injected error, or returns true when the write must lose its response. */
  private call(method: Method): boolean {
    if (READS.has(method)) this.metrics.read++;
    else this.metrics.write++;
    this.calls[method]++;
    const i = this.faults.findIndex((f) => f.method === method);
    if (i < 0) return false;
    const [fault] = this.faults.splice(i, 1);
    if (fault!.error === 'drop-response') return true;
    throw fault!.error;
  }

  private refOf(id: string): TicketRef {
    return this.system === 'zendesk' ? { system: 'zendesk', id } : { system: 'jsm', id, key: `HELP-${Number(id) - 10_000}` };
  }

  private tick(): string {
    this.clock.ms += 1_000;
    return new Date(this.clock.ms).toISOString();
  }

  private touch(s: Stored): void {
    s.ticket.updatedAt = this.tick();
    s.seq = ++this.seq;
  }

  private must(id: string): Stored {
    const s = this.tickets.get(id);
    if (!s) throw new NotFound(`ticket ${id} not found`, ctx(this.system, 'getTicket'));
    return s;
  }

  private writable(id: string, method: Method): Stored {
    const s = this.tickets.get(id);
    if (!s || s.ticket.deleted) throw new NotFound(`ticket ${id} not found`, ctx(this.system, method));
    if (s.ticket.closed) throw this.invalid(method, 'Ticket is closed and cannot be updated (422)');
    return s;
  }

  private checkStatus(status: string, method: Method): void {
    if (this.opts.statuses && !this.opts.statuses.includes(status)) throw this.invalid(method, `no transition to status "${status}"`);
  }

  private resolveGroup(g: GroupRef | null): GroupRef | null {
    if (g === null) return null;
    const hit = this.opts.groups.find((x) => x.id === g.id || x.name === g.id || (g.name !== undefined && x.name === g.name));
    if (!hit) throw this.invalid('updateTicket', `unknown group "${g.name ?? g.id}"`);
    return { ...hit };
  }

  private normaliseTags(tags: readonly string[]): string[] {
    return this.system === 'zendesk' ? [...new Set(tags.map((t) => t.toLowerCase()))] : [...new Set(tags)];
  }

  private invalid(method: string, message: string): Invalid {
    return new Invalid(message, { ...ctx(this.system, method), status: 422 }, message);
  }

  private lost(method: string): Transient {
    return new Transient('response lost (socket closed)', ctx(this.system, method), true);
  }
}
