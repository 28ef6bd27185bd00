import type { FieldErrors } from './errors.ts';
import { recordInvalid } from './errors.ts';
import type { TicketRecord } from './records.ts';
import type { TicketWrite } from './schemas.ts';
import {
  DEFAULT_STATUS_IDS,
  PRIORITIES,
  STATUSES,
  TYPES,
  type CustomStatusRecord,
  type GroupRecord,
  type TicketFieldRecord,
  type TicketStatus,
  type UserRecord,
} from './universe.ts';

/**
 * The field rules of a ticket write (create or update), applied to a draft copy of the ticket. Pure apart
 * from `findOrCreateRequester` (Zendesk creates an end user for an unknown requester email).
 * Violations are collected and thrown together as one 422 RecordInvalid, as Zendesk reports them.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket
 */

export interface RuleContext {
  actorId: number;
  user(id: number): UserRecord | undefined;
  userByEmail(email: string): UserRecord | undefined;
  group(id: number): GroupRecord | undefined;
  customStatus(id: number): CustomStatusRecord | undefined;
  field(id: number): TicketFieldRecord | undefined;
  findOrCreateRequester(name: string | undefined, email: string): UserRecord;
}

const isAgent = (u: UserRecord | undefined): u is UserRecord => !!u && u.active && (u.role === 'agent' || u.role === 'admin');

/** Zendesk tags are lower case, without spaces (a space separates two tags). */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags.flatMap((s) => s.toLowerCase().split(/[\s,]+/))) if (t && !out.includes(t)) out.push(t);
  return out;
}

/** Applies `w` to `draft` (mutated). `isCreate` enables the create-only defaults. */
export function applyTicketWrite(draft: TicketRecord, w: TicketWrite, ctx: RuleContext, isCreate: boolean): void {
  const errors: FieldErrors = {};
  const fail = (field: string, description: string, error = 'InvalidValue') => (errors[field] ??= []).push({ description, error });
  const before = { status: draft.status, customStatusId: draft.customStatusId };

  if (w.subject !== undefined) draft.subject = w.subject;
  if (w.external_id !== undefined) draft.externalId = w.external_id;
  if (w.priority !== undefined) {
    if (w.priority === null || w.priority === '') draft.priority = null;
    else if ((PRIORITIES as readonly string[]).includes(w.priority)) draft.priority = w.priority as TicketRecord['priority'];
    else fail('priority', `Priority: ${w.priority} is not valid`);
  }
  if (w.type !== undefined) {
    if (w.type === null || w.type === '') draft.type = null;
    else if ((TYPES as readonly string[]).includes(w.type)) draft.type = w.type as TicketRecord['type'];
    else fail('type', `Type: ${w.type} is not valid`);
  }

  if (w.requester_id !== undefined) {
    if (ctx.user(w.requester_id)) draft.requesterId = w.requester_id;
    else fail('requester', 'Requester: is invalid');
  } else if (w.requester) {
    draft.requesterId = ctx.findOrCreateRequester(w.requester.name, w.requester.email).id;
  }
  if (isCreate && w.submitter_id !== undefined) {
    if (ctx.user(w.submitter_id)) draft.submitterId = w.submitter_id;
    else fail('submitter', 'Submitter: is invalid');
  }
  if (w.organization_id !== undefined) draft.organizationId = w.organization_id;

  // Group and assignee: an assignee must be an agent of the ticket's group; a group change drops an assignee
  // outside it; an assignee without a group brings their default group.
  let group = draft.groupId;
  if (w.group_id !== undefined) {
    if (w.group_id === null || ctx.group(w.group_id)) group = w.group_id;
    else fail('group', 'Group: is invalid');
  }
  let assignee = draft.assigneeId;
  const assigneeGiven = w.assignee_id !== undefined || w.assignee_email !== undefined;
  if (w.assignee_id !== undefined) assignee = w.assignee_id;
  else if (w.assignee_email !== undefined) assignee = ctx.userByEmail(w.assignee_email)?.id ?? -1;
  if (assignee !== null && !isAgent(ctx.user(assignee))) {
    if (assigneeGiven) fail('assignee', 'Assignee: is not an agent');
    assignee = draft.assigneeId;
  } else if (assignee !== null) {
    const inGroup = group === null || (ctx.group(group)?.memberIds.includes(assignee) ?? false);
    if (!inGroup && assigneeGiven) fail('assignee', 'Assignee: is not a member of the group');
    else if (!inGroup) assignee = null;
    else if (group === null) group = ctx.user(assignee)?.defaultGroupId ?? null;
  }
  draft.groupId = group;
  draft.assigneeId = assignee;

  const tagsGiven = w.tags !== undefined || w.additional_tags !== undefined || w.remove_tags !== undefined;
  if (w.tags !== undefined) draft.tags = normaliseTags(w.tags);
  if (w.additional_tags !== undefined) draft.tags = normaliseTags([...draft.tags, ...w.additional_tags]);
  if (w.remove_tags !== undefined) {
    const gone = new Set(normaliseTags(w.remove_tags));
    draft.tags = draft.tags.filter((t) => !gone.has(t));
  }
  applyCustomFields(draft, [...(w.custom_fields ?? []), ...(w.fields ?? [])], tagsGiven, ctx, fail);
  applyStatus(draft, w, before, ctx, isCreate, fail);

  if (Object.keys(errors).length > 0) throw recordInvalid(errors);
}

