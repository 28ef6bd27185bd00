import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/simulators/clock.ts';
import { JiraError } from '../../src/simulators/jsm/errors.ts';
import { compileQuery, parseJqlDate } from '../../src/simulators/jsm/jql/compile.ts';
import type { JqlEnv } from '../../src/simulators/jsm/jql/fields.ts';
import { parseJql } from '../../src/simulators/jsm/jql/parse.ts';
import { JsmStore, type SimIssue } from '../../src/simulators/jsm/store.ts';
import { jiraDate, serviceDeskDate } from '../../src/simulators/jsm/time.ts';
import { agents, customers } from '../../src/simulators/jsm/universe.ts';

/** The JQL subset, evaluated directly against a small hand-built store. */

const T0 = Date.UTC(2024, 6, 1, 9, 0); // 10:00 in London (BST)
const MIN = 60_000;

function world() {
  const clock = new SimClock();
  clock.advance(T0 + 60 * MIN - clock.now());
  const store = new JsmStore(clock);
  const mk = (over: Partial<SimIssue> & { requestTypeId: string; issueTypeId: string }, at: number) => {
    const i = store.createIssue({ summary: over.summary ?? 'Cannot sign in', ...over, created: at } as never, customers[0]!.accountId);
    Object.assign(i, { updated: over.updated ?? at });
    return i;
  };
  const a = mk({ requestTypeId: '10', issueTypeId: '10100', labels: ['deskbridge_main_zendesk_1', 'vip'], priorityId: '2', summary: 'Cannot sign in to the grants portal' }, T0);
  const b = mk({ requestTypeId: '11', issueTypeId: '10101', impact: 'High', priorityId: '1', assigneeId: agents[0]!.accountId, summary: 'Search very slow' }, T0 + 10 * MIN);
  const c = mk({ requestTypeId: '13', issueTypeId: '10101', labels: [], status: 'Resolved', summary: 'Outage: DNS failure' }, T0 + 20 * MIN);
  const d = mk({ requestTypeId: '12', issueTypeId: '10101', labels: ['vip'], status: 'In progress', priorityId: '4', summary: 'Phishing email reported' }, T0 + 30 * MIN);
  const env: JqlEnv = { now: clock.now(), tz: 'Europe/London', currentUser: agents[0]!.accountId, store };
  return { store, env, keys: { a: a.key, b: b.key, c: c.key, d: d.key } };
}

function run(jql: string) {
  const { store, env } = world();
  const q = compileQuery(parseJql(jql), env);
  return store.all().filter(q.match).sort((x, y) => q.compare(q.sortKey(x), q.sortKey(y))).map((i) => i.key);
}

