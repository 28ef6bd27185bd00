import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsmSimulator, JSM_EMAIL, JSM_OAUTH_TOKEN, JSM_TOKEN } from '../../src/simulators/jsm/index.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/vendor/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
const AUTH = basic(JSM_EMAIL, JSM_TOKEN);
const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

let sim: JsmSimulator;
let url: string;

async function call(method: string, path: string, body?: unknown, auth = AUTH) {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any };
}

const jql = (q: string, extra = '') => `/rest/api/3/search/jql?jql=${encodeURIComponent(q)}${extra}`;

beforeEach(async () => {
  sim = new JsmSimulator({ seed: 42 });
  sim.seed(30);
  url = await sim.listen();
});
afterEach(() => sim.close());

describe('JSM simulator: auth and limits', () => {
  it.each([
    ['a wrong token', basic(JSM_EMAIL, 'wrong-token')],
    ['the right token for another email', basic('someone@example.gov.uk', JSM_TOKEN)],
    ['a wrong bearer token', 'Bearer nope'],
    ['no credentials', ''],
  ])('answers 401 with a Jira error body for %s', async (_name, auth) => {
    const r = await call('GET', '/rest/api/3/myself', undefined, auth);
    expect(r.status).toBe(401);
    expect(r.body.errorMessages).toHaveLength(1);
  });

  it('accepts the API token and the OAuth bearer token as the integration user', async () => {
    const a = await call('GET', '/rest/api/3/myself');
    const b = await call('GET', '/rest/api/3/myself', undefined, `Bearer ${JSM_OAUTH_TOKEN}`);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(a.body).toMatchObject({ accountId: '557058:deskbridge-sync', displayName: 'Deskbridge Sync', emailAddress: JSM_EMAIL, timeZone: 'Europe/London' });
  });

  it('reports the configured time zone for the API user and renders dates in it', async () => {
    await sim.close();
    sim = new JsmSimulator({ timeZone: 'America/New_York' });
    url = await sim.listen();
    sim.createIssueDirect({ summary: 'x' });
    expect((await call('GET', '/rest/api/3/myself')).body.timeZone).toBe('America/New_York');
    expect((await call('GET', '/rest/api/3/issue/HELP-1?fields=created')).body.fields.created).toMatch(/-0[45]00$/);
  });

  it('answers 429 with Retry-After and RateLimit-Reason past the per-minute budget, and recovers after a minute', async () => {
    await sim.close();
    sim = new JsmSimulator({ rateLimitPerMinute: 3 });
    url = await sim.listen();
    for (let n = 0; n < 3; n++) expect((await call('GET', '/rest/api/3/myself')).status).toBe(200);
    const limited = await call('GET', '/rest/api/3/myself');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(limited.body.errorMessages).toEqual(['Rate limit exceeded.']);
    sim.clock.advance(61_000);
    expect((await call('GET', '/rest/api/3/myself')).status).toBe(200);
  });
});

