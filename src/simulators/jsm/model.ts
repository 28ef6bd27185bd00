import type { AdfDoc } from './adf.ts';

/** The simulator's records: issues, comments, change history, and the events a change emits. */

export type Impact = 'Low' | 'Medium' | 'High';

export interface SimIssue {
  id: string;
  key: string;
  num: number;
  issueTypeId: string;
  requestTypeId: string | null;
  status: string;
  statusChangedAt: number;
  summary: string;
  description: AdfDoc | null;
  priorityId: string;
  labels: string[];
  reporterId: string | null;
  assigneeId: string | null;
  creatorId: string;
  impact: Impact | null;
  created: number;
  updated: number;
  resolvedAt: number | null;
  properties: Record<string, unknown>;
}

export interface SimComment {
  id: string;
  issueId: string;
  body: AdfDoc;
  public: boolean;
  visibility: { type: string; value: string } | null;
  authorId: string;
  updateAuthorId: string;
  created: number;
  updated: number;
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangeGroup {
  id: string;
  authorId: string;
  created: number;
  items: ChangeItem[];
}

/** Editable fields, already validated (see fields.ts for parsing the API's shapes). */
export interface IssueChanges {
  summary?: string;
  description?: AdfDoc | null;
  priorityId?: string;
  labels?: string[];
  assigneeId?: string | null;
  reporterId?: string | null;
  impact?: Impact | null;
  requestTypeId?: string | null;
}

export interface CreateIssueInput extends IssueChanges {
  issueTypeId: string;
  summary: string;
  properties?: Record<string, unknown>;
  /** Seeding only: start in this status / at this time. */
  status?: string;
  created?: number;
}

export type StoreEvent =
  | { type: 'issue_created'; issue: SimIssue; actorId: string }
  | { type: 'issue_updated'; issue: SimIssue; actorId: string; changelog: ChangeGroup | null }
  | { type: 'issue_deleted'; issue: SimIssue; actorId: string }
  | { type: 'comment_created' | 'comment_updated' | 'comment_deleted'; issue: SimIssue; comment: SimComment; actorId: string };
