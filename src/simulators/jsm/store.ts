import type { SimClock } from '../clock.ts';
import type { AdfDoc } from './adf.ts';
import type { ChangeGroup, ChangeItem, CreateIssueInput, IssueChanges, SimComment, SimIssue, StoreEvent } from './model.ts';
import { issueNotFound, platformError } from './errors.ts';
import {
  availableTransitions, defaultPriorityId, findRequestType, impactField, issueTypes, project, statuses, workflows,
  type WorkflowName,
} from './universe.ts';

/**
 * In-memory state of the simulated site, and the only code that changes it. Every write to fields, status or
 * comments bumps `updated` (on the sim clock); issue properties do not, as in Jira.
 */

export type { ChangeGroup, ChangeItem, CreateIssueInput, Impact, IssueChanges, SimComment, SimIssue, StoreEvent } from './model.ts';

export class JsmStore {
  private readonly issuesById = new Map<string, SimIssue>();
  private readonly commentsByIssue = new Map<string, SimComment[]>();
  private readonly changelogs = new Map<string, ChangeGroup[]>();
  /** Search index snapshots, kept only when search lag is simulated. */
  private readonly index = new Map<string, { at: number; issue: SimIssue | null }[]>();
  private nextNum = 1;
  private nextCommentId = 10000;
  private nextChangeId = 10000;
  private readonly clock: SimClock;
  readonly searchLagMs: number;
  readonly listeners: ((e: StoreEvent) => void)[] = [];

  constructor(clock: SimClock, searchLagMs = 0) {
    this.clock = clock;
    this.searchLagMs = searchLagMs;
  }

  now(): number {
    return this.clock.now();
  }

  all(): SimIssue[] {
    return [...this.issuesById.values()];
  }

  find(idOrKey: string): SimIssue | undefined {
    const byId = this.issuesById.get(idOrKey);
    if (byId) return byId;
    const upper = idOrKey.toUpperCase();
    for (const i of this.issuesById.values()) if (i.key === upper) return i;
    return undefined;
  }

  get(idOrKey: string): SimIssue {
    const i = this.find(idOrKey);
    if (!i) throw issueNotFound();
    return i;
  }

  workflowOf(issue: SimIssue): WorkflowName {
    return issueTypes.find((t) => t.id === issue.issueTypeId)?.workflow ?? 'service-request';
  }

  comments(issueId: string): SimComment[] {
    return this.commentsByIssue.get(issueId) ?? [];
  }

  changelog(issueId: string): ChangeGroup[] {
    return this.changelogs.get(issueId) ?? [];
  }

  /** Issues as the search index sees them: with a lag, recent writes are not visible yet. */
  searchable(): SimIssue[] {
    if (this.searchLagMs <= 0) return this.all();
    const horizon = this.now() - this.searchLagMs;
    const out: SimIssue[] = [];
    for (const versions of this.index.values()) {
      let seen: SimIssue | null = null;
      for (const v of versions) if (v.at <= horizon) seen = v.issue;
      if (seen) out.push(seen);
    }
    return out;
  }

  /** Seeding: the issue as it is now has always been in the search index (no lag for history). */
  markIndexed(issue: SimIssue): void {
    if (this.searchLagMs > 0) this.index.set(issue.id, [{ at: Number.NEGATIVE_INFINITY, issue: structuredClone(issue) }]);
  }

  createIssue(input: CreateIssueInput, actorId: string): SimIssue {
    const requestType = input.requestTypeId ? findRequestType(input.requestTypeId) : undefined;
    const missing: Record<string, string> = {};
    for (const f of requestType?.requiredFields ?? [])
      if (f === impactField.id && !input.impact) missing[f] = `${impactField.name} is required.`;
    if (Object.keys(missing).length) throw platformError(400, [], missing);

    const now = input.created ?? this.now();
    const num = this.nextNum++;
    const wf = workflows[issueTypes.find((t) => t.id === input.issueTypeId)?.workflow ?? 'service-request'];
    const status = input.status ?? wf.initial;
    const issue: SimIssue = {
      id: String(10000 + num),
      key: `${project.key}-${num}`,
      num,
      issueTypeId: input.issueTypeId,
      requestTypeId: requestType?.id ?? null,
      status,
      statusChangedAt: now,
      summary: input.summary,
      description: input.description ?? null,
      priorityId: input.priorityId ?? defaultPriorityId,
      labels: [...new Set(input.labels ?? [])],
      reporterId: input.reporterId === undefined ? actorId : input.reporterId,
      assigneeId: input.assigneeId ?? null,
      creatorId: actorId,
      impact: input.impact ?? null,
      created: now,
      updated: now,
      resolvedAt: statuses.find((s) => s.name === status)?.category === 'done' ? now : null,
      properties: { ...input.properties },
    };
    this.issuesById.set(issue.id, issue);
    this.touch(issue, { type: 'issue_created', issue, actorId }, now);
    return issue;
  }

