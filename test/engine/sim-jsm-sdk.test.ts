import { isSchemaMismatchError } from 'jira.js/core';
import { createCloudClient } from 'jira.js/cloud';
import { createServiceDeskClient } from 'jira.js/serviceDesk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsmSimulator, JSM_EMAIL, JSM_TOKEN } from '../../src/simulators/jsm/index.ts';

/**
 * The simulator's responses must satisfy jira.js v6's response schemas (the SDK the JSM adapter uses):
 * `onSchemaMismatch: 'throw'` turns any shape drift into a failing call.
 */

let sim: JsmSimulator;
let cloud: ReturnType<typeof createCloudClient>;
let sd: ReturnType<typeof createServiceDeskClient>;

beforeAll(async () => {
  sim = new JsmSimulator({ seed: 3 });
  sim.seed(12);
  const host = await sim.listen();
  const config = { host, auth: { type: 'basic' as const, email: JSM_EMAIL, apiToken: JSM_TOKEN }, onSchemaMismatch: 'throw' as const };
  cloud = createCloudClient(config);
  sd = createServiceDeskClient(config);
});
afterAll(() => sim.close());

const adf = (text: string) => ({ type: 'doc' as const, version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('JSM simulator through jira.js (schema mismatch throws)', () => {
  it('creates, edits, reads and transitions an issue', async () => {
    const created = await cloud.issues.createIssue({
      fields: { project: { key: 'HELP' }, issuetype: { name: 'Service Request' }, summary: 'New starter needs access', description: adf('Starts Monday.'), customfield_10010: '10' },
    });
    expect(created.key).toMatch(/^HELP-\d+$/);
    await cloud.issues.editIssue({ issueIdOrKey: created.key!, update: { labels: [{ add: 'deskbridge_main_zendesk_5' }] } });
    const issue = await cloud.issues.getIssue({ issueIdOrKey: created.key!, fields: ['summary', 'labels', 'status', 'updated', 'customfield_10010', 'comment'], expand: 'names,transitions,changelog' });
    expect(issue.fields?.labels).toEqual(['deskbridge_main_zendesk_5']);
    expect(issue.transitions?.length).toBeGreaterThan(0);
    const { transitions } = await cloud.issues.getTransitions({ issueIdOrKey: created.key! });
    const toProgress = transitions!.find((t) => t.to?.name === 'In progress')!;
    await cloud.issues.doTransition({ issueIdOrKey: created.key!, transition: { id: toProgress.id } });
    expect(sim.issue(created.key!)!.status).toBe('In progress');
  });

  it('adds and lists comments with properties', async () => {
    const c = await cloud.issueComments.addComment({ issueIdOrKey: 'HELP-1', body: adf('Internal note'), properties: [{ key: 'sd.public.comment', value: { internal: true } }] });
    expect(c.jsdPublic).toBe(false);
    const page = await cloud.issueComments.getComments({ issueIdOrKey: 'HELP-1', orderBy: 'created', expand: 'properties' });
    expect(page.comments?.at(-1)?.id).toBe(c.id);
  });

  it('searches with nextPageToken and counts', async () => {
    const first = await cloud.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: 'project = HELP ORDER BY updated ASC, key ASC', fields: ['summary', 'updated', 'labels'], maxResults: 5 });
    expect(first.issues).toHaveLength(5);
    const second = await cloud.issueSearch.searchAndReconsileIssuesUsingJql({ jql: 'project = HELP ORDER BY updated ASC, key ASC', fields: ['summary'], nextPageToken: first.nextPageToken!, maxResults: 100 });
    expect(second.isLast).toBe(true);
    expect(first.issues!.length + second.issues!.length).toBe(sim.issues().length);
  });

  it('reads site metadata', async () => {
    const me = await cloud.myself.getCurrentUser();
    expect(me.accountId).toBe('557058:deskbridge-sync');
    expect((await cloud.issueFields.getFields()).map((f) => f.id)).toContain('customfield_10050');
    expect(await cloud.workflowStatuses.getStatuses()).toHaveLength(7);
    expect((await cloud.projects.getProject({ projectIdOrKey: 'HELP' })).key).toBe('HELP');
    await cloud.issueProperties.setIssueProperty({ issueIdOrKey: 'HELP-2', propertyKey: 'deskbridge.link', body: { z: '1' } });
    expect((await cloud.issueProperties.getIssueProperty({ issueIdOrKey: 'HELP-2', propertyKey: 'deskbridge.link' })).value).toEqual({ z: '1' });
  });

  it('would fail on a response that drifts from the schema (the check is live)', async () => {
    // a priority whose id is a number instead of a string: what a simulator bug would look like
    sim.harness.route('GET', '/rest/api/3/priority/:id', () => ({ status: 200, body: { id: 3, name: 'Medium' } }));
    await expect(cloud.issuePriorities.getPriority({ id: '3' })).rejects.toSatisfy(isSchemaMismatchError);
  });

  it('serves the Service Management API', async () => {
    const types = await sd.servicedesk.getRequestTypes({ serviceDeskId: '1' });
    expect(types.values?.map((t) => t.name)).toContain('Report an outage');
    const queues = await sd.servicedesk.getQueues({ serviceDeskId: '1', includeCount: true });
    expect(queues.values).toHaveLength(3);
    const req = await sd.request.createCustomerRequest({ serviceDeskId: '1', requestTypeId: '13', requestFieldValues: { summary: 'Renew a passport is down', description: 'All users see 503.' } });
    expect(req.currentStatus?.status).toBe('Open');
    const again = await sd.request.getCustomerRequestByIdOrKey({ issueIdOrKey: req.issueKey! });
    expect(again.issueId).toBe(req.issueId);
    await sd.request.createRequestComment({ issueIdOrKey: req.issueKey!, body: 'Investigating', public: false });
    const comments = await sd.request.getRequestComments({ issueIdOrKey: req.issueKey! });
    expect(comments.values?.map((c) => c.public)).toEqual([false]);
  });
});
