import { z } from 'zod';
import { SystemName } from './enums.ts';
import { RichTextSchema } from './rich-text.ts';

/** Identifies a ticket in one system: Zendesk ticket id, or JSM issue id (+ key). */
export const TicketRef = z.object({
  system: SystemName,
  id: z.string(),
  key: z.string().optional(),
  url: z.string().optional(),
});
export type TicketRef = z.infer<typeof TicketRef>;

/** A person as one system knows them. Email and name are personal data: never log them. */
export const PersonRef = z.object({
  id: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
});
export type PersonRef = z.infer<typeof PersonRef>;

/** A group (Zendesk) or queue/request type (JSM), by the system's own id and display name. */
export const GroupRef = z.object({ id: z.string(), name: z.string().optional() });
export type GroupRef = z.infer<typeof GroupRef>;

export const AttachmentRef = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string().optional(),
  size: z.number().optional(),
  url: z.string().optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export const Comment = z.object({
  id: z.string(),
  body: RichTextSchema,
  /** true: visible to the requester (Zendesk public, JSM public); false: internal note. */
  public: z.boolean(),
  author: PersonRef.nullable(),
  createdAt: z.string(),
  attachments: z.array(AttachmentRef).default([]),
});
export type Comment = z.infer<typeof Comment>;

/**
 * A ticket as read from one system, with that system's native values
 * (status name, priority name, group id): config maps them to canonical ones.
 */
export const Ticket = z.object({
  ref: TicketRef,
  subject: z.string(),
  description: RichTextSchema,
  /** Native status: Zendesk status (or `custom:<id>` for a custom status), JSM workflow status name. */
  status: z.string(),
  /** Native priority name (Zendesk low/normal/high/urgent, JSM Highest…Lowest), or null. */
  priority: z.string().nullable(),
  /** Zendesk group / JSM request type (the queue a request lands in). */
  group: GroupRef.nullable(),
  requester: PersonRef.nullable(),
  assignee: PersonRef.nullable(),
  tags: z.array(z.string()),
  /** Native custom field values by native field id. */
  customFields: z.record(z.string(), z.unknown()),
  /** Where the request came from (Zendesk via.channel, JSM request channel): web, email, api, monitoring… */
  channel: z.string().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Our link stamp as found on this ticket (Zendesk external_id, JSM label), or null. */
  linkStamp: z.string().nullable(),
  /** Zendesk: closed tickets reject updates; JSM: never true. */
  closed: z.boolean().default(false),
  /** Deleted in the source system (Zendesk feed reports status "deleted"). */
  deleted: z.boolean().default(false),
  /** Present when the ticket was read with its comments. */
  comments: z.array(Comment).optional(),
});
export type Ticket = z.infer<typeof Ticket>;

/** What a create carries: native values for the target system. */
export interface TicketDraft {
  subject: string;
  description: z.infer<typeof RichTextSchema>;
  status?: string;
  priority?: string | null;
  group?: GroupRef | null;
  requester?: PersonRef | null;
  assignee?: PersonRef | null;
  tags?: string[];
  customFields?: Record<string, unknown>;
  /** Zendesk only: create as a follow-up of this closed ticket (`via_followup_source_id`). */
  followUpOf?: string;
}

/** A partial update of native fields; `status` is applied by the adapter (Zendesk field, JSM transition). */
export type TicketPatch = Partial<Omit<TicketDraft, 'followUpOf'>>;

export interface CommentDraft {
  body: z.infer<typeof RichTextSchema>;
  public: boolean;
}
