import type { ConflictPolicy } from '../config/schema.ts';
import type { CommentDraft, SystemName, TicketDraft, TicketPatch } from '../model/index.ts';
import type { BaseFingerprints } from '../ports/state-store.ts';

/**
 * What a plan says to do for one ticket (pair). Plain data: printable (`deskbridge plan`), JSON-
 * serialisable, and exactly what `applyOps` executes. A ticket id of `null` means "the ticket the
 * `create` op earlier in the same plan makes".
 */

/** Create the counterpart of `sourceId` in `target`, carrying `stamp` (which names the source). */
export interface CreateOp {
  kind: 'create';
  target: SystemName;
  sourceId: string;
  /** Key of a JSM source (stored in the link when the target is Zendesk). */
  sourceKey?: string;
  draft: TicketDraft;
  stamp: string;
  /** Base fingerprints of the fields the draft carries, stored with the link. */
  base: BaseFingerprints;
  /** A create intent is already pending (earlier outcome unknown): read back before creating. */
  resume: boolean;
  /** Follow-up of a closed Zendesk ticket: the link moves from this Zendesk id to the new ticket. */
  relinkFrom?: string;
}

/** Write native field values to an existing ticket; `base` is stored once the write succeeded. */
export interface UpdateOp {
  kind: 'update';
  target: SystemName;
  ticketId: string;
  patch: TicketPatch;
  fields: string[];
  base: BaseFingerprints;
}

/** Add a comment (same visibility as its source) or, for a JSM description change, an internal note on Zendesk. */
export interface CommentOp {
  kind: 'comment';
  target: SystemName;
  ticketId: string | null;
  /** The copied comment's id, or `description:<fingerprint>` for a description note. */
  sourceCommentId: string;
  sourceTicketId: string;
  draft: CommentDraft;
  /** Fingerprint of `draft.body`: recognises the comment when reading back after an unknown outcome. */
  bodyFingerprint: string;
  /** Whether a comment-map entry records the copy (not for description notes, which have no source comment). */
  mapped: boolean;
  /** Base entries to store once the comment exists (description notes). */
  base?: BaseFingerprints;
}

/** The target already holds the integration's copy of this comment: record the mapping, write nothing remote. */
export interface CommentMapOp {
  kind: 'comment-map';
  /** The side the original comment is on (the other side holds the integration's copy). */
  source: SystemName;
  zendeskCommentId: string;
  jsmCommentId: string;
  zendeskTicketId: string | null;
}

/** Write the link stamp naming `counterpart` on `ticketId` (origin side after a create, or a missing stamp). */
export interface StampOp {
  kind: 'stamp';
  target: SystemName;
  ticketId: string;
  counterpart: { system: SystemName; id: string | null };
}

/** Store a link between two existing tickets found stamped for each other (a store rebuilt from the systems). */
export interface LinkOp {
  kind: 'link';
  zendeskId: string;
  jsmId: string;
  jsmKey: string;
  origin: SystemName;
}

/** Both sides changed a field: resolved by policy (`winner`) or flagged for a human (`winner: null`). Audit only. */
export interface ConflictOp {
  kind: 'conflict';
  field: string;
  policy: ConflictPolicy;
  winner: SystemName | null;
  /** Marker stored so the same unresolved conflict is not flagged again on every read. */
  base: BaseFingerprints;
}

/** The ticket cannot be synced until someone acts (config fix, data fix): recorded for `dlq list|replay`. */
export interface DeadLetterOp {
  kind: 'dead-letter';
  system: SystemName;
  ticketId: string;
  errorKind: string;
  reason: string;
}

/** A change from JSM for a closed Zendesk ticket: reported (audit + warning), or a follow-up was planned. */
export interface ClosedTicketOp {
  kind: 'closed-ticket';
  mode: 'report' | 'followup';
  zendeskId: string;
  jsmId: string;
  fields: string[];
  comments: number;
  base: BaseFingerprints;
}

/** One side of a linked pair is gone: nothing is written, the fact is audited. */
export interface DeletedOp {
  kind: 'deleted';
  system: SystemName;
  ticketId: string;
}

/** Base entries for fields both sides already agree on (no write needed). */
export interface BaseOp {
  kind: 'base';
  set: BaseFingerprints;
}

export type Op =
  | CreateOp
  | UpdateOp
  | CommentOp
  | CommentMapOp
  | StampOp
  | LinkOp
  | ConflictOp
  | DeadLetterOp
  | ClosedTicketOp
  | DeletedOp
  | BaseOp;

/** Ops that call a ticket system. */
export const isRemoteWrite = (op: Op): op is CreateOp | UpdateOp | CommentOp | StampOp =>
  op.kind === 'create' || op.kind === 'update' || op.kind === 'comment' || op.kind === 'stamp';

const ref = (system: SystemName, id: string | null): string => `${system}:${id ?? '(new)'}`;

/** One line per op for `deskbridge plan`: ids, field names and policies only (no values, bodies or names). */
export function describeOp(op: Op): string {
  switch (op.kind) {
    case 'create':
      return `create ${op.target} ticket from ${ref(op.target === 'zendesk' ? 'jsm' : 'zendesk', op.sourceId)}${op.relinkFrom ? ` (follow-up of zendesk:${op.relinkFrom})` : ''}${op.resume ? ' (resume: read back first)' : ''}`;
    case 'update':
      return `update ${ref(op.target, op.ticketId)}: ${op.fields.join(', ')}`;
    case 'comment':
      return `${op.draft.public ? 'public comment' : 'internal note'} on ${ref(op.target, op.ticketId)} from ${op.sourceCommentId}`;
    case 'comment-map':
      return `map comment zendesk:${op.zendeskCommentId} ⇄ jsm:${op.jsmCommentId} (copy already present)`;
    case 'stamp':
      return `stamp ${ref(op.target, op.ticketId)} → ${ref(op.counterpart.system, op.counterpart.id)}`;
    case 'link':
      return `link zendesk:${op.zendeskId} ⇄ jsm:${op.jsmId} (stamped on both)`;
    case 'conflict':
      return `conflict on ${op.field}: ${op.winner ? `${op.winner} wins (${op.policy})` : 'flagged for a human'}`;
    case 'dead-letter':
      return `dead letter ${ref(op.system, op.ticketId)} [${op.errorKind}]: ${op.reason}`;
    case 'closed-ticket':
      return `zendesk:${op.zendeskId} is closed: ${op.mode === 'report' ? 'report' : 'follow-up'} of ${op.fields.length} field(s), ${op.comments} comment(s) from jsm:${op.jsmId}`;
    case 'deleted':
      return `${ref(op.system, op.ticketId)} was deleted: nothing written`;
    case 'base':
      return `record base for ${Object.keys(op.set).join(', ')}`;
  }
}
