import {
  parseLinkStamp,
  plainDoc,
  type Comment,
  type CommentDraft,
  type PersonRef,
  type RichText,
  type Ticket,
  type TicketDraft,
  type TicketPatch,
} from '../../model/index.ts';
import { adfToRichText, richTextToAdf, type AdfDoc } from '../../text/index.ts';
import { REQUEST_TYPE_FIELD, type JiraComment, type JiraField, type JiraIssue, type JiraUser } from './schemas.ts';

/** Pure raw ⇄ model mapping for JSM. No I/O here. */

export interface IssueMapContext {
  /** Site URL for browse links (`https://dwp.atlassian.net`). */
  siteUrl: string;
  /** Prefer this connection's stamp when an issue carries several. */
  connectionId?: string;
  /** Only these custom fields (null when empty); absent: every non-empty `customfield_*` except the request type. */
  customFieldIds?: readonly string[];
}

/** The issue property that mirrors the label stamp (not JQL-searchable without an app, so the label is the finder). */
export const LINK_PROPERTY_KEY = 'deskbridge.link';

export function personFromJira(u: JiraUser | null | undefined): PersonRef | null {
  if (!u) return null;
  const p: PersonRef = { id: u.accountId };
  if (u.displayName !== undefined) p.name = u.displayName;
  if (u.emailAddress !== undefined) p.email = u.emailAddress;
  return p;
}

/** Labels that are deskbridge link stamps (ours or another connection's). */
export function stampLabels(labels: readonly string[]): string[] {
  return labels.filter((l) => parseLinkStamp(l) !== null);
}

/** The stamp naming the Zendesk counterpart: this connection's first, else any stamp. */
export function pickLinkStamp(labels: readonly string[], connectionId?: string): string | null {
  const stamps = stampLabels(labels);
  const own = connectionId ? stamps.find((s) => parseLinkStamp(s)?.connection === connectionId) : undefined;
  return own ?? stamps[0] ?? null;
}

/** Labels as tags: stamps are identity, not content, so they never travel as tags. */
export function tagsFromLabels(labels: readonly string[]): string[] {
  return labels.filter((l) => parseLinkStamp(l) === null);
}

/** Body of a description or comment: ADF in v3, a plain string in v2-shaped payloads. */
export function bodyToRichText(body: unknown): RichText {
  if (body === null || body === undefined) return { type: 'doc', blocks: [] };
  if (typeof body === 'string') return plainDoc(body);
  return adfToRichText(body);
}

/**
 * A custom field value as the model carries it: an option → its value, a user → its accountId,
 * arrays element-wise; anything else (numbers, strings, ADF, dates) as it is.
 */
