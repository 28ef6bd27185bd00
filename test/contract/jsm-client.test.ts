import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../src/config/schema.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { plainDoc } from '../../src/model/index.ts';
import { requestFor, routeTemplate, withSearchParams } from '../../src/systems/jsm/client.ts';
import { connectJsm, createJsmSystem } from '../../src/systems/jsm/index.ts';
import { HttpClient } from '../../src/http/index.ts';
import type { Logger } from '../../src/logging/logger.ts';
import { systemFor, TEST_AUTH, TEST_EMAIL, TEST_TOKEN } from '../fixtures/jsm/backend.ts';
import { nockBackend } from '../fixtures/jsm/nock-backend.ts';

const SITE = 'https://dwp.atlassian.net';

function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines, text: () => lines.join('') };
}

const httpFor = (logger: Logger) => new HttpClient({ system: 'jsm', baseUrl: SITE, auth: TEST_AUTH, requestsPerMinute: 1000, logger });

afterEach(() => {
  nock.cleanAll();
  vi.restoreAllMocks();
});

describe('jira.js transport over our HttpClient', () => {
  it.each([
    { method: 'GET', url: '/rest/api/3/issue/10001', route: 'GET /rest/api/3/issue/{id}' },
    { method: 'GET', url: '/rest/api/3/issue/HELP-12/comment?startAt=0', route: 'GET /rest/api/3/issue/{id}/comment' },
    { method: 'PUT', url: '/rest/api/3/issue/10001/properties/deskbridge.link', route: 'PUT /rest/api/3/issue/{id}/properties/{propertyKey}' },
    { method: 'GET', url: '/rest/servicedeskapi/servicedesk/1/requesttype', route: 'GET /rest/servicedeskapi/servicedesk/{id}/requesttype' },
    { method: 'GET', url: '/rest/api/3/project/HELP/statuses', route: 'GET /rest/api/3/project/HELP/statuses' },
  ])('names $url as route $route (no ids or keys in metrics)', ({ method, url, route }) => {
    expect(routeTemplate(method, url)).toBe(route);
  });

  it('builds query strings the way jira.js does: repeated keys for arrays, nothing for undefined', () => {
    expect(withSearchParams('/x', { fields: ['summary', 'labels'], expand: undefined, startAt: 0, flag: true })).toBe('/x?fields=summary&fields=labels&startAt=0&flag=true');
    expect(withSearchParams('/x', undefined)).toBe('/x');
  });

  it.each([
    { name: 'search is a read that may be repeated', method: 'POST' as const, url: '/rest/api/3/search/jql', kind: 'read', idempotent: true },
    { name: 'create is a write that is not repeated', method: 'POST' as const, url: '/rest/api/3/issue', kind: undefined, idempotent: undefined },
    { name: 'a comment is a write that is not repeated', method: 'POST' as const, url: '/rest/api/3/issue/1/comment', kind: undefined, idempotent: undefined },
    { name: 'a GET keeps the defaults', method: 'GET' as const, url: '/rest/api/3/myself', kind: undefined, idempotent: undefined },
  ])('$name', ({ method, url, kind, idempotent }) => {
    const req = requestFor({ method, url, body: {} });
    expect(req.kind).toBe(kind);
    expect(req.idempotent).toBe(idempotent);
  });

  it('logs a response that does not match the jira.js schema through pino (not the console) and uses it anyway', async () => {
    const warn = vi.spyOn(console, 'warn');
    const { logger, lines } = capturedLogger();
    const sys = createJsmSystem({ http: httpFor(logger), logger, projectKey: 'HELP', serviceDeskId: '1' });
    nock(SITE)
      .get('/rest/api/3/myself')
      .reply(200, { accountId: '557058:deskbridge-sync', self: 'not a url', avatarUrls: { '48x48': 42 }, displayName: 'Deskbridge Sync' });
    expect((await sys.me()).id).toBe('557058:deskbridge-sync');
    const mismatch = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l.msg).includes('jira.js schema'));
    expect(mismatch).toMatchObject({ level: 40, endpoint: 'GET /rest/api/3/myself' });
    expect(JSON.stringify(mismatch)).not.toContain('Deskbridge Sync');
    expect(warn).not.toHaveBeenCalled();
    sys.close();
  });
});