describe('JSM simulator: issues', () => {
  it('answers an unknown issue with Jira\'s 404 body', async () => {
    const r = await call('GET', '/rest/api/3/issue/HELP-9999');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
  });

  it('creates an issue with a request type, labels, Impact and a link property, and reads it back', async () => {
    const r = await call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'HELP' },
        issuetype: { name: 'Incident' },
        summary: 'Payments API returning 500',
        description: adf('Since 09:10 every card payment fails.'),
        priority: { name: 'High' },
        labels: ['deskbridge_main_zendesk_4242'],
        customfield_10010: '11',
        customfield_10050: { value: 'High' },
      },
      properties: [{ key: 'deskbridge.link', value: { zendeskId: '4242' } }],
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: '10031', key: 'HELP-31', self: `${url}/rest/api/3/issue/10031` });
    const got = (await call('GET', '/rest/api/3/issue/HELP-31?properties=deskbridge.link')).body;
    expect(got.fields).toMatchObject({
      summary: 'Payments API returning 500',
      status: { name: 'Open', statusCategory: { key: 'new' } },
      priority: { name: 'High', id: '2' },
      labels: ['deskbridge_main_zendesk_4242'],
      customfield_10010: { requestType: { id: '11', name: 'Report an incident' }, currentStatus: { status: 'Open', statusCategory: 'NEW' } },
      customfield_10050: { value: 'High' },
      reporter: { accountId: '557058:deskbridge-sync' },
      project: { id: '10000', key: 'HELP' },
    });
    expect(got.fields.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/);
    expect(got.properties).toEqual({ 'deskbridge.link': { zendeskId: '4242' } });
  });

  it('rejects a create that misses the request type\'s required field, naming the field', async () => {
    const r = await call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'HELP' }, issuetype: { name: 'Incident' }, summary: 'No impact given', customfield_10010: '11' },
    });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errorMessages: [], errors: { customfield_10050: 'Impact is required.' } });
    expect(sim.issues()).toHaveLength(30);
  });

  it.each([
    ['a wiki-markup description', { description: 'plain *text*' }, 'description', /Atlassian Document/],
    ['a label with a space', { labels: ['two words'] }, 'labels', /contains spaces/],
    ['an unknown Impact option', { customfield_10050: { value: 'Severe' } }, 'customfield_10050', /Option value 'Severe' is not valid/],
    ['the status field', { status: { name: 'Resolved' } }, 'status', /cannot be set/],
    ['an unknown field', { customfield_99999: 'x' }, 'customfield_99999', /cannot be set/],
  ])('answers 400 to an edit with %s', async (_name, fields, field, message) => {
    const before = structuredClone(sim.issue('HELP-1'));
    const r = await call('PUT', '/rest/api/3/issue/HELP-1', { fields });
    expect(r.status).toBe(400);
    expect(r.body.errors[field]).toMatch(message);
    expect(sim.issue('HELP-1')).toEqual(before);
  });

  it('adds a label through update and bumps updated on the sim clock', async () => {
    sim.clock.advance(60_000);
    const before = sim.issue('HELP-3')!.updated;
    const r = await call('PUT', '/rest/api/3/issue/HELP-3', { update: { labels: [{ add: 'deskbridge_main_zendesk_77' }] } });
    expect(r.status).toBe(204);
    expect(sim.issue('HELP-3')!.labels).toContain('deskbridge_main_zendesk_77');
    expect(sim.issue('HELP-3')!.updated).toBeGreaterThan(before);
  });

  it('sets and reads an issue property (201 then 200) without touching updated', async () => {
    const before = sim.issue('HELP-4')!.updated;
    expect((await call('PUT', '/rest/api/3/issue/HELP-4/properties/deskbridge.link', { zendeskId: '1' })).status).toBe(201);
    expect((await call('PUT', '/rest/api/3/issue/HELP-4/properties/deskbridge.link', { zendeskId: '2' })).status).toBe(200);
    expect((await call('GET', '/rest/api/3/issue/HELP-4/properties/deskbridge.link')).body).toEqual({ key: 'deskbridge.link', value: { zendeskId: '2' } });
    expect((await call('GET', '/rest/api/3/issue/HELP-4/properties/nope')).status).toBe(404);
    expect(sim.issue('HELP-4')!.updated).toBe(before);
  });

  it('deletes an issue (204) after which it is 404', async () => {
    expect((await call('DELETE', '/rest/api/3/issue/HELP-5')).status).toBe(204);
    expect((await call('GET', '/rest/api/3/issue/HELP-5')).status).toBe(404);
  });
});

describe('JSM simulator: transitions', () => {
  const fresh = (requestTypeId: string) => sim.createIssueDirect({ summary: 'x', requestTypeId, impact: 'Low' });
  const transitionTo = async (key: string, status: string) => {
    const list = (await call('GET', `/rest/api/3/issue/${key}/transitions`)).body.transitions as { id: string; to: { name: string } }[];
    return list.find((t) => t.to.name === status)?.id;
  };

  it('uses different transition ids for the same target status in the two workflows', async () => {
    const request = fresh('10');
    const incident = fresh('11');
    const a = await transitionTo(request.key, 'In progress');
    const b = await transitionTo(incident.key, 'In progress');
    expect(a).toBe('11');
    expect(b).toBe('21');
    expect((await call('POST', `/rest/api/3/issue/${request.key}/transitions`, { transition: { id: a } })).status).toBe(204);
    expect(sim.issue(request.key)!.status).toBe('In progress');
  });

  it('answers 400 to a transition from another workflow and leaves the status alone', async () => {
    const request = fresh('10');
    const r = await call('POST', `/rest/api/3/issue/${request.key}/transitions`, { transition: { id: '21' } });
    expect(r.status).toBe(400);
    expect(r.body.errorMessages).toEqual(["Transition id '21' is not valid for this issue."]);
    expect(sim.issue(request.key)!.status).toBe('Waiting for support');
  });

  it('offers no transition out of Closed, and Close only from Resolved in the service-request workflow', async () => {
    const request = fresh('10');
    expect(await transitionTo(request.key, 'Closed')).toBeUndefined();
    sim.transitionDirect(request.key, 'Resolved');
    expect(sim.issue(request.key)!.resolvedAt).not.toBeNull();
    expect(await transitionTo(request.key, 'Closed')).toBe('15');
    sim.transitionDirect(request.key, 'Closed');
    expect((await call('GET', `/rest/api/3/issue/${request.key}/transitions`)).body.transitions).toEqual([]);
  });

  it('walks an agent through the workflow to a status that needs several steps', () => {
    const request = fresh('10');
    sim.transitionDirect(request.key, 'Closed');
    expect(sim.issue(request.key)!.status).toBe('Closed');
    const steps = sim.store.changelog(request.id).flatMap((g) => g.items.filter((i) => i.field === 'status').map((i) => i.toString));
    expect(steps).toEqual(['Resolved', 'Closed']);
    expect(() => sim.transitionDirect(request.key, 'Open')).toThrow(/No transition/);
  });

  it('refuses to set status through an edit', async () => {
    const r = await call('PUT', '/rest/api/3/issue/HELP-1', { fields: { status: { id: '5' } } });
    expect(r.status).toBe(400);
  });
});

