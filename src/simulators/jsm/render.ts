import { adfToHtml } from './adf.ts';
import type { JsmStore, SimComment, SimIssue } from './store.ts';
import { jiraDate, serviceDeskDate } from './time.ts';
import {
  availableTransitions, findStatus, findUser, impactField, INTEGRATION_ACCOUNT_ID, impactOptions, issueTypes, priorities, project, requestTypeField,
  requestTypes, resolutionDone, serviceDesk, statusCategories, type RequestTypeDef, type SimUser, type StatusDef,
  type TransitionDef,
} from './universe.ts';

/**
 * Renders simulator state in the platform API's JSON shapes.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */

export interface RenderCtx {
  /** Site base URL as the caller reached it, e.g. `http://127.0.0.1:4321`. */
  base: string;
  /** Time zone of the calling user (dates are rendered in it). */
  tz: string;
  store: JsmStore;
}

const avatarUrls = (seed: string) => ({
  '48x48': `https://avatar-management.example.net/initials/${seed}-48.png`,
  '24x24': `https://avatar-management.example.net/initials/${seed}-24.png`,
  '16x16': `https://avatar-management.example.net/initials/${seed}-16.png`,
  '32x32': `https://avatar-management.example.net/initials/${seed}-32.png`,
});

export function renderUser(ctx: RenderCtx, u: SimUser | undefined): Record<string, unknown> | null {
  if (!u) return null;
  return {
    self: `${ctx.base}/rest/api/3/user?accountId=${encodeURIComponent(u.accountId)}`,
    accountId: u.accountId,
    ...(u.emailHidden ? {} : { emailAddress: u.email }),
    avatarUrls: avatarUrls(u.displayName.split(' ').map((w) => w[0]).join('')),
    displayName: u.displayName,
    active: true,
    // the API user's zone is the simulator's `timeZone` option (dates and JQL follow it)
    timeZone: u.accountId === INTEGRATION_ACCOUNT_ID ? ctx.tz : u.timeZone,
    accountType: u.accountType,
  };
}

export const userById = (ctx: RenderCtx, id: string | null) => (id ? renderUser(ctx, findUser(id)) : null);

export function renderStatus(ctx: RenderCtx, s: StatusDef): Record<string, unknown> {
  const c = statusCategories[s.category];
  return {
    self: `${ctx.base}/rest/api/3/status/${s.id}`,
    description: '',
    iconUrl: `${ctx.base}/images/icons/statuses/generic.png`,
    name: s.name,
    untranslatedName: s.name,
    id: s.id,
    statusCategory: { self: `${ctx.base}/rest/api/3/statuscategory/${c.id}`, id: c.id, key: c.key, colorName: c.colorName, name: c.name },
  };
}

export const renderPriority = (ctx: RenderCtx, p: { id: string; name: string }) => ({
  self: `${ctx.base}/rest/api/3/priority/${p.id}`,
  iconUrl: `${ctx.base}/images/icons/priorities/${p.name.toLowerCase()}.svg`,
  name: p.name,
  id: p.id,
});

export function renderIssueType(ctx: RenderCtx, id: string): Record<string, unknown> {
  const t = issueTypes.find((x) => x.id === id) ?? issueTypes[0]!;
  return {
    self: `${ctx.base}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${ctx.base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.id}?size=medium`,
    name: t.name,
    subtask: false,
    avatarId: Number(t.id),
    hierarchyLevel: 0,
  };
}

export const renderProject = (ctx: RenderCtx) => ({
  self: `${ctx.base}/rest/api/3/project/${project.id}`,
  id: project.id,
  key: project.key,
  name: project.name,
  projectTypeKey: project.projectTypeKey,
  simplified: false,
  avatarUrls: avatarUrls('HELP'),
});

export function renderRequestType(ctx: RenderCtx, rt: RequestTypeDef): Record<string, unknown> {
  return {
    _expands: ['field'],
    id: rt.id,
    _links: { self: `${ctx.base}/rest/servicedeskapi/servicedesk/${serviceDesk.id}/requesttype/${rt.id}` },
    name: rt.name,
    description: rt.description,
    helpText: '',
    issueTypeId: rt.issueTypeId,
    serviceDeskId: serviceDesk.id,
    portalId: serviceDesk.id,
    groupIds: ['1'],
    icon: { id: `1060${rt.id.slice(-1)}`, _links: { iconUrls: avatarUrls(`rt${rt.id}`) } },
  };
}

/** JSM's view of the current status: category in upper case (`NEW`, `INDETERMINATE`, `DONE`). */
export function currentStatus(ctx: RenderCtx, issue: SimIssue): Record<string, unknown> {
  const s = findStatus(issue.status)!;
  return { status: s.name, statusCategory: s.category.toUpperCase(), statusDate: serviceDeskDate(issue.statusChangedAt, ctx.tz) };
}

export function renderComment(ctx: RenderCtx, c: SimComment, withProperties = false): Record<string, unknown> {
  return {
    self: `${ctx.base}/rest/api/3/issue/${c.issueId}/comment/${c.id}`,
    id: c.id,
    author: userById(ctx, c.authorId),
    body: c.body,
    updateAuthor: userById(ctx, c.updateAuthorId),
    created: jiraDate(c.created, ctx.tz),
    updated: jiraDate(c.updated, ctx.tz),
    jsdPublic: c.public,
    ...(c.visibility ? { visibility: { type: c.visibility.type, value: c.visibility.value, identifier: c.visibility.value } } : {}),
    ...(withProperties ? { properties: c.public ? [] : [{ key: 'sd.public.comment', value: { internal: true } }] } : {}),
  };
}

