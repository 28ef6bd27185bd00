import { adfToText } from '../adf.ts';
import type { JsmStore, SimIssue } from '../store.ts';
import {
  findStatus, findUser, impactOptions, issueTypes, priorities, project, requestTypes, statusCategories, statuses, users,
} from '../universe.ts';

/**
 * The JQL fields the simulator knows, by clause name, and how each reads an issue. Values are canonical strings
 * (ids), so `=`, `!=`, `IN` and `IS EMPTY` work the same way on every field; dates and ranks are numbers.
 * https://support.atlassian.com/jira-service-management-cloud/docs/jql-fields/
 */

export interface JqlEnv {
  now: number;
  tz: string;
  currentUser: string;
  store: JsmStore;
}

export type Resolve = (raw: string, env: JqlEnv) => string | undefined;

export interface FieldDef {
  display: string;
  /** Canonical values of the field on an issue (empty = EMPTY). */
  values?: (i: SimIssue, env: JqlEnv) => string[];
  /** Raw operand → canonical value; undefined when the value does not exist. */
  resolve?: Resolve;
  /** Ordered fields (dates, key, priority): a number for <, >, ORDER BY. */
  num?: (i: SimIssue) => number | null;
  /** Text fields (`~`). */
  text?: (i: SimIssue, env: JqlEnv) => string;
  isDate?: boolean;
  /** Ordered, but compared with a resolved value (key, priority), not a date. */
  numOf?: (canonical: string, env: JqlEnv) => number | null;
  sort?: (i: SimIssue) => number | string | null;
}

const ci = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const priorityRank = (id: string) => priorities.length - priorities.findIndex((p) => p.id === id);

const resolveIssue: Resolve = (raw, env) => {
  const i = env.store.find(raw);
  return i ? i.key : undefined;
};

const userField = (get: (i: SimIssue) => string | null, display: string): FieldDef => ({
  display,
  values: (i) => (get(i) ? [get(i)!] : []),
  resolve: (raw) => users.find((u) => u.accountId === raw || ci(u.email, raw))?.accountId,
});

const dateField = (display: string, get: (i: SimIssue) => number | null): FieldDef => ({
  display,
  isDate: true,
  num: get,
  values: (i) => (get(i) === null ? [] : [String(get(i))]),
  sort: get,
});

const requestTypeField: FieldDef = {
  display: 'Request Type',
  values: (i) => (i.requestTypeId ? [i.requestTypeId] : []),
  resolve: (raw) => {
    const name = raw.replace(new RegExp(`\\s*\\(${project.name}\\)$`, 'i'), '');
    return requestTypes.find((r) => r.id === raw || r.portalKey === raw || ci(r.name, name))?.id;
  },
};

const impactField: FieldDef = {
  display: 'Impact',
  values: (i) => (i.impact ? [impactOptions.find((o) => o.value === i.impact)!.id] : []),
  resolve: (raw) => impactOptions.find((o) => o.id === raw || ci(o.value, raw))?.id,
};

const keyField: FieldDef = {
  display: 'key',
  values: (i) => [i.key],
  resolve: resolveIssue,
  num: (i) => i.num,
  numOf: (key, env) => env.store.find(key)?.num ?? null,
  sort: (i) => i.num,
};

const textOf = (i: SimIssue, env: JqlEnv, which: 'summary' | 'description' | 'comment' | 'text'): string => {
  const parts: string[] = [];
  if (which === 'summary' || which === 'text') parts.push(i.summary);
  if (which === 'description' || which === 'text') parts.push(adfToText(i.description));
  if (which === 'comment' || which === 'text') parts.push(...env.store.comments(i.id).map((c) => adfToText(c.body)));
  return parts.join('\n');
};

const fields: Record<string, FieldDef> = {
  project: {
    display: 'project',
    values: () => [project.id],
    resolve: (raw) => ([project.id, project.key.toLowerCase(), project.name.toLowerCase()].includes(raw.toLowerCase()) ? project.id : undefined),
  },
  key: keyField,
  issuekey: keyField,
  issue: keyField,
  id: keyField,
  summary: { display: 'summary', text: (i, e) => textOf(i, e, 'summary'), sort: (i) => i.summary.toLowerCase() },
  description: { display: 'description', text: (i, e) => textOf(i, e, 'description') },
  comment: { display: 'comment', text: (i, e) => textOf(i, e, 'comment') },
  text: { display: 'text', text: (i, e) => textOf(i, e, 'text') },
  labels: { display: 'labels', values: (i) => i.labels, resolve: (raw) => raw },
  status: {
    display: 'status',
    values: (i) => [findStatus(i.status)!.id],
    resolve: (raw) => findStatus(raw)?.id,
    sort: (i) => statuses.findIndex((s) => s.name === i.status),
  },
  statuscategory: {
    display: 'statusCategory',
    values: (i) => [findStatus(i.status)!.category],
    resolve: (raw) => Object.values(statusCategories).find((c) => ci(c.name, raw) || ci(c.key, raw) || String(c.id) === raw)?.key,
  },
  priority: {
    display: 'priority',
    values: (i) => [i.priorityId],
    resolve: (raw) => priorities.find((p) => p.id === raw || ci(p.name, raw))?.id,
    num: (i) => priorityRank(i.priorityId),
    numOf: (id) => priorityRank(id),
    sort: (i) => priorityRank(i.priorityId),
  },
  created: dateField('created', (i) => i.created),
  createddate: dateField('created', (i) => i.created),
  updated: dateField('updated', (i) => i.updated),
  updateddate: dateField('updated', (i) => i.updated),
  resolved: dateField('resolved', (i) => i.resolvedAt),
  resolutiondate: dateField('resolved', (i) => i.resolvedAt),
  statuscategorychangeddate: dateField('statusCategoryChangedDate', (i) => i.statusChangedAt),
  'request type': requestTypeField,
  'customer request type': requestTypeField,
  requesttype: requestTypeField,
  'cf[10010]': requestTypeField,
  issuetype: { display: 'issuetype', values: (i) => [i.issueTypeId], resolve: (raw) => issueTypes.find((t) => t.id === raw || ci(t.name, raw))?.id },
  type: { display: 'type', values: (i) => [i.issueTypeId], resolve: (raw) => issueTypes.find((t) => t.id === raw || ci(t.name, raw))?.id },
  assignee: userField((i) => i.assigneeId, 'assignee'),
  reporter: userField((i) => i.reporterId, 'reporter'),
  creator: userField((i) => i.creatorId, 'creator'),
  resolution: {
    display: 'resolution',
    values: (i) => (i.resolvedAt === null ? [] : ['10000']),
    resolve: (raw) => (ci(raw, 'done') || raw === '10000' ? '10000' : ci(raw, 'unresolved') ? '' : undefined),
  },
  impact: impactField,
  'cf[10050]': impactField,
};

export function findField(name: string): FieldDef | undefined {
  return fields[name.toLowerCase()];
}

export const userExists = (id: string) => !!findUser(id);