describe('JSM simulator: comments', () => {
  it('marks a comment internal through the sd.public.comment property (jsdPublic false)', async () => {
    const r = await call('POST', '/rest/api/3/issue/HELP-2/comment', {
      body: adf('Checked the logs, rolling back.'),
      properties: [{ key: 'sd.public.comment', value: { internal: true } }],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ jsdPublic: false, author: { accountId: '557058:deskbridge-sync' }, body: adf('Checked the logs, rolling back.') });
    const pub = await call('POST', '/rest/api/3/issue/HELP-2/comment', { body: adf('We are on it.') });
    expect(pub.body.jsdPublic).toBe(true);
    const list = (await call('GET', '/rest/api/3/issue/HELP-2/comment?expand=properties')).body;
    const mine = list.comments.slice(-2);
    expect(mine.map((c: { jsdPublic: boolean }) => c.jsdPublic)).toEqual([false, true]);
    expect(mine[0].properties).toEqual([{ key: 'sd.public.comment', value: { internal: true } }]);
    expect(list).toMatchObject({ startAt: 0, total: list.comments.length });
    const internalOnly = (await call('GET', '/rest/servicedeskapi/request/HELP-2/comment?public=false')).body.values;
    expect(internalOnly.map((c: { body: string }) => c.body)).toContain('Checked the logs, rolling back.');
    expect(internalOnly.every((c: { public: boolean }) => !c.public)).toBe(true);
  });

  it('answers the vendor example comment body on the servicedeskapi with the vendor response shape', async () => {
    const r = await call('POST', '/rest/servicedeskapi/request/HELP-2/comment', fixture('jsm_servicedeskapi_request_comment_create_body_vendor_example.json'));
    expect(r.status).toBe(201);
    const vendor = fixture('jsm_servicedeskapi_request_comment_create_response_vendor_example.json');
    expect(Object.keys(r.body).sort()).toEqual(Object.keys(vendor).sort());
    expect(Object.keys(r.body.created).sort()).toEqual(Object.keys(vendor.created as object).sort());
    expect(r.body).toMatchObject({ body: 'Hello there', public: true });
  });
});

