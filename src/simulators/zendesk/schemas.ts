import { z } from 'zod';

/**
 * What the simulator accepts in request bodies, as the Ticket and Ticket Comment references document it.
 * Loose: unknown properties pass (Zendesk ignores what it does not know), known ones are checked.
 * Value rules that Zendesk answers with 422 (a bad status, a group that does not exist) are checked by the
 * data layer, so that the error body names the field as Zendesk does.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#json-format
 */

/** Zendesk accepts ids as numbers or numeric strings. */
export const Id = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);

export const CommentInput = z.looseObject({
  body: z.string().optional(),
  html_body: z.string().optional(),
  public: z.boolean().optional(),
  author_id: Id.optional(),
  uploads: z.array(z.string()).optional(),
});
export type CommentInput = z.infer<typeof CommentInput>;

const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export const CustomFieldInput = z.looseObject({ id: Id, value: FieldValue });

export const RequesterInput = z.looseObject({
  name: z.string().optional(),
  email: z.email(),
  locale_id: z.number().int().optional(),
});

const TagList = z.union([z.array(z.string()), z.string().transform((s) => [s])]);

export const TicketWrite = z.looseObject({
  subject: z.string().nullable().optional(),
  comment: CommentInput.optional(),
  external_id: z.string().nullable().optional(),
  status: z.string().optional(),
  custom_status_id: Id.optional(),
  priority: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  group_id: Id.nullable().optional(),
  assignee_id: Id.nullable().optional(),
  assignee_email: z.email().optional(),
  requester_id: Id.optional(),
  requester: RequesterInput.optional(),
  submitter_id: Id.optional(),
  organization_id: Id.nullable().optional(),
  tags: TagList.optional(),
  additional_tags: TagList.optional(),
  remove_tags: TagList.optional(),
  custom_fields: z.array(CustomFieldInput).optional(),
  fields: z.array(CustomFieldInput).optional(),
  safe_update: z.boolean().optional(),
  updated_stamp: z.string().optional(),
  via_followup_source_id: Id.optional(),
});
export type TicketWrite = z.infer<typeof TicketWrite>;
/** What callers may pass: ids as strings or numbers, as over the wire. */
export type TicketWriteInput = z.input<typeof TicketWrite>;

export const TicketBody = z.looseObject({ ticket: TicketWrite });

/** Update Many Tickets: either `{tickets: [{id, ...}]}` (batch) or `?ids=` with one `{ticket}` for all (bulk). */
export const UpdateManyBatch = z.looseObject({ tickets: z.array(TicketWrite.extend({ id: Id })).min(1) });
export const UpdateManyBulk = z.looseObject({ ticket: TicketWrite });

export const CreateManyBody = z.looseObject({ tickets: z.array(TicketWrite).min(1) });