describe('JQL subset', () => {
  it.each([
    ['project by key', 'project = HELP', ['HELP-4', 'HELP-3', 'HELP-2', 'HELP-1']],
    ['a label', 'project = HELP AND labels = "deskbridge_main_zendesk_1"', ['HELP-1']],
    ['labels in a list', 'project = HELP AND labels in (vip, nothing) ORDER BY key ASC', ['HELP-1', 'HELP-4']],
    ['labels != skips unlabelled issues', 'project = HELP AND labels != vip', []],
    ['labels is EMPTY', 'project = HELP AND labels is EMPTY ORDER BY key', ['HELP-2', 'HELP-3']],
    ['status by name', 'project = HELP AND status = "In progress"', ['HELP-4']],
    ['status by id', 'project = HELP AND status in (5, "Waiting for support") ORDER BY key', ['HELP-1', 'HELP-3']],
    ['statusCategory', 'project = HELP AND statusCategory = Done', ['HELP-3']],
    ['request type by name', 'project = HELP AND "Request Type" = "Report an incident"', ['HELP-2']],
    ['request type by cf id and list', 'project = HELP AND cf[10010] in ("Report an outage", "Report a security breach") ORDER BY key', ['HELP-3', 'HELP-4']],
    ['requestType alias', 'project = HELP AND requestType = "Get IT help"', ['HELP-1']],
    ['key in a list', 'key in (HELP-2, HELP-4) ORDER BY key ASC', ['HELP-2', 'HELP-4']],
    ['id by number', 'id = 10003', ['HELP-3']],
    ['priority ordering', 'project = HELP AND priority >= High ORDER BY priority DESC', ['HELP-2', 'HELP-1']],
    ['resolution = Unresolved', 'project = HELP AND resolution = Unresolved ORDER BY key', ['HELP-1', 'HELP-2', 'HELP-4']],
    ['resolution is not EMPTY', 'project = HELP AND resolution is not EMPTY', ['HELP-3']],
    ['Impact option', 'project = HELP AND Impact = High', ['HELP-2']],
    ['assignee = currentUser()', 'project = HELP AND assignee = currentUser()', ['HELP-2']],
    ['assignee is EMPTY', 'project = HELP AND assignee is EMPTY ORDER BY key', ['HELP-1', 'HELP-3', 'HELP-4']],
    ['text contains', 'project = HELP AND summary ~ "sign in"', ['HELP-1']],
    ['OR with parentheses', 'project = HELP AND (labels = vip OR status = Resolved) ORDER BY key', ['HELP-1', 'HELP-3', 'HELP-4']],
    ['NOT', 'project = HELP AND NOT labels = vip ORDER BY key', ['HELP-2', 'HELP-3']],
    ['AND binds tighter than OR', 'key = HELP-1 OR key = HELP-2 AND labels = vip', ['HELP-1']],
    ['updated minute precision (BST wall time)', 'project = HELP AND updated >= "2024-07-01 10:20" ORDER BY updated ASC', ['HELP-3', 'HELP-4']],
    ['updated slash format', 'project = HELP AND updated < "2024/07/01 10:10"', ['HELP-1']],
    ['relative period', 'project = HELP AND updated >= -45m ORDER BY updated DESC', ['HELP-4', 'HELP-3']],
    ['order by updated then key', 'project = HELP ORDER BY updated ASC, key ASC', ['HELP-1', 'HELP-2', 'HELP-3', 'HELP-4']],
    ['default order is key DESC', 'project = HELP AND labels = vip', ['HELP-4', 'HELP-1']],
  ])('matches %s', (_name, jql, expected) => {
    expect(run(jql)).toEqual(expected);
  });

  it.each([
    ['unknown field', 'colour = red', "Field 'colour' does not exist or you do not have permission to view it."],
    ['unknown key', 'key in (HELP-1, HELP-99)', "An issue with key 'HELP-99' does not exist for field 'key'."],
    ['unknown request type', '"Request Type" = "Order a pizza"', "The value 'Order a pizza' does not exist for the field 'Request Type'."],
    ['= on a text field', 'summary = "x"', "The operator '=' is not supported by the 'summary' field."],
    ['~ on labels', 'labels ~ vip', "The operator '~' is not supported by the 'labels' field."],
    ['IN without a list', 'status in Open', "Error in the JQL Query: Expecting '(' but got 'Open'. (line 1, character 11)"],
    ['bad list separator', 'status in (Open Pending)', "Error in the JQL Query: Expecting ',' or ')' but got 'Pending'. (line 1, character 17)"],
    ['trailing garbage', 'project = HELP foo', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 16)"],
    ['history operator', 'status was Open', /history operator 'WAS'/],
    ['sorting on an unsortable field', 'project = HELP ORDER BY labels', "Field 'labels' does not support sorting."],
  ])('rejects %s with a Jira-like 400', (_name, jql, message) => {
    const { env } = world();
    let caught: unknown;
    try {
      compileQuery(parseJql(jql), env);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(JiraError);
    const err = caught as JiraError;
    expect(err.status).toBe(400);
    const msg = (err.body as { errorMessages: string[] }).errorMessages[0]!;
    if (typeof message === 'string') expect(msg).toBe(message);
    else expect(msg).toMatch(message);
  });
});

describe('Jira dates in the user\'s time zone', () => {
  it.each([
    ['summer (BST)', '2024-07-01 10:11', Date.UTC(2024, 6, 1, 9, 11)],
    ['winter (GMT)', '2024/01/15 10:11', Date.UTC(2024, 0, 15, 10, 11)],
    ['date only', '2024-07-01', Date.UTC(2024, 5, 30, 23, 0)],
  ])('reads a JQL date in %s as London wall time', (_name, raw, expected) => {
    const { env } = world();
    expect(parseJqlDate(raw, env)).toBe(expected);
  });

  it('renders timestamps with the zone offset, as Jira does', () => {
    expect(jiraDate(Date.UTC(2024, 6, 1, 9, 11, 12, 345), 'Europe/London')).toBe('2024-07-01T10:11:12.345+0100');
    expect(jiraDate(Date.UTC(2024, 0, 2, 10, 11, 12, 345), 'Europe/London')).toBe('2024-01-02T10:11:12.345+0000');
    expect(serviceDeskDate(Date.UTC(2024, 6, 1, 9, 11), 'Europe/London')).toMatchObject({ iso8601: '2024-07-01T10:11:00+0100', epochMillis: Date.UTC(2024, 6, 1, 9, 11) });
  });
});