describe('JSM simulator: servicedeskapi', () => {
  it('creates a request with the vendor response shape and the requester as reporter', async () => {
    const customer = sim.issue('HELP-1')!.reporterId!;
    const r = await call('POST', '/rest/servicedeskapi/request', {
      serviceDeskId: '1',
      requestTypeId: '10',
      requestFieldValues: { summary: 'Cannot sign in to the grants portal', description: 'It says my account is locked.' },
      raiseOnBehalfOf: customer,
    });
    expect(r.status).toBe(201);
    const vendor = fixture('jsm_servicedeskapi_request_create_response_vendor_example.json');
    expect(Object.keys(r.body).sort()).toEqual(Object.keys(vendor).sort());
    expect(r.body).toMatchObject({
      issueKey: 'HELP-31',
      requestTypeId: '10',
      serviceDeskId: '1',
      reporter: { accountId: customer },
      currentStatus: { status: 'Waiting for support', statusCategory: 'NEW' },
      requestFieldValues: [
        { fieldId: 'summary', value: 'Cannot sign in to the grants portal' },
        { fieldId: 'description', value: 'It says my account is locked.' },
      ],
    });
    const issue = (await call('GET', '/rest/api/3/issue/HELP-31?fields=description,reporter')).body;
    expect(issue.fields.description).toEqual(adf('It says my account is locked.'));
  });

  it('answers a servicedeskapi create that misses a required field with errorMessage naming it', async () => {
    const r = await call('POST', '/rest/servicedeskapi/request', { serviceDeskId: '1', requestTypeId: '11', requestFieldValues: { summary: 'x' } });
    expect(r.status).toBe(400);
    expect(r.body.errorMessage).toBe('Impact is required.');
    expect(r.body.i18nErrorMessage.parameters).toEqual(['customfield_10050']);
  });

  it('lists the service desk, its four request types and three queues', async () => {
    const desks = (await call('GET', '/rest/servicedeskapi/servicedesk')).body;
    expect(desks.values).toEqual([expect.objectContaining({ id: '1', projectKey: 'HELP', projectId: '10000' })]);
    const types = (await call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype')).body.values;
    expect(types.map((t: { id: string; name: string }) => [t.id, t.name])).toEqual([
      ['10', 'Get IT help'], ['11', 'Report an incident'], ['12', 'Report a security breach'], ['13', 'Report an outage'],
    ]);
    const queues = (await call('GET', '/rest/servicedeskapi/servicedesk/1/queue?includeCount=true')).body.values;
    expect(queues.map((q: { name: string }) => q.name)).toEqual(['1st line', '2nd line', '3rd line']);
    const unresolvedIncidents = sim.issues().filter((i) => i.requestTypeId === '11' && i.resolvedAt === null).length;
    expect(queues[1].issueCount).toBe(unresolvedIncidents);
    const inQueue = (await call('GET', '/rest/servicedeskapi/servicedesk/1/queue/2/issue?limit=100')).body.values;
    expect(inQueue).toHaveLength(unresolvedIncidents);
  });
});

describe('JSM simulator: search', () => {
  it('pages /search/jql with nextPageToken, visiting every issue exactly once in order', async () => {
    const q = 'project = HELP ORDER BY updated ASC, key ASC';
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await call('POST', '/rest/api/3/search/jql', { jql: q, maxResults: 7, fields: ['updated'], nextPageToken: token });
      expect(r.status).toBe(200);
      seen.push(...r.body.issues.map((i: { key: string }) => i.key));
      token = r.body.nextPageToken;
      expect(r.body.isLast).toBe(token === undefined);
      pages++;
    } while (token);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(30);
    const expected = [...sim.issues()].sort((a, b) => a.updated - b.updated || a.num - b.num).map((i) => i.key);
    expect(seen).toEqual(expected);
  });

  it('returns only ids by default and caps pages at 100 when fields are requested', async () => {
    sim.seed(150);
    const ids = (await call('GET', jql('project = HELP', '&maxResults=1000'))).body;
    expect(ids.issues).toHaveLength(180);
    expect(Object.keys(ids.issues[0])).toEqual(['id']);
    const withFields = (await call('GET', jql('project = HELP', '&maxResults=1000&fields=summary'))).body;
    expect(withFields.issues).toHaveLength(100);
    expect(withFields.isLast).toBe(false);
  });

  it('rejects a nextPageToken used with a different query', async () => {
    const first = (await call('GET', jql('project = HELP ORDER BY key ASC', '&maxResults=2'))).body;
    const r = await call('GET', jql('project = HELP AND status = Open ORDER BY key ASC', `&nextPageToken=${first.nextPageToken}`));
    expect(r.status).toBe(400);
  });

  it('finds an issue by its link stamp label', async () => {
    await call('PUT', '/rest/api/3/issue/HELP-7', { update: { labels: [{ add: 'deskbridge_main_zendesk_9001' }] } });
    const r = (await call('GET', jql('project = HELP AND labels = "deskbridge_main_zendesk_9001"', '&fields=labels'))).body;
    expect(r.issues.map((i: { key: string }) => i.key)).toEqual(['HELP-7']);
    const none = (await call('GET', jql('project = HELP AND labels = "deskbridge_main_zendesk_9002"'))).body;
    expect(none).toEqual({ issues: [], isLast: true });
  });

  it('reads updated >= "yyyy-MM-dd HH:mm" at minute precision in the user\'s time zone, and relative periods', async () => {
    sim.clock.advance(5 * 60_000);
    const issue = sim.updateIssueDirect('HELP-8', { summary: 'Changed just now' });
    // JQL wall time in the API user's zone (Europe/London), e.g. "2024-07-01 10:11"
    const london = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'short' }).format(new Date(ms));
    const keys = async (q: string) => (await call('GET', jql(q))).body.issues.map((i: { id: string }) => i.id);
    expect(await keys(`project = HELP AND updated >= "${london(issue.updated)}"`)).toEqual([issue.id]);
    expect(await keys('project = HELP AND updated >= -2m')).toEqual([issue.id]);
    expect(await keys(`project = HELP AND updated >= "${london(issue.updated + 60_000)}"`)).toEqual([]);
  });

  it.each([
    ['an unknown field', 'project = HELP AND colour = red', /Field 'colour' does not exist/],
    ['an unknown status', 'project = HELP AND status = "Snoozed"', /The value 'Snoozed' does not exist for the field 'status'/],
    ['a bad date', 'project = HELP AND updated >= "yesterday"', /Date value 'yesterday' for field 'updated' is invalid/],
    ['a missing operator', 'project HELP', /Expecting operator but got 'HELP'/],
    ['an unterminated string', 'project = "HELP', /has not been completed/],
    ['an unbounded query', 'ORDER BY key', /Unbounded JQL queries are not allowed/],
    ['an unknown function', 'project = HELP AND updated >= startOfWeek()', /Unable to find JQL function 'startOfWeek\(\)'/],
  ])('answers 400 with a Jira-like message for %s', async (_name, q, message) => {
    const r = await call('GET', jql(q));
    expect(r.status).toBe(400);
    expect(r.body.errorMessages[0]).toMatch(message);
  });

  it('answers 410 Gone on the removed /rest/api/3/search', async () => {
    const r = await call('GET', '/rest/api/3/search?jql=project%20%3D%20HELP');
    expect(r.status).toBe(410);
    expect(r.body.errorMessages[0]).toMatch(/search\/jql/);
  });

  it('hides recent writes from search when a search lag is set, unless the id is reconciled', async () => {
    await sim.close();
    sim = new JsmSimulator({ searchLagMs: 5_000 });
    url = await sim.listen();
    const i = sim.createIssueDirect({ summary: 'Fresh', labels: ['fresh'] });
    const q = { jql: 'project = HELP AND labels = fresh' };
    expect((await call('POST', '/rest/api/3/search/jql', q)).body.issues).toEqual([]);
    expect((await call('POST', '/rest/api/3/search/jql', { ...q, reconcileIssues: [Number(i.id)] })).body.issues).toEqual([{ id: i.id }]);
    sim.clock.advance(5_000);
    expect((await call('POST', '/rest/api/3/search/jql', q)).body.issues).toEqual([{ id: i.id }]);
  });
});

