import { Invalid } from '../../http/errors.ts';
import { plainDoc } from '../../model/index.ts';
import type { Comment, CommentDraft, GroupRef, PersonRef, RichText, Ticket, TicketDraft, TicketPatch, TicketRef } from '../../model/index.ts';
import { htmlToRichText, richTextToHtml, richTextToPlain } from '../../text/index.ts';
import type { ZdComment, ZdCustomStatus, ZdTicket, ZdUser } from './schemas.ts';

/**
 * Pure mappers between raw Zendesk payloads and the normalised model. Native values convention:
 * `status` is the status name, or `custom:<id>` for a non-default custom status; `group` is the group id
 * (+ name); custom fields are keyed by String(field id); `linkStamp` is the external_id when it is ours.
 */

export const CUSTOM_STATUS_PREFIX = 'custom:';
const STAMP_PREFIX = 'deskbridge_';

/** Lookups a mapping needs, loaded (and cached) by the system: never fetched here. */
export interface MapContext {
  baseUrl: string;
  groupNames: ReadonlyMap<number, string>;
  /** Every custom status by id (default and non-default). */
  customStatuses: ReadonlyMap<number, ZdCustomStatus>;
  /** Side-loaded users (`include=users`), for names and emails of people refs. */
  users: ReadonlyMap<number, ZdUser>;
}

export function usersById(users: readonly ZdUser[] | null | undefined): Map<number, ZdUser> {
  return new Map((users ?? []).map((u) => [u.id, u]));
}

/** The agent-facing page of a ticket (the API's own `url` is the JSON resource). */
export function agentTicketUrl(baseUrl: string, id: number | string): string {
  return `${baseUrl.replace(/\/+$/, '')}/agent/tickets/${id}`;
}

export function toTicketRef(id: number, baseUrl: string): TicketRef {
  return { system: 'zendesk', id: String(id), url: agentTicketUrl(baseUrl, id) };
}

/** `custom:<id>` when the ticket sits in a non-default custom status, else the status category name. */
export function nativeStatus(raw: Pick<ZdTicket, 'status' | 'custom_status_id'>, customStatuses: ReadonlyMap<number, ZdCustomStatus>): string {
  if (raw.custom_status_id != null) {
    const cs = customStatuses.get(raw.custom_status_id);
    if (cs && !cs.default) return `${CUSTOM_STATUS_PREFIX}${cs.id}`;
  }
  return raw.status;
}

/** Splits a native status for writing: a custom status id, or a plain status name. */
export function parseNativeStatus(status: string): { customStatusId: number } | { status: string } {
  if (!status.startsWith(CUSTOM_STATUS_PREFIX)) return { status };
  const id = Number(status.slice(CUSTOM_STATUS_PREFIX.length));
  if (!Number.isSafeInteger(id) || id <= 0) throw mappingError(`"${status}" is not a custom status reference (custom:<id>)`);
  return { customStatusId: id };
}

export function person(id: number | null | undefined, users: ReadonlyMap<number, ZdUser>): PersonRef | null {
  if (id == null) return null;
  const u = users.get(id);
  const ref: PersonRef = { id: String(id) };
  if (u?.name) ref.name = u.name;
  if (u?.email) ref.email = u.email;
  return ref;
}

export function commentBody(c: Pick<ZdComment, 'html_body' | 'body' | 'plain_body'>): RichText {
  if (c.html_body != null && c.html_body !== '') return htmlToRichText(c.html_body);
  return plainDoc(c.plain_body ?? c.body ?? '');
}

export function toComment(raw: ZdComment, users: ReadonlyMap<number, ZdUser>): Comment {
  return {
    id: String(raw.id),
    body: commentBody(raw),
    public: raw.public,
    author: person(raw.author_id, users),
    createdAt: raw.created_at,
    attachments: (raw.attachments ?? []).map((a) => ({
      id: String(a.id),
      fileName: a.file_name,
      ...(a.content_type ? { contentType: a.content_type } : {}),
      ...(a.size != null ? { size: a.size } : {}),
      ...(a.content_url ? { url: a.content_url } : {}),
    })),
  };
}

/**
 * A raw ticket as the model sees it. `thread` is the ticket's comments oldest first: the first is the
 * description (its html_body; `ticket.description` is only plain text), the rest become `comments`.
 * Without a thread (feed pages) the description comes from the plain `description` and there are no comments.
 */
export function toTicket(raw: ZdTicket, ctx: MapContext, thread?: readonly ZdComment[]): Ticket {
  const [first, ...rest] = thread ?? [];
  const group: GroupRef | null = raw.group_id != null ? { id: String(raw.group_id) } : null;
  const groupName = raw.group_id != null ? ctx.groupNames.get(raw.group_id) : undefined;
  if (group && groupName !== undefined) group.name = groupName;
  const ticket: Ticket = {
    ref: toTicketRef(raw.id, ctx.baseUrl),
    subject: raw.subject ?? '',
    description: first ? commentBody(first) : plainDoc(raw.description ?? ''),
    status: nativeStatus(raw, ctx.customStatuses),
    priority: raw.priority ?? null,
    group,
    requester: person(raw.requester_id, ctx.users),
    assignee: person(raw.assignee_id, ctx.users),
    tags: raw.tags ?? [],
    customFields: Object.fromEntries((raw.custom_fields ?? []).map((f) => [String(f.id), f.value ?? null])),
    channel: raw.via?.channel != null ? String(raw.via.channel) : null,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    // external_id is free text other integrations may use too: only our stamp counts as a link.
    linkStamp: raw.external_id?.startsWith(STAMP_PREFIX) ? raw.external_id : null,
    closed: raw.status === 'closed',
    deleted: raw.status === 'deleted',
  };
  if (thread) ticket.comments = rest.map((c) => toComment(c, ctx.users));
  return ticket;
}