const side = (auth: Connection['jsm']['auth']): Connection['jsm'] => ({
  url: SITE,
  auth,
  requestsPerMinute: 300,
  projectKey: 'HELP',
  serviceDeskId: '1',
  requestTypes: [],
  defaultRequestType: 'Get IT help',
});

describe('connectJsm', () => {
  it.each([
    { name: 'an API token as Basic email:token', auth: { type: 'token' as const, email: TEST_EMAIL, token: TEST_TOKEN }, header: `Basic ${Buffer.from(`${TEST_EMAIL}:${TEST_TOKEN}`).toString('base64')}` },
    { name: 'an OAuth token as Bearer', auth: { type: 'oauth' as const, accessToken: 'jsm-oauth-token' }, header: 'Bearer jsm-oauth-token' },
  ])('sends $name', async ({ auth, header }) => {
    nock(SITE).get('/rest/api/3/myself').matchHeader('authorization', header).reply(200, { accountId: '557058:deskbridge-sync' });
    const sys = connectJsm(side(auth), { logger: createLogger({ level: 'silent' }), connectionId: 'dwp' });
    expect((await sys.me()).id).toBe('557058:deskbridge-sync');
    sys.close();
  });

  it('creates with the configured default request type when the draft names none, and links to the site', async () => {
    await nockBackend();
    const sys = connectJsm(side({ type: 'token', email: TEST_EMAIL, token: TEST_TOKEN }), { logger: createLogger({ level: 'silent' }), connectionId: 'dwp' });
    const ref = await sys.createTicket({ subject: 'No group given', description: plainDoc('x') }, 'deskbridge_dwp_zendesk_8001');
    expect(ref.url).toBe(`${SITE}/browse/${ref.key}`);
    expect((await sys.getTicket(ref.id))?.group).toEqual({ id: '10', name: 'Get IT help' });
    sys.close();
  });
});

describe('rate limits', () => {
  it('waits out a 429 on a create and sends it again once (the server did not act on it)', async () => {
    const backend = await nockBackend();
    const sys = systemFor(backend);
    await sys.requestTypes(); // so that the 429 meets the create itself
    backend.rateLimitNext(0);
    const ref = await sys.createTicket({ subject: 'After the burst', description: plainDoc('x'), group: { id: '10' } }, 'deskbridge_dwp_zendesk_8101');
    expect(sys.http.metrics.rateLimited).toBe(1);
    expect(sys.http.metrics.byRoute.get('POST /rest/api/3/issue')).toBe(2);
    expect(await sys.findByStamp('deskbridge_dwp_zendesk_8101')).toMatchObject({ id: ref.id });
    sys.close();
  });
});

describe('logging', () => {
  it('logs ids, routes and counts but no bodies, subjects, names, emails or credentials', async () => {
    const { logger, text } = capturedLogger();
    const backend = await nockBackend();
    const sys = systemFor(backend, { logger });
    const { id } = await backend.seedIssue({ summary: 'Confidential: Jane Doe payroll', requestTypeId: '10', comments: [{ text: 'Her NI number is QQ123456C', public: false }] });
    await sys.getTicket(id);
    await sys.addComment(id, { body: plainDoc('Reply mentioning jane.doe@example.org'), public: true });
    await sys.createTicket({ subject: 'Secret subject', description: plainDoc('Secret body'), group: { id: '10' } }, 'deskbridge_dwp_zendesk_9001');
    await sys.updateTicket(id, { status: 'In progress', subject: 'Another secret' });
    const logs = text();
    expect(logs).toContain('"issueId"');
    for (const secret of ['Jane', 'QQ123456C', 'jane.doe', 'Secret', 'Another secret', 'Fred', 'fred@example.org', TEST_TOKEN, 'Basic '])
      expect(logs).not.toContain(secret);
    sys.close();
  });
});
