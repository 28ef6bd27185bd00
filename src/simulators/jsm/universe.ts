import { seededRandom } from '../clock.ts';
import { people } from '../seed-words.ts';

/**
 * The fixed configuration of the simulated JSM site: project HELP, service desk 1, four request types on two
 * workflows, queues, statuses, priorities, fields and people. The same in every simulator instance, so tests and
 * config examples can name these ids.
 */

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface StatusDef {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

// Jira's built-in status categories: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-status-categories/
export const statusCategories: Record<StatusCategoryKey, { id: number; key: StatusCategoryKey; colorName: string; name: string }> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export const statuses: readonly StatusDef[] = [
  { id: '1', name: 'Open', category: 'new' },
  { id: '10001', name: 'Waiting for support', category: 'new' },
  { id: '3', name: 'In progress', category: 'indeterminate' },
  { id: '10002', name: 'Waiting for customer', category: 'indeterminate' },
  { id: '10003', name: 'Pending', category: 'indeterminate' },
  { id: '5', name: 'Resolved', category: 'done' },
  { id: '6', name: 'Closed', category: 'done' },
];

export type WorkflowName = 'service-request' | 'incident';

export interface TransitionDef {
  id: string;
  name: string;
  to: string;
  /** Statuses the transition is available from; `*` = every status except its target and `Closed`. */
  from: readonly string[] | '*';
}

export interface WorkflowDef {
  name: WorkflowName;
  initial: string;
  transitions: readonly TransitionDef[];
}

const OPEN_STATES = ['Open', 'Waiting for support', 'In progress', 'Waiting for customer', 'Pending'];

/**
 * Two workflows with different transition ids for the same target status, as real sites have: callers must resolve
 * a transition by its target status name at run time. `Closed` is final; in the service-request workflow it can only
 * be reached from `Resolved`, in the incident workflow from any status.
 */
export const workflows: Record<WorkflowName, WorkflowDef> = {
  'service-request': {
    name: 'service-request',
    initial: 'Waiting for support',
    transitions: [
      { id: '11', name: 'Start work', to: 'In progress', from: '*' },
      { id: '12', name: 'Respond to customer', to: 'Waiting for customer', from: '*' },
      { id: '13', name: 'Pending', to: 'Pending', from: '*' },
      { id: '14', name: 'Resolve this issue', to: 'Resolved', from: OPEN_STATES },
      { id: '15', name: 'Close', to: 'Closed', from: ['Resolved'] },
      { id: '16', name: 'Back to waiting for support', to: 'Waiting for support', from: '*' },
      { id: '17', name: 'Back to open', to: 'Open', from: OPEN_STATES },
    ],
  },
  incident: {
    name: 'incident',
    initial: 'Open',
    transitions: [
      { id: '21', name: 'Investigate', to: 'In progress', from: '*' },
      { id: '22', name: 'Request information', to: 'Waiting for customer', from: '*' },
      { id: '23', name: 'Mark as pending', to: 'Pending', from: '*' },
      { id: '24', name: 'Resolve', to: 'Resolved', from: OPEN_STATES },
      { id: '25', name: 'Close', to: 'Closed', from: '*' },
      { id: '26', name: 'Escalate to support', to: 'Waiting for support', from: '*' },
      { id: '27', name: 'Reopen', to: 'Open', from: [...OPEN_STATES, 'Resolved'] },
    ],
  },
};

/** Transitions available from `status` in `workflow` (a transition never loops to the status it starts from). */
export function availableTransitions(workflow: WorkflowName, status: string): TransitionDef[] {
  if (status === 'Closed') return [];
  return workflows[workflow].transitions.filter((t) => t.to !== status && (t.from === '*' || t.from.includes(status)));
}

export const project = { id: '10000', key: 'HELP', name: 'IT Help', projectTypeKey: 'service_desk' } as const;
export const serviceDesk = { id: '1', projectId: project.id, projectKey: project.key, projectName: project.name } as const;

export interface IssueTypeDef {
  id: string;
  name: string;
  description: string;
  workflow: WorkflowName;
}

export const issueTypes: readonly IssueTypeDef[] = [
  { id: '10100', name: 'Service Request', description: 'Request help or a service', workflow: 'service-request' },
  { id: '10101', name: 'Incident', description: 'Report an incident or outage', workflow: 'incident' },
];

export interface RequestTypeDef {
  id: string;
  name: string;
  description: string;
  issueTypeId: string;
  /** Request-type specific required fields (beyond summary). */
  requiredFields: readonly string[];
  portalKey: string;
}

export const requestTypes: readonly RequestTypeDef[] = [
  { id: '10', name: 'Get IT help', description: 'Get help with a service or your equipment', issueTypeId: '10100', requiredFields: [], portalKey: 'help/get-it-help' },
  { id: '11', name: 'Report an incident', description: 'Something is broken or not working', issueTypeId: '10101', requiredFields: ['customfield_10050'], portalKey: 'help/incident' },
  { id: '12', name: 'Report a security breach', description: 'Suspected breach or disclosure of data', issueTypeId: '10101', requiredFields: [], portalKey: 'help/security-breach' },
  { id: '13', name: 'Report an outage', description: 'A service is unavailable', issueTypeId: '10101', requiredFields: [], portalKey: 'help/outage' },
];

export interface QueueDef {
  id: string;
  name: string;
  jql: string;
}

export const queues: readonly QueueDef[] = [
  { id: '1', name: '1st line', jql: 'project = HELP AND "Request Type" = "Get IT help" AND resolution = Unresolved ORDER BY created ASC' },
  { id: '2', name: '2nd line', jql: 'project = HELP AND "Request Type" = "Report an incident" AND resolution = Unresolved ORDER BY created ASC' },
  {
    id: '3',
    name: '3rd line',
    jql: 'project = HELP AND "Request Type" in ("Report a security breach", "Report an outage") AND resolution = Unresolved ORDER BY created ASC',
  },
];

export const priorities = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
] as const;
export const defaultPriorityId = '3';