// ---- writes -------------------------------------------------------------------------------------

const TICKETS_ROUTE = { system: 'zendesk' as const, method: 'PUT', route: '/api/v2/tickets/{id}' };
function mappingError(message: string): Invalid {
  return new Invalid(message, TICKETS_ROUTE, message);
}

const numericId = (id: string): number | null => (/^\d+$/.test(id) ? Number(id) : null);

/**
 * Requester/assignee: a Zendesk user id when numeric, else find-or-create by email (requester) or
 * assignee_email. A Zendesk ticket always has a requester: null leaves it to Zendesk (on create, the API user).
 */
function personFields(role: 'requester' | 'assignee', p: PersonRef | null | undefined): Record<string, unknown> {
  if (p === undefined) return {};
  if (p === null) return role === 'assignee' ? { assignee_id: null } : {};
  const id = numericId(p.id);
  if (id !== null) return { [`${role}_id`]: id };
  if (p.email) return role === 'requester' ? { requester: { email: p.email, ...(p.name ? { name: p.name } : {}) } } : { assignee_email: p.email };
  throw mappingError(`the ${role} has neither a Zendesk user id nor an email`);
}

function customFieldsPayload(fields: Record<string, unknown>): { id: number; value: unknown }[] {
  return Object.entries(fields).map(([key, value]) => {
    const id = numericId(key);
    if (id === null) throw mappingError(`custom field key "${key}" is not a Zendesk field id`);
    return { id, value };
  });
}

function statusFields(status: string | undefined): Record<string, unknown> {
  if (status === undefined) return {};
  const s = parseNativeStatus(status);
  return 'customStatusId' in s ? { custom_status_id: s.customStatusId } : { status: s.status };
}

/** Fields shared by create and update. `groupId` is the group resolved by the system (id or name → id). */
function fieldPayload(patch: TicketPatch, groupId: number | null | undefined): Record<string, unknown> {
  return {
    ...(patch.subject !== undefined ? { subject: patch.subject } : {}),
    ...statusFields(patch.status),
    ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
    ...(groupId !== undefined ? { group_id: groupId } : {}),
    ...personFields('requester', patch.requester),
    ...personFields('assignee', patch.assignee),
    ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
    ...(patch.customFields !== undefined ? { custom_fields: customFieldsPayload(patch.customFields) } : {}),
  };
}

export function commentPayload(c: CommentDraft): { html_body: string; public: boolean } {
  return { html_body: richTextToHtml(c.body), public: c.public };
}

/**
 * POST /api/v2/tickets body: the description is the first comment (public), the stamp is external_id.
 * Zendesk refuses a ticket without a description (422 "Description: cannot be blank") while a JSM request
 * may have none: such a ticket gets its subject as description rather than failing to sync.
 */
export function createPayload(draft: TicketDraft, linkStamp: string, groupId: number | null | undefined): { ticket: Record<string, unknown> } {
  const { description, followUpOf, ...fields } = draft;
  const body = richTextToPlain(description).trim() !== '' ? description : plainDoc(fields.subject?.trim() || '(no description)');
  const ticket: Record<string, unknown> = {
    ...fieldPayload(fields, groupId),
    comment: commentPayload({ body, public: true }),
    external_id: linkStamp,
  };
  if (followUpOf !== undefined) {
    const src = numericId(followUpOf);
    if (src === null) throw mappingError(`follow-up source "${followUpOf}" is not a Zendesk ticket id`);
    ticket.via_followup_source_id = src;
  }
  return { ticket };
}

/**
 * PUT /api/v2/tickets/{id} body for a field-only update (safe to repeat). The description is the
 * ticket's first comment and Zendesk comments cannot be edited, so a description change is refused.
 */
export function updatePayload(patch: TicketPatch, groupId: number | null | undefined): { ticket: Record<string, unknown> } {
  if (patch.description !== undefined)
    throw mappingError('a Zendesk ticket description is its first comment and cannot be edited; sync description changes to Zendesk as a comment instead');
  return { ticket: fieldPayload(patch, groupId) };
}

/** Group id to write: null clears; a numeric id is used as is; otherwise the name is looked up. */
export function resolveGroupId(group: GroupRef | null | undefined, groups: readonly { id: number; name: string }[] | null): number | null | undefined {
  if (group === undefined) return undefined;
  if (group === null) return null;
  const id = numericId(group.id);
  if (id !== null) return id;
  const wanted = (group.name ?? group.id).trim().toLowerCase();
  const hit = groups?.find((g) => g.name.trim().toLowerCase() === wanted);
  if (!hit) throw mappingError(`no Zendesk group named "${group.name ?? group.id}"`);
  return hit.id;
}

/** True when the group ref needs the group list to be resolved (it is a name, not an id). */
export const groupNeedsLookup = (group: GroupRef | null | undefined): boolean => !!group && numericId(group.id) === null;