/** Tagger fields and tags mirror each other: a field's value is one of its option tags on the ticket. */
function applyCustomFields(
  draft: TicketRecord,
  writes: { id: number; value: unknown }[],
  tagsGiven: boolean,
  ctx: RuleContext,
  fail: (field: string, description: string) => void,
): void {
  const written = new Set<number>();
  for (const { id, value } of writes) {
    const field = ctx.field(id);
    if (!field) continue; // Zendesk ignores values for fields it does not have
    written.add(id);
    const optionTags = field.options.map((o) => o.value);
    if (value === null || value === '') {
      draft.fields.set(id, null);
      draft.tags = draft.tags.filter((t) => !optionTags.includes(t));
    } else if (typeof value === 'string' && optionTags.includes(value)) {
      draft.fields.set(id, value);
      draft.tags = normaliseTags([...draft.tags.filter((t) => !optionTags.includes(t)), value]);
    } else {
      fail(`custom_fields.${id}`, `${field.title}: ${JSON.stringify(value)} is not a valid value`);
    }
  }
  if (!tagsGiven) return;
  // Tags written directly re-derive the tagger fields that were not written in the same request.
  for (const [id] of draft.fields) {
    const field = ctx.field(id);
    if (!field || written.has(id)) continue;
    draft.fields.set(id, field.options.map((o) => o.value).find((v) => draft.tags.includes(v)) ?? null);
  }
}

function applyStatus(
  draft: TicketRecord,
  w: TicketWrite,
  before: { status: TicketStatus; customStatusId: number },
  ctx: RuleContext,
  isCreate: boolean,
  fail: (field: string, description: string) => void,
): void {
  if (w.custom_status_id !== undefined) {
    const cs = ctx.customStatus(w.custom_status_id);
    if (!cs || !cs.active) return fail('custom_status_id', 'Custom status: is invalid');
    if (w.status !== undefined && w.status !== cs.category && !(w.status === 'closed' && cs.category === 'solved'))
      return fail('status', `Status: ${w.status} does not match the category of the custom status`);
    draft.status = w.status === 'closed' ? 'closed' : cs.category;
    draft.customStatusId = cs.id;
  } else if (w.status !== undefined) {
    if (!(STATUSES as readonly string[]).includes(w.status)) return fail('status', `Status: ${w.status} is not valid`);
    const status = w.status as TicketStatus;
    if (status !== before.status) {
      draft.status = status;
      if (status !== 'closed') draft.customStatusId = DEFAULT_STATUS_IDS[status];
    }
  } else if (isCreate) {
    draft.status = 'new';
    draft.customStatusId = DEFAULT_STATUS_IDS.new;
  }
  // An assigned ticket is no longer new.
  if (draft.status === 'new' && draft.assigneeId !== null) {
    draft.status = 'open';
    if (ctx.customStatus(draft.customStatusId)?.category !== 'open') draft.customStatusId = DEFAULT_STATUS_IDS.open;
  }
  // Solving or closing needs an assignee: Zendesk assigns the agent who solves.
  if ((draft.status === 'solved' || draft.status === 'closed') && draft.assigneeId === null) {
    const actor = ctx.user(ctx.actorId);
    if (!isAgent(actor)) return fail('assignee', 'Assignee: is required when solving');
    draft.assigneeId = actor.id;
    if (draft.groupId === null) draft.groupId = actor.defaultGroupId;
  }
}