  updateIssue(idOrKey: string, changes: IssueChanges, actorId: string, at?: number): SimIssue {
    const issue = this.get(idOrKey);
    const items: ChangeItem[] = [];
    const rec = (field: string, fieldId: string, from: unknown, to: unknown, custom = false) => {
      const s = (v: unknown) => (v === null || v === undefined ? null : Array.isArray(v) ? v.join(' ') : typeof v === 'object' ? 'adf' : String(v));
      if (JSON.stringify(from) !== JSON.stringify(to))
        items.push({ field, fieldtype: custom ? 'custom' : 'jira', fieldId, from: null, fromString: s(from), to: null, toString: s(to) });
    };
    const apply = <K extends keyof IssueChanges & keyof SimIssue>(k: K, field: string, custom = false) => {
      if (changes[k] === undefined) return;
      rec(field, k, issue[k], changes[k], custom);
      (issue as unknown as Record<string, unknown>)[k] = changes[k];
    };
    if (changes.labels) changes = { ...changes, labels: [...new Set(changes.labels)] };
    apply('summary', 'summary');
    apply('description', 'description');
    apply('priorityId', 'priority');
    apply('labels', 'labels');
    apply('assigneeId', 'assignee');
    apply('reporterId', 'reporter');
    apply('impact', impactField.name, true);
    apply('requestTypeId', 'Request Type', true);
    return this.changed(issue, items, actorId, at);
  }

  /** Applies a workflow transition by id; 400 when it is not available from the current status. */
  transition(idOrKey: string, transitionId: string, actorId: string, at?: number): SimIssue {
    const issue = this.get(idOrKey);
    const t = availableTransitions(this.workflowOf(issue), issue.status).find((x) => x.id === transitionId);
    if (!t) throw platformError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
    return this.setStatus(issue, t.to, actorId, at);
  }

  /**
   * Moves to a status by name as an agent would in the UI: through the shortest chain of available transitions
   * (one changelog entry per step). Throws when the workflow has no way there (e.g. out of Closed).
   */
  transitionTo(idOrKey: string, statusName: string, actorId: string, at?: number): SimIssue {
    const issue = this.get(idOrKey);
    const wf = this.workflowOf(issue);
    const target = statuses.find((s) => s.name.toLowerCase() === statusName.toLowerCase())?.name;
    if (!target) throw platformError(400, [`Unknown status '${statusName}'.`]);
    if (target === issue.status) return issue;
    const via = new Map<string, string>([[issue.status, '']]);
    const queue = [issue.status];
    while (queue.length && !via.has(target)) {
      const from = queue.shift()!;
      for (const t of availableTransitions(wf, from))
        if (!via.has(t.to)) {
          via.set(t.to, from);
          queue.push(t.to);
        }
    }
    if (!via.has(target)) throw platformError(400, [`No transition from '${issue.status}' to '${target}' in workflow ${wf}.`]);
    const path: string[] = [];
    for (let s = target; s !== issue.status; s = via.get(s)!) path.unshift(s);
    for (const step of path) this.setStatus(issue, step, actorId, at);
    return issue;
  }

