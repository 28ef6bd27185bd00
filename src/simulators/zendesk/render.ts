import type { AuditRecord, CommentRecord, TicketRecord } from './records.ts';
import type { CustomStatusRecord, GroupRecord, TicketFieldRecord, UserRecord } from './universe.ts';

/**
 * JSON renderings of the stored rows, with the fields and shapes of the real API's JSON formats.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#json-format
 */

export type Json = Record<string, unknown>;

/** Zendesk timestamps are ISO 8601 UTC at second precision. */
export const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);

export function renderTicket(t: TicketRecord, base: string, opts: { forExport?: boolean } = {}): Json {
  const customFields = [...t.fields].map(([id, value]) => ({ id, value }));
  const json: Json = {
    url: `${base}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: t.externalId,
    via: t.via,
    created_at: isoSeconds(t.createdMs),
    updated_at: isoSeconds(t.updatedMs),
    generated_timestamp: unixSeconds(t.updatedMs),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: opts.forExport && t.deletedMs !== null ? 'deleted' : t.status,
    custom_status_id: t.customStatusId,
    recipient: null,
    requester_id: t.requesterId,
    submitter_id: t.submitterId,
    assignee_id: t.assigneeId,
    organization_id: t.organizationId,
    group_id: t.groupId,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: t.isPublic,
    due_at: null,
    tags: [...t.tags],
    custom_fields: customFields,
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    fields: customFields,
    followup_ids: [...t.followupIds],
    ticket_form_id: null,
    brand_id: null,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
  return json;
}

export function renderComment(c: CommentRecord): Json {
  return {
    id: c.id,
    type: 'Comment',
    author_id: c.authorId,
    body: c.body,
    html_body: c.htmlBody,
    plain_body: c.plainBody,
    public: c.public,
    attachments: [],
    audit_id: c.auditId,
    via: c.via,
    created_at: isoSeconds(c.createdMs),
    metadata: { system: {}, custom: {} },
  };
}

/** The audit of one write; its Comment event carries the new comment's id (the same id the comments list shows). */
export function renderAudit(a: AuditRecord): Json {
  const events: Json[] = [];
  if (a.comment) {
    const c = a.comment;
    events.push({ id: c.id, type: 'Comment', author_id: c.authorId, body: c.body, html_body: c.htmlBody, plain_body: c.plainBody, public: c.public, attachments: [], audit_id: a.id });
  }
  for (const e of a.events) events.push({ ...e });
  return {
    id: a.id,
    ticket_id: a.ticketId,
    created_at: isoSeconds(a.createdMs),
    author_id: a.authorId,
    metadata: { system: {}, custom: {} },
    via: a.via,
    events,
  };
}

export function renderUser(u: UserRecord, base: string): Json {
  const created = isoSeconds(u.createdMs);
  return {
    id: u.id,
    url: `${base}/api/v2/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    created_at: created,
    updated_at: created,
    time_zone: 'London',
    iana_time_zone: 'Europe/London',
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1176,
    locale: 'en-gb',
    organization_id: null,
    role: u.role,
    verified: true,
    external_id: null,
    tags: [],
    alias: '',
    active: u.active,
    shared: false,
    shared_agent: false,
    last_login_at: null,
    two_factor_auth_enabled: null,
    signature: null,
    details: '',
    notes: '',
    role_type: null,
    custom_role_id: null,
    moderator: u.role !== 'end-user',
    ticket_restriction: u.role === 'end-user' ? 'requested' : null,
    only_private_comments: false,
    restricted_agent: false,
    suspended: false,
    default_group_id: u.defaultGroupId,
    report_csv: false,
    user_fields: {},
  };
}

/** Groups, statuses and fields were created with the account; they carry its creation time. */
export function renderGroup(g: GroupRecord, base: string, createdMs: number): Json {
  const at = isoSeconds(createdMs);
  return { url: `${base}/api/v2/groups/${g.id}.json`, id: g.id, is_public: true, name: g.name, description: g.description, default: g.isDefault, deleted: false, created_at: at, updated_at: at };
}

export function renderCustomStatus(s: CustomStatusRecord, base: string, createdMs: number): Json {
  const at = isoSeconds(createdMs);
  return {
    url: `${base}/api/v2/custom_statuses/${s.id}.json`,
    id: s.id,
    status_category: s.category,
    agent_label: s.agentLabel,
    raw_agent_label: s.agentLabel,
    end_user_label: s.endUserLabel,
    raw_end_user_label: s.endUserLabel,
    description: s.description,
    raw_description: s.description,
    end_user_description: '',
    raw_end_user_description: '',
    active: s.active,
    default: s.isDefault,
    created_at: at,
    updated_at: at,
  };
}

/** System fields come first, as in the API, then the custom ones. */
const SYSTEM_FIELDS = [
  ['subject', 'Subject'],
  ['description', 'Description'],
  ['status', 'Status'],
  ['custom_status', 'Ticket status'],
  ['tickettype', 'Type'],
  ['priority', 'Priority'],
  ['group', 'Group'],
  ['assignee', 'Assignee'],
] as const;

export function renderTicketFields(custom: TicketFieldRecord[], base: string, createdMs: number): Json[] {
  const at = isoSeconds(createdMs);
  const common = (id: number, type: string, title: string, description: string, position: number): Json => ({
    url: `${base}/api/v2/ticket_fields/${id}.json`,
    id,
    type,
    title,
    raw_title: title,
    description,
    raw_description: description,
    position,
    active: true,
    required: false,
    collapsed_for_agents: false,
    regexp_for_validation: null,
    title_in_portal: title,
    raw_title_in_portal: title,
    visible_in_portal: true,
    editable_in_portal: type === 'subject' || type === 'description',
    required_in_portal: false,
    tag: null,
    created_at: at,
    updated_at: at,
    removable: type === 'tagger',
    key: null,
    agent_description: null,
  });
  const system = SYSTEM_FIELDS.map(([type, title], i) => common(360_000_001 + i, type, title, '', i + 1));
  const customs = custom.map((f, i) => ({
    ...common(f.id, f.type, f.title, f.description, 100 + i),
    custom_field_options: f.options.map((o) => ({ id: o.id, name: o.name, raw_name: o.name, value: o.value, default: false })),
  }));
  return [...system, ...customs];
}

/**
 * Side-loaded users (`include=users`) for the given ids, when the request asked for them.
 * https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/side_loading/
 */
export function sideloadedUsers(query: URLSearchParams, users: ReadonlyMap<number, UserRecord>, ids: Iterable<number | null>, base: string): { users?: Json[] } {
  const include = new Set((query.get('include') ?? '').split(',').map((x) => x.trim()));
  if (!include.has('users')) return {};
  const wanted = new Set([...ids].filter((x): x is number => x !== null));
  return { users: [...wanted].flatMap((id) => (users.has(id) ? [renderUser(users.get(id)!, base)] : [])) };
}