/** Every field of an issue, keyed by field id (`*all`). */
function allFields(ctx: RenderCtx, i: SimIssue): Record<string, unknown> {
  const status = findStatus(i.status)!;
  const rt = requestTypes.find((r) => r.id === i.requestTypeId);
  const comments = ctx.store.comments(i.id);
  const impact = impactOptions.find((o) => o.value === i.impact);
  return {
    summary: i.summary,
    description: i.description,
    status: renderStatus(ctx, status),
    statuscategorychangedate: jiraDate(i.statusChangedAt, ctx.tz),
    priority: renderPriority(ctx, priorities.find((p) => p.id === i.priorityId)!),
    labels: i.labels,
    reporter: userById(ctx, i.reporterId),
    assignee: userById(ctx, i.assigneeId),
    creator: userById(ctx, i.creatorId),
    created: jiraDate(i.created, ctx.tz),
    updated: jiraDate(i.updated, ctx.tz),
    resolution: i.resolvedAt === null ? null : { self: `${ctx.base}/rest/api/3/resolution/${resolutionDone.id}`, ...resolutionDone },
    resolutiondate: i.resolvedAt === null ? null : jiraDate(i.resolvedAt, ctx.tz),
    issuetype: renderIssueType(ctx, i.issueTypeId),
    project: renderProject(ctx),
    [requestTypeField.id]: rt
      ? {
          _links: {
            jiraRest: `${ctx.base}/rest/api/2/issue/${i.id}`,
            web: `${ctx.base}/servicedesk/customer/portal/${serviceDesk.id}/${i.key}`,
            agent: `${ctx.base}/browse/${i.key}`,
            self: `${ctx.base}/rest/servicedeskapi/request/${i.id}`,
          },
          requestType: renderRequestType(ctx, rt),
          currentStatus: currentStatus(ctx, i),
        }
      : null,
    [impactField.id]: impact ? { self: `${ctx.base}/rest/api/3/customFieldOption/${impact.id}`, value: impact.value, id: impact.id } : null,
    comment: {
      comments: comments.map((c) => renderComment(ctx, c)),
      self: `${ctx.base}/rest/api/3/issue/${i.id}/comment`,
      maxResults: comments.length,
      total: comments.length,
      startAt: 0,
    },
  };
}

/** `fields` selection as Jira reads it: `*all`, `*navigable`, ids, `-id` exclusions; repeated or comma-separated. */
export function selectFields(requested: string[] | undefined, dflt: '*all' | 'id'): (id: string) => boolean {
  const list = (requested ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  const items = list.length ? list : [dflt];
  const include = items.filter((f) => !f.startsWith('-'));
  const exclude = new Set(items.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  const all = include.includes('*all') || include.includes('*navigable') || include.length === 0;
  return (id) => !exclude.has(id) && (all || include.includes(id));
}

export interface IssueRenderOpts {
  fields?: string[];
  defaultFields: '*all' | 'id';
  expand?: string[];
  properties?: string[];
}

export function renderIssue(ctx: RenderCtx, i: SimIssue, o: IssueRenderOpts): Record<string, unknown> {
  const pick = selectFields(o.fields, o.defaultFields);
  const expand = new Set((o.expand ?? []).flatMap((e) => e.split(',')).map((e) => e.trim()));
  const idOnly = !(o.fields ?? []).some((f) => f.split(',').some((x) => x.trim() && x.trim() !== 'id')) && o.defaultFields === 'id';
  if (idOnly && expand.size === 0 && !o.properties?.length) return { id: i.id };
  const fields = Object.fromEntries(Object.entries(allFields(ctx, i)).filter(([k]) => pick(k)));
  const out: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: i.id,
    self: `${ctx.base}/rest/api/3/issue/${i.id}`,
    key: i.key,
    fields,
  };
  const propKeys = (o.properties ?? []).flatMap((p) => p.split(',')).filter(Boolean);
  if (propKeys.length) out.properties = Object.fromEntries(propKeys.filter((k) => k in i.properties).map((k) => [k, i.properties[k]]));
  if (expand.has('renderedFields')) out.renderedFields = { description: i.description ? adfToHtml(i.description) : null };
  if (expand.has('names')) out.names = fieldNames(Object.keys(fields));
  if (expand.has('transitions'))
    out.transitions = availableTransitions(ctx.store.workflowOf(i), i.status).map((t) => renderTransition(ctx, t));
  if (expand.has('changelog')) {
    const groups = ctx.store.changelog(i.id).slice().reverse();
    out.changelog = { startAt: 0, maxResults: groups.length, total: groups.length, histories: groups.map((g) => renderChangeGroup(ctx, g)) };
  }
  return out;
}

export function renderChangeGroup(ctx: RenderCtx, g: ReturnType<JsmStore['changelog']>[number]): Record<string, unknown> {
  return { id: g.id, author: userById(ctx, g.authorId), created: jiraDate(g.created, ctx.tz), items: g.items };
}

export function renderTransition(ctx: RenderCtx, t: TransitionDef): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    to: renderStatus(ctx, findStatus(t.to)!),
    hasScreen: false,
    isGlobal: false,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
}

export const fieldNameMap: Record<string, string> = {
  summary: 'Summary', description: 'Description', status: 'Status', statuscategorychangedate: 'Status Category Changed',
  priority: 'Priority', labels: 'Labels', reporter: 'Reporter', assignee: 'Assignee', creator: 'Creator', created: 'Created',
  updated: 'Updated', resolution: 'Resolution', resolutiondate: 'Resolved', issuetype: 'Issue Type', project: 'Project',
  [requestTypeField.id]: requestTypeField.name, [impactField.id]: impactField.name, comment: 'Comment',
};

export const fieldNames = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, fieldNameMap[id] ?? id]));
