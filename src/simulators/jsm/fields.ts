import { z } from 'zod';
import { parseAdf } from './adf.ts';
import { cannotSet, platformError } from './errors.ts';
import type { CreateIssueInput, Impact, IssueChanges } from './store.ts';
import {
  findIssueType, findPriority, findRequestType, findUser, impactField, impactOptions, project, requestTypeField,
} from './universe.ts';

/**
 * Parses the platform API's field payloads (`fields` and `update` of create/edit issue) into validated changes,
 * collecting Jira's per-field error messages.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
 */

const Ref = z.looseObject({ id: z.string().optional(), name: z.string().optional(), key: z.string().optional() });
const UserRef = z.looseObject({ accountId: z.string().nullable().optional() });
const Option = z.looseObject({ value: z.string().optional(), id: z.string().optional() });

export const IssueWriteBody = z.looseObject({
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
  properties: z.array(z.looseObject({ key: z.string(), value: z.unknown() })).optional(),
});
export type IssueWriteBody = z.infer<typeof IssueWriteBody>;

type Errors = Record<string, string>;

interface Parsed {
  changes: IssueChanges;
  projectGiven: boolean;
  issueTypeId?: string;
  /** `update.comment[].add.body` entries. */
  comments: unknown[];
}

/** Values a field may take, shared by `fields.x = v` and `update.x = [{set: v}]`. */
function setField(out: Parsed, errors: Errors, id: string, v: unknown, mode: 'create' | 'edit'): void {
  switch (id) {
    case 'summary': {
      if (typeof v !== 'string' || v.trim() === '') errors.summary = 'You must specify a summary of the issue.';
      else if (v.length > 255) errors.summary = 'Summary must be less than 255 characters.';
      else out.changes.summary = v;
      return;
    }
    case 'description': {
      if (v === null) out.changes.description = null;
      else {
        const d = parseAdf(v);
        if (!d) errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
        else out.changes.description = d;
      }
      return;
    }
    case 'priority': {
      const r = Ref.safeParse(v);
      const p = r.success ? findPriority(r.data) : undefined;
      if (!r.success) errors.priority = 'Specify the Priority (id or name) in the string format';
      else if (!p) errors.priority = 'The priority selected is invalid.';
      else out.changes.priorityId = p.id;
      return;
    }
    case 'labels': {
      const r = z.array(z.string()).safeParse(v ?? []);
      if (!r.success) errors.labels = 'data was not an array';
      else {
        const bad = r.data.find((l) => /\s/.test(l));
        if (bad !== undefined) errors.labels = `The label '${bad}' contains spaces which is invalid.`;
        else out.changes.labels = r.data;
      }
      return;
    }
    case 'assignee':
    case 'reporter': {
      const r = v === null ? { success: true as const, data: { accountId: null } } : UserRef.safeParse(v);
      const accountId = r.success ? (r.data.accountId ?? null) : undefined;
      if (accountId === undefined || (accountId !== null && !findUser(accountId)))
        errors[id] = 'Specified user does not exist or you do not have required permissions';
      else if (id === 'assignee') out.changes.assigneeId = accountId;
      else if (accountId === null) errors.reporter = 'Reporter is required.';
      else out.changes.reporterId = accountId;
      return;
    }
    case impactField.id: {
      if (v === null) return void (out.changes.impact = null);
      const r = Option.safeParse(v);
      const opt = r.success ? impactOptions.find((o) => o.value === r.data.value || o.id === r.data.id) : undefined;
      if (!opt) errors[id] = r.success && r.data.id && !r.data.value ? `Option id '${r.data.id}' is not valid` : `Option value '${r.success ? r.data.value : ''}' is not valid`;
      else out.changes.impact = opt.value as Impact;
      return;
    }
    case requestTypeField.id: {
      if (v === null) return void (out.changes.requestTypeId = null);
      const rt = typeof v === 'string' ? findRequestType(v) : undefined;
      if (!rt || (typeof v === 'string' && rt.name === v && rt.id !== v)) errors[id] = 'The request type you have specified is invalid.';
      else out.changes.requestTypeId = rt.id;
      return;
    }
    case 'project': {
      if (mode === 'edit') return void (errors.project = cannotSet('project'));
      const r = Ref.safeParse(v);
      if (!r.success || !(r.data.id === project.id || r.data.key === project.key)) errors.project = 'Specify a valid project ID or key';
      else out.projectGiven = true;
      return;
    }
    case 'issuetype': {
      if (mode === 'edit') return void (errors.issuetype = cannotSet('issuetype'));
      const r = Ref.safeParse(v);
      const t = r.success ? findIssueType(r.data) : undefined;
      if (!t) errors.issuetype = 'The issue type selected is invalid.';
      else out.issueTypeId = t.id;
      return;
    }
    default:
      errors[id] = cannotSet(id);
  }
}

function applyUpdate(out: Parsed, errors: Errors, id: string, ops: Record<string, unknown>[], mode: 'create' | 'edit', current: string[]): void {
  if (id === 'comment') {
    for (const op of ops) {
      const add = z.looseObject({ body: z.unknown() }).safeParse(op.add);
      if (!add.success) errors.comment = 'Comment body can not be empty!';
      else out.comments.push(add.data.body);
    }
    return;
  }
  if (id === 'labels') {
    let labels = out.changes.labels ?? [...current];
    for (const op of ops) {
      if ('set' in op) {
        setField(out, errors, 'labels', op.set, mode);
        labels = out.changes.labels ?? labels;
      } else if (typeof op.add === 'string') {
        if (/\s/.test(op.add)) errors.labels = `The label '${op.add}' contains spaces which is invalid.`;
        else if (!labels.includes(op.add)) labels = [...labels, op.add];
      } else if (typeof op.remove === 'string') labels = labels.filter((l) => l !== op.remove);
      else errors.labels = 'Could not find valid \'id\' or \'name\' in label object.';
    }
    out.changes.labels = labels;
    return;
  }
  for (const op of ops) {
    if ('set' in op) setField(out, errors, id, op.set, mode);
    else errors[id] = `Field '${id}' does not support operation '${Object.keys(op)[0] ?? ''}'`;
  }
}

/** Parses a create/edit body; throws Jira's 400 with every field error when anything is wrong. */
export function parseIssueWrite(body: IssueWriteBody, mode: 'create' | 'edit', currentLabels: string[] = []): Parsed {
  const out: Parsed = { changes: {}, projectGiven: false, comments: [] };
  const errors: Errors = {};
  for (const [id, v] of Object.entries(body.fields ?? {})) setField(out, errors, id, v, mode);
  for (const [id, ops] of Object.entries(body.update ?? {})) {
    if (body.fields && id in body.fields) errors[id] = `Field '${id}' cannot be set in both fields and update.`;
    else applyUpdate(out, errors, id, ops, mode, currentLabels);
  }
  if (mode === 'create') {
    if (!out.projectGiven && !errors.project) errors.project = 'Specify a valid project ID or key';
    if (!out.issueTypeId && !errors.issuetype) errors.issuetype = 'Specify an issue type';
    if (out.changes.summary === undefined && !errors.summary) errors.summary = 'You must specify a summary of the issue.';
  }
  if (Object.keys(errors).length) throw platformError(400, [], errors);
  return out;
}

export function toCreateInput(p: Parsed, properties: { key: string; value: unknown }[] = []): CreateIssueInput {
  return {
    ...p.changes,
    issueTypeId: p.issueTypeId!,
    summary: p.changes.summary!,
    properties: Object.fromEntries(properties.map((x) => [x.key, x.value])),
  };
}
