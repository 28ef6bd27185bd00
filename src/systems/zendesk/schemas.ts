import { z } from 'zod';

/**
 * Raw shapes of what the Zendesk Support API returns, parsed loosely: unknown fields pass through,
 * enum-like fields (status, priority, channel) stay strings so a new value never breaks a sync.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#json-format
 */

const Id = z.number().int();

export const ZdVia = z.looseObject({ channel: z.union([z.string(), z.number()]).nullish() });

export const ZdCustomFieldValue = z.looseObject({ id: Id, value: z.unknown() });

export const ZdTicket = z.looseObject({
  id: Id,
  url: z.string().nullish(),
  external_id: z.string().nullish(),
  subject: z.string().nullish(),
  /** Plain text of the first comment (read-only); the HTML is on the comment itself. */
  description: z.string().nullish(),
  /** new, open, pending, hold, solved, closed; the export also reports "deleted". */
  status: z.string(),
  custom_status_id: Id.nullish(),
  priority: z.string().nullish(),
  type: z.string().nullish(),
  group_id: Id.nullish(),
  assignee_id: Id.nullish(),
  requester_id: Id.nullish(),
  tags: z.array(z.string()).nullish(),
  custom_fields: z.array(ZdCustomFieldValue).nullish(),
  via: ZdVia.nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  /** Export ordering key (seconds); changes whenever the ticket is regenerated. */
  generated_timestamp: z.number().nullish(),
});
export type ZdTicket = z.infer<typeof ZdTicket>;

/** https://developer.zendesk.com/api-reference/ticketing/users/users/#json-format */
export const ZdUser = z.looseObject({
  id: Id,
  name: z.string().nullish(),
  email: z.string().nullish(),
  role: z.string().nullish(),
});
export type ZdUser = z.infer<typeof ZdUser>;

/** https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#json-format */
export const ZdAttachment = z.looseObject({
  id: Id,
  file_name: z.string(),
  content_type: z.string().nullish(),
  size: z.number().nullish(),
  content_url: z.string().nullish(),
});

export const ZdComment = z.looseObject({
  id: Id,
  type: z.string().nullish(),
  author_id: Id.nullish(),
  body: z.string().nullish(),
  html_body: z.string().nullish(),
  plain_body: z.string().nullish(),
  public: z.boolean(),
  created_at: z.string(),
  attachments: z.array(ZdAttachment).nullish(),
});
export type ZdComment = z.infer<typeof ZdComment>;

/** https://developer.zendesk.com/api-reference/ticketing/groups/groups/#json-format */
export const ZdGroup = z.looseObject({ id: Id, name: z.string(), deleted: z.boolean().nullish() });
export type ZdGroup = z.infer<typeof ZdGroup>;

/** https://developer.zendesk.com/api-reference/ticketing/tickets/custom_ticket_statuses/#json-format */
export const ZdCustomStatus = z.looseObject({
  id: Id,
  status_category: z.string(),
  agent_label: z.string(),
  default: z.boolean().nullish(),
  active: z.boolean().nullish(),
});
export type ZdCustomStatus = z.infer<typeof ZdCustomStatus>;

/** Cursor pagination envelope of list endpoints (`page[size]`): stop on `meta.has_more: false`. */
export const ZdCursorMeta = z.looseObject({
  meta: z.looseObject({ has_more: z.boolean(), after_cursor: z.string().nullish() }).nullish(),
  links: z.looseObject({ next: z.string().nullish() }).nullish(),
});

/** https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-cursor-based */
export const ZdExportPage = z.looseObject({
  tickets: z.array(ZdTicket),
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
  users: z.array(ZdUser).nullish(),
});
export type ZdExportPage = z.infer<typeof ZdExportPage>;

export const ZdTicketEnvelope = z.looseObject({ ticket: ZdTicket, users: z.array(ZdUser).nullish() });

export const ZdTicketList = ZdCursorMeta.extend({ tickets: z.array(ZdTicket) });
export const ZdCommentList = ZdCursorMeta.extend({ comments: z.array(ZdComment), users: z.array(ZdUser).nullish() });
export const ZdGroupList = ZdCursorMeta.extend({ groups: z.array(ZdGroup) });
export const ZdCustomStatusList = z.looseObject({ custom_statuses: z.array(ZdCustomStatus) });
export const ZdUserEnvelope = z.looseObject({ user: ZdUser });
export const ZdUserList = z.looseObject({ users: z.array(ZdUser) });

/** https://developer.zendesk.com/documentation/ticketing/reference-guides/ticket-audit-events-reference/ */
export const ZdAuditEvent = z.looseObject({ id: Id, type: z.string(), public: z.boolean().nullish() });
/** Update Ticket answers `{ticket, audit}`: the audit's Comment event id is the new comment's id. */
export const ZdUpdateResponse = z.looseObject({
  ticket: ZdTicket,
  audit: z.looseObject({ id: Id.nullish(), events: z.array(ZdAuditEvent) }).nullish(),
});