  private setStatus(issue: SimIssue, to: string, actorId: string, at?: number): SimIssue {
    const now = at ?? this.now();
    const from = statuses.find((s) => s.name === issue.status)!;
    const target = statuses.find((s) => s.name === to)!;
    const items: ChangeItem[] = [
      { field: 'status', fieldtype: 'jira', fieldId: 'status', from: from.id, fromString: from.name, to: target.id, toString: target.name },
    ];
    issue.status = to;
    issue.statusChangedAt = now;
    const done = target.category === 'done';
    if (done !== (issue.resolvedAt !== null)) {
      items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: done ? null : '10000', fromString: done ? null : 'Done', to: done ? '10000' : null, toString: done ? 'Done' : null });
      issue.resolvedAt = done ? now : null;
    }
    return this.changed(issue, items, actorId, now);
  }

  deleteIssue(idOrKey: string, actorId: string): void {
    const issue = this.get(idOrKey);
    this.issuesById.delete(issue.id);
    this.commentsByIssue.delete(issue.id);
    if (this.searchLagMs > 0) this.index.get(issue.id)?.push({ at: this.now(), issue: null });
    this.emit({ type: 'issue_deleted', issue, actorId });
  }

  /** Issue properties do not change the issue's `updated` time (they are entity properties, not fields). */
  setProperty(idOrKey: string, key: string, value: unknown): { created: boolean } {
    const issue = this.get(idOrKey);
    const created = !(key in issue.properties);
    issue.properties[key] = value;
    return { created };
  }

  deleteProperty(idOrKey: string, key: string): boolean {
    const issue = this.get(idOrKey);
    if (!(key in issue.properties)) return false;
    delete issue.properties[key];
    return true;
  }

  addComment(idOrKey: string, c: { body: AdfDoc; public: boolean; authorId: string; visibility?: SimComment['visibility']; created?: number }): SimComment {
    const issue = this.get(idOrKey);
    const at = c.created ?? this.now();
    const comment: SimComment = {
      id: String(this.nextCommentId++),
      issueId: issue.id,
      body: c.body,
      public: c.public && !c.visibility,
      visibility: c.visibility ?? null,
      authorId: c.authorId,
      updateAuthorId: c.authorId,
      created: at,
      updated: at,
    };
    const list = this.commentsByIssue.get(issue.id) ?? [];
    list.push(comment);
    this.commentsByIssue.set(issue.id, list);
    this.touch(issue, { type: 'comment_created', issue, comment, actorId: c.authorId }, at);
    return comment;
  }

  findComment(issue: SimIssue, commentId: string): SimComment {
    const c = this.comments(issue.id).find((x) => x.id === commentId);
    if (!c) throw platformError(404, [`Can not find a comment for the id: ${commentId}.`]);
    return c;
  }

  updateComment(issue: SimIssue, commentId: string, body: AdfDoc, actorId: string): SimComment {
    const c = this.findComment(issue, commentId);
    c.body = body;
    c.updateAuthorId = actorId;
    c.updated = this.now();
    this.touch(issue, { type: 'comment_updated', issue, comment: c, actorId }, c.updated);
    return c;
  }

  deleteComment(issue: SimIssue, commentId: string, actorId: string): void {
    const c = this.findComment(issue, commentId);
    this.commentsByIssue.set(issue.id, this.comments(issue.id).filter((x) => x !== c));
    this.touch(issue, { type: 'comment_deleted', issue, comment: c, actorId }, this.now());
  }

  private changed(issue: SimIssue, items: ChangeItem[], actorId: string, at?: number): SimIssue {
    if (items.length === 0) return issue; // an edit that changes nothing is not a write
    const now = at ?? this.now();
    const group: ChangeGroup = { id: String(this.nextChangeId++), authorId: actorId, created: now, items };
    const list = this.changelogs.get(issue.id) ?? [];
    list.push(group);
    this.changelogs.set(issue.id, list);
    this.touch(issue, { type: 'issue_updated', issue, actorId, changelog: group }, now);
    return issue;
  }

  private touch(issue: SimIssue, event: StoreEvent, at: number): void {
    issue.updated = Math.max(issue.updated, at);
    if (this.searchLagMs > 0) {
      const versions = this.index.get(issue.id) ?? [];
      versions.push({ at: this.now(), issue: structuredClone(issue) });
      this.index.set(issue.id, versions);
    }
    this.emit(event);
  }

  private emit(e: StoreEvent): void {
    for (const l of this.listeners) l(e);
  }
}
