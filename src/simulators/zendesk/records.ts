import type { TicketPriority, TicketStatus, TicketType } from './universe.ts';

/** The simulator's stored rows; `render.ts` turns them into the API's JSON. */

export interface Via {
  channel: string;
  source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null };
}

export const via = (channel: string, rel: string | null = null): Via => ({ channel, source: { from: {}, to: {}, rel } });

export interface TicketRecord {
  id: number;
  externalId: string | null;
  subject: string | null;
  /** Plain text of the first comment. */
  description: string;
  status: TicketStatus;
  customStatusId: number;
  priority: TicketPriority | null;
  type: TicketType | null;
  requesterId: number;
  submitterId: number;
  assigneeId: number | null;
  groupId: number | null;
  organizationId: number | null;
  tags: string[];
  /** Custom field values by field id. */
  fields: Map<number, string | null>;
  via: Via;
  createdMs: number;
  updatedMs: number;
  isPublic: boolean;
  /** Set by a soft delete: the ticket then only shows in the incremental export, as `status: "deleted"`. */
  deletedMs: number | null;
  followupSourceId: number | null;
  followupIds: number[];
}

export interface CommentRecord {
  id: number;
  ticketId: number;
  auditId: number;
  authorId: number;
  body: string;
  htmlBody: string;
  plainBody: string;
  public: boolean;
  createdMs: number;
  via: Via;
}

/** A Change/Create event of an audit; Comment events are rendered from the comment itself. */
export interface FieldEvent {
  id: number;
  type: 'Create' | 'Change';
  field_name: string;
  value: unknown;
  previous_value?: unknown;
}

export interface AuditRecord {
  id: number;
  ticketId: number;
  authorId: number;
  createdMs: number;
  via: Via;
  comment: CommentRecord | null;
  events: FieldEvent[];
}

export function cloneTicket(t: TicketRecord): TicketRecord {
  return { ...t, tags: [...t.tags], fields: new Map(t.fields), via: structuredClone(t.via), followupIds: [...t.followupIds] };
}