export function customValueFromJira(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(customValueFromJira);
  if (typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (typeof o.value === 'string') return o.value;
  if (typeof o.accountId === 'string') return o.accountId;
  return v;
}

function customFieldsOf(fields: Record<string, unknown>, only?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (only) {
    for (const id of only) out[id] = customValueFromJira(fields[id]);
    return out;
  }
  for (const [k, v] of Object.entries(fields)) {
    if (!/^customfield_\d+$/.test(k) || k === REQUEST_TYPE_FIELD || v === null || v === undefined) continue;
    out[k] = customValueFromJira(v);
  }
  return out;
}

/** A JSM issue as a model ticket, without comments (getTicket adds them). */
export function issueToTicket(issue: JiraIssue, ctx: IssueMapContext): Ticket {
  const f = issue.fields;
  const labels = f.labels ?? [];
  const rt = f[REQUEST_TYPE_FIELD]?.requestType;
  const created = f.created ?? new Date(0).toISOString();
  return {
    ref: { system: 'jsm', id: issue.id, key: issue.key, url: `${ctx.siteUrl.replace(/\/+$/, '')}/browse/${issue.key}` },
    subject: f.summary ?? '',
    description: bodyToRichText(f.description),
    status: f.status?.name ?? '',
    priority: f.priority?.name ?? null,
    group: rt ? (rt.name !== undefined ? { id: rt.id, name: rt.name } : { id: rt.id }) : null,
    requester: personFromJira(f.reporter),
    assignee: personFromJira(f.assignee),
    tags: tagsFromLabels(labels),
    customFields: customFieldsOf(f as Record<string, unknown>, ctx.customFieldIds),
    // Jira's REST issue carries no request channel (only JQL `request-channel-type` knows it).
    channel: null,
    createdAt: created,
    updatedAt: f.updated ?? created,
    linkStamp: pickLinkStamp(labels, ctx.connectionId),
    closed: false,
    deleted: false,
  };
}

/**
 * Whether the customer sees a comment. `jsdPublic` is the answer in JSM projects; the
 * `sd.public.comment` property is the same fact as written; a role/group restriction is never
 * customer-visible. When nothing says, treat it as internal: visibility is never widened.
 */
export function isPublicComment(c: JiraComment): boolean {
  if (typeof c.jsdPublic === 'boolean') return c.jsdPublic;
  const prop = c.properties?.find((p) => p.key === SD_PUBLIC_COMMENT);
  if (prop && prop.value && typeof prop.value === 'object' && 'internal' in prop.value)
    return (prop.value as { internal: unknown }).internal === false;
  return false;
}

export const SD_PUBLIC_COMMENT = 'sd.public.comment';

export function commentFromJira(c: JiraComment): Comment {
  return {
    id: c.id,
    body: bodyToRichText(c.body),
    public: isPublicComment(c),
    author: personFromJira(c.author),
    createdAt: c.created,
    attachments: [],
  };
}

// ---- model → request bodies -------------------------------------------------------------

/**
 * A model custom field value in the shape Jira's edit/create wants, by the field's schema
 * (GET /rest/api/3/field): option → `{value}`, user → `{accountId}`, arrays element-wise.
 */
export function customValueToJira(meta: JiraField | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const type = meta?.schema?.type;
  const wrap = (kind: string | undefined, v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    if (kind === 'option') return { value: v };
    if (kind === 'user') return { accountId: v };
    return v;
  };
  if (type === 'array' && Array.isArray(value)) return value.map((v) => wrap(meta?.schema?.items, v));
  return wrap(type, value);
}

function putCustomFields(
  out: Record<string, unknown>,
  values: Record<string, unknown> | undefined,
  fieldMeta: ReadonlyMap<string, JiraField>,
): void {
  for (const [id, v] of Object.entries(values ?? {})) out[id] = customValueToJira(fieldMeta.get(id), v);
}

/** User fields take `{accountId}` (emails are not identifiers in Jira Cloud). */
const accountRef = (p: PersonRef | null | undefined): { accountId: string } | null | undefined =>
  p === null ? null : p?.id ? { accountId: p.id } : undefined;

export interface CreateBodyContext {
  projectKey: string;
  issueTypeId: string;
  requestTypeId: string;
  linkStamp: string;
  fieldMeta: ReadonlyMap<string, JiraField>;
}

/**
 * One POST /rest/api/3/issue body that makes a complete, stamped JSM request: the request type
 * (customfield_10010 takes the request type id), the stamp label and the link property travel in
 * the same call, so there is never an unstamped request to duplicate after a lost response.
 */
export function createIssueBody(draft: TicketDraft, ctx: CreateBodyContext): { fields: Record<string, unknown>; properties: { key: string; value: unknown }[] } {
  const fields: Record<string, unknown> = {
    project: { key: ctx.projectKey },
    issuetype: { id: ctx.issueTypeId },
    summary: draft.subject,
    description: richTextToAdf(draft.description),
    labels: unique([...tagsFromLabels(draft.tags ?? []), ctx.linkStamp]),
    [REQUEST_TYPE_FIELD]: ctx.requestTypeId,
  };
  if (draft.priority) fields.priority = { name: draft.priority };
  const reporter = accountRef(draft.requester);
  if (reporter) fields.reporter = reporter;
  const assignee = accountRef(draft.assignee);
  if (assignee) fields.assignee = assignee;
  putCustomFields(fields, draft.customFields, ctx.fieldMeta);
  return { fields, properties: [{ key: LINK_PROPERTY_KEY, value: linkPropertyValue(ctx.linkStamp) }] };
}

export interface EditFieldsContext {
  /** Request type id when `patch.group` is set (resolved by the caller). */
  requestTypeId?: string;
  /** Stamp labels currently on the issue: kept whatever the new tags are. */
  keepLabels: readonly string[];
  fieldMeta: ReadonlyMap<string, JiraField>;
}

/** `fields` of one PUT /rest/api/3/issue/{id} for a patch (status excluded: that is a transition). */
export function editIssueFields(patch: TicketPatch, ctx: EditFieldsContext): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (patch.subject !== undefined) fields.summary = patch.subject;
  if (patch.description !== undefined) fields.description = richTextToAdf(patch.description);
  if (patch.priority !== undefined) fields.priority = patch.priority === null ? null : { name: patch.priority };
  if (patch.tags !== undefined) fields.labels = unique([...tagsFromLabels(patch.tags), ...ctx.keepLabels]);
  if (patch.group && ctx.requestTypeId) fields[REQUEST_TYPE_FIELD] = ctx.requestTypeId;
  const assignee = accountRef(patch.assignee);
  if (assignee !== undefined) fields.assignee = assignee;
  const reporter = accountRef(patch.requester);
  if (reporter) fields.reporter = reporter;
  putCustomFields(fields, patch.customFields, ctx.fieldMeta);
  return fields;
}

/** POST /rest/api/3/issue/{id}/comment body: ADF keeps the rich text, the property sets visibility. */
export function commentBody(draft: CommentDraft): { body: AdfDoc; properties: { key: string; value: { internal: boolean } }[] } {
  return {
    body: richTextToAdf(draft.body),
    // Said explicitly both ways: a platform comment without it defaults to public (jsdPublic true).
    properties: [{ key: SD_PUBLIC_COMMENT, value: { internal: !draft.public } }],
  };
}

export function linkPropertyValue(stamp: string): Record<string, string> {
  const parsed = parseLinkStamp(stamp);
  return parsed ? { stamp, connection: parsed.connection, system: parsed.system, id: parsed.id } : { stamp };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