describe('JSM simulator: faults and stats', () => {
  it('commits a write whose response is dropped', async () => {
    sim.harness.setFaults({ dropNextWrites: 1 });
    await expect(call('PUT', '/rest/api/3/issue/HELP-9', { fields: { summary: 'Committed anyway' } })).rejects.toThrow();
    expect(sim.issue('HELP-9')!.summary).toBe('Committed anyway');
    expect((await call('GET', '/rest/api/3/issue/HELP-9?fields=summary')).body.fields.summary).toBe('Committed anyway');
  });

  it('answers injected failures with 503 and a Jira error body', async () => {
    sim.harness.setFaults({ failNext: 1 });
    const r = await call('GET', '/rest/api/3/issue/HELP-1');
    expect(r.status).toBe(503);
    expect(r.body.errorMessages).toHaveLength(1);
    expect((await call('GET', '/rest/api/3/issue/HELP-1')).status).toBe(200);
  });

  it('counts requests per method and route pattern at GET /__sim/stats', async () => {
    await call('GET', '/rest/api/3/issue/HELP-1');
    await call('GET', '/rest/api/3/issue/HELP-2');
    await call('POST', '/rest/api/3/issue/HELP-2/comment', { body: adf('hi') });
    await call('GET', jql('project = HELP'));
    const stats = (await call('GET', '/__sim/stats')).body.requests;
    expect(stats).toEqual({
      'GET /rest/api/3/issue/:idOrKey': 2,
      'POST /rest/api/3/issue/:idOrKey/comment': 1,
      'GET /rest/api/3/search/jql': 1,
    });
  });
});