export const impactField = { id: 'customfield_10050', name: 'Impact' } as const;
export const impactOptions = [
  { id: '10200', value: 'Low' },
  { id: '10201', value: 'Medium' },
  { id: '10202', value: 'High' },
] as const;
export const requestTypeField = { id: 'customfield_10010', name: 'Request Type' } as const;

export const resolutionDone = { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' } as const;

export interface SimUser {
  accountId: string;
  accountType: 'atlassian' | 'customer' | 'app';
  displayName: string;
  email: string;
  /** Profile privacy hides the email from the API (`emailAddress` absent). */
  emailHidden: boolean;
  timeZone: string;
}

export const INTEGRATION_ACCOUNT_ID = '557058:deskbridge-sync';

function buildUsers(): SimUser[] {
  const rnd = seededRandom(20240101);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const integration: SimUser = {
    accountId: INTEGRATION_ACCOUNT_ID,
    accountType: 'atlassian',
    displayName: 'Deskbridge Sync',
    email: 'sync-bot@example.gov.uk',
    emailHidden: false,
    timeZone: 'Europe/London',
  };
  const agents = people(rnd, 6, 'example.gov.uk').map(
    (p, i): SimUser => ({
      accountId: `712020:${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
      accountType: 'atlassian',
      displayName: p.name,
      email: p.email,
      emailHidden: i === 5,
      timeZone: 'Europe/London',
    }),
  );
  const customers = people(rnd, 20, 'example.org').map(
    (p): SimUser => ({
      accountId: `qm:${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}:${hex(24)}`,
      accountType: 'customer',
      displayName: p.name,
      email: p.email,
      emailHidden: false,
      timeZone: 'Europe/London',
    }),
  );
  return [integration, ...agents, ...customers];
}

export const users: readonly SimUser[] = buildUsers();
export const agents = users.filter((u) => u.accountType === 'atlassian' && u.accountId !== INTEGRATION_ACCOUNT_ID);
export const customers = users.filter((u) => u.accountType === 'customer');

export const findUser = (accountId: string): SimUser | undefined => users.find((u) => u.accountId === accountId);
export const findStatus = (nameOrId: string): StatusDef | undefined =>
  statuses.find((s) => s.id === nameOrId || s.name.toLowerCase() === nameOrId.toLowerCase());
export const findPriority = (p: { id?: string; name?: string }) =>
  priorities.find((x) => (p.id !== undefined && x.id === p.id) || (p.name !== undefined && x.name.toLowerCase() === p.name.toLowerCase()));
export const findRequestType = (idOrKeyOrName: string): RequestTypeDef | undefined =>
  requestTypes.find((r) => r.id === idOrKeyOrName || r.portalKey === idOrKeyOrName || r.name.toLowerCase() === idOrKeyOrName.toLowerCase());
export const findIssueType = (p: { id?: string; name?: string }): IssueTypeDef | undefined =>
  issueTypes.find((t) => (p.id !== undefined && t.id === p.id) || (p.name !== undefined && t.name.toLowerCase() === p.name.toLowerCase()));
