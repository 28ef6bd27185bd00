import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpClient, type HttpClientOptions } from '../../src/http/client.ts';
import { AuthFailed, Invalid, NotFound, RateLimited, Transient } from '../../src/http/errors.ts';
import { silentLogger } from '../../src/logging/logger.ts';

const BASE = 'https://dwp-help.zendesk.com';
const TOKEN_AUTH = { kind: 'basic' as const, username: 'sync-bot@example.gov.uk/token', password: 'zd-test-token' };

function client(over: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    system: 'zendesk',
    baseUrl: BASE,
    auth: TOKEN_AUTH,
    requestsPerMinute: 600,
    logger: silentLogger(),
    retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 40 },
    ...over,
  });
}

/** nock hangs on a plain-object error: it needs a real Error carrying the socket code. */
const connectionReset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

const clients: HttpClient[] = [];
const make = (over: Partial<HttpClientOptions> = {}) => {
  const c = client(over);
  clients.push(c);
  return c;
};

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  nock.cleanAll();
});

describe('HttpClient', () => {
  it('a 429 pauses the queue for Retry-After and then succeeds', async () => {
    const hits: { path: string; at: number }[] = [];
    const record = (path: string) => {
      hits.push({ path, at: Date.now() });
    };
    nock(BASE)
      .get('/api/v2/tickets/1.json')
      .reply(() => (record('a'), [429, { error: 'TooManyRequests', description: 'Rate limit exceeded' }, { 'Retry-After': '1' }]))
      .get('/api/v2/tickets/1.json')
      .reply(() => (record('a'), [200, { ticket: { id: 1 } }]))
      .get('/api/v2/tickets/2.json')
      .reply(() => (record('b'), [200, { ticket: { id: 2 } }]));
    const http = make({ retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 1_000 } });
    const started = Date.now();
    const a = http.request({ method: 'GET', path: '/api/v2/tickets/1.json' });
    await vi.waitFor(() => expect(http.paused).toBe(true), { timeout: 2_000, interval: 5 });
    // A second caller arriving during the pause waits too: the whole system is paused, not just the route.
    const b = http.request({ method: 'GET', path: '/api/v2/tickets/2.json' });
    const [ra, rb] = await Promise.all([a, b]);

    expect(ra.data).toEqual({ ticket: { id: 1 } });
    expect(rb.data).toEqual({ ticket: { id: 2 } });
    const limitedAt = hits[0]!.at;
    const later = hits.slice(1);
    expect(later.map((h) => h.path).sort()).toEqual(['a', 'b']);
    for (const h of later) expect(h.at - limitedAt).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(http.metrics.rateLimited).toBe(1);
    expect(http.paused).toBe(false);
  });

  it('a 5xx on a GET retries', async () => {
    const scope = nock(BASE)
      .get('/api/v2/groups.json')
      .reply(502, 'Bad Gateway')
      .get('/api/v2/groups.json')
      .reply(503, { error: 'ServiceUnavailable' })
      .get('/api/v2/groups.json')
      .reply(200, { groups: [{ id: 9001, name: '1st line' }] });
    const http = make();
    const res = await http.request({ method: 'GET', path: '/api/v2/groups.json' });
    expect(res.data).toEqual({ groups: [{ id: 9001, name: '1st line' }] });
    expect(scope.isDone()).toBe(true);
    expect(http.metrics.retries).toBe(2);
    expect(http.metrics.read).toBe(3);
  });

  it('a dropped connection on a GET retries', async () => {
    nock(BASE).get('/api/v2/users/me.json').replyWithError(connectionReset()).get('/api/v2/users/me.json').reply(200, { user: { id: 100 } });
    const res = await make().request({ method: 'GET', path: '/api/v2/users/me.json' });
    expect(res.data).toEqual({ user: { id: 100 } });
  });

  it('gives up on a GET that keeps failing after the attempts cap, as Transient', async () => {
    const scope = nock(BASE).get('/api/v2/groups.json').times(4).reply(500, { error: 'InternalError' });
    const err = await make().request({ method: 'GET', path: '/api/v2/groups.json' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Transient);
    expect((err as Transient).outcomeUnknown).toBe(false);
    expect(scope.isDone()).toBe(true);
  });

  describe('a POST create is never blindly retried', () => {
    const faults = [
      { name: 'a 503', reply: (i: nock.Interceptor) => i.reply(503, { error: 'ServiceUnavailable' }) },
      { name: 'a 500', reply: (i: nock.Interceptor) => i.reply(500, { error: 'InternalError' }) },
      { name: 'a dropped connection', reply: (i: nock.Interceptor) => i.replyWithError(connectionReset()) },
    ];
    it.each(faults)('after $name it fails as Transient with an unknown outcome, having sent one request', async ({ reply }) => {
      let requests = 0;
      const scope = nock(BASE);
      reply(scope.post('/api/v2/tickets.json', () => (requests++, true)));
      // A second interceptor that a retry would consume.
      scope.post('/api/v2/tickets.json').reply(201, { ticket: { id: 2 } });
      const err = await make()
        .request({ method: 'POST', path: '/api/v2/tickets.json', body: { ticket: { subject: 'x', comment: { body: 'y' } } } })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Transient);
      expect((err as Transient).outcomeUnknown).toBe(true);
      expect(requests).toBe(1);
      expect(scope.pendingMocks()).toHaveLength(1);
    });
  });

  it('retries a PUT marked non-idempotent neither (a ticket update carrying a comment)', async () => {
    const scope = nock(BASE).put('/api/v2/tickets/7.json').reply(503, {}).put('/api/v2/tickets/7.json').reply(200, {});
    const err = await make()
      .request({ method: 'PUT', path: '/api/v2/tickets/7.json', body: { ticket: { comment: { body: 'x', public: false } } }, idempotent: false })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Transient);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('retries a field-only PUT (idempotent by default)', async () => {
    const scope = nock(BASE).put('/api/v2/tickets/7.json').reply(503, {}).put('/api/v2/tickets/7.json').reply(200, { ticket: { id: 7 } });
    await make().request({ method: 'PUT', path: '/api/v2/tickets/7.json', body: { ticket: { priority: 'high' } } });
    expect(scope.isDone()).toBe(true);
  });

  it('retries a 429 on a POST: the server did not act on it', async () => {
    const scope = nock(BASE)
      .post('/api/v2/tickets.json')
      .reply(429, {}, { 'Retry-After': '0' })
      .post('/api/v2/tickets.json')
      .reply(201, { ticket: { id: 3 } });
    const res = await make().request({ method: 'POST', path: '/api/v2/tickets.json', body: {} });
    expect(res.status).toBe(201);
    expect(scope.isDone()).toBe(true);
  });

  const finals = [
    { status: 401, type: AuthFailed, body: { error: "Couldn't authenticate you" } },
    { status: 403, type: AuthFailed, body: { error: 'Forbidden' } },
    { status: 404, type: NotFound, body: { error: 'RecordNotFound', description: 'Not found' } },
    { status: 422, type: Invalid, body: { error: 'RecordInvalid', description: 'Record validation errors' } },
  ];
  it.each(finals)('fails at once on a $status, without a retry', async ({ status, type, body }) => {
    const scope = nock(BASE).get('/api/v2/tickets/9.json').reply(status, body).get('/api/v2/tickets/9.json').reply(200, {});
    const err = await make().request({ method: 'GET', path: '/api/v2/tickets/9.json' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(type);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('gives up with RateLimited when every attempt is rate limited', async () => {
    nock(BASE).get('/api/v2/groups.json').times(4).reply(429, {}, { 'Retry-After': '0' });
    const err = await make().request({ method: 'GET', path: '/api/v2/groups.json' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimited);
  });

  it('sends token auth as Basic {email}/token:{token} and OAuth as a bearer token', async () => {
    const basic = `Basic ${Buffer.from('sync-bot@example.gov.uk/token:zd-test-token').toString('base64')}`;
    nock(BASE, { reqheaders: { authorization: basic } }).get('/api/v2/users/me.json').reply(200, { user: { id: 100 } });
    await make().request({ method: 'GET', path: '/api/v2/users/me.json' });
    nock(BASE, { reqheaders: { authorization: 'Bearer zd-oauth-token' } }).get('/api/v2/users/me.json').reply(200, { user: { id: 100 } });
    await make({ auth: { kind: 'bearer', token: 'zd-oauth-token' } }).request({ method: 'GET', path: '/api/v2/users/me.json' });
  });

  it('counts reads and writes by route template', async () => {
    nock(BASE).get('/api/v2/tickets/1.json').reply(200, {}).get('/api/v2/tickets/2.json').reply(200, {}).post('/api/v2/search/export', () => true).reply(200, {});
    const http = make();
    await http.request({ method: 'GET', path: '/api/v2/tickets/1.json', route: 'GET /api/v2/tickets/{id}.json' });
    await http.request({ method: 'GET', path: '/api/v2/tickets/2.json', route: 'GET /api/v2/tickets/{id}.json' });
    await http.request({ method: 'POST', path: '/api/v2/search/export', body: {}, kind: 'read' });
    expect(http.metrics.snapshot()).toEqual({ read: 3, write: 0 });
    expect(http.metrics.byRoute.get('GET /api/v2/tickets/{id}.json')).toBe(2);
  });
});

describe('per-endpoint budgets', () => {
  it('holds ticket updates to their own budget while other calls go on', async () => {
    const route = 'PUT /api/v2/tickets/{id}.json';
    const c = make({ routeBudgets: { [route]: 2 }, budgetIntervalMs: 400 });
    nock(BASE).put(/\/api\/v2\/tickets\/\d+\.json/).times(3).reply(200, { ticket: {} });
    nock(BASE).get('/api/v2/groups.json').reply(200, { groups: [] });
    const started = Date.now();
    const at: Record<string, number> = {};
    const put = (id: number) =>
      c.request({ method: 'PUT', path: `/api/v2/tickets/${id}.json`, body: { ticket: { priority: 'high' } }, route }).then(() => (at[`put${id}`] = Date.now() - started));
    const get = c.request({ method: 'GET', path: '/api/v2/groups.json' }).then(() => (at.get = Date.now() - started));
    await Promise.all([put(1), put(2), put(3), get]);
    // The third update waits for the next window; the first and the unrelated read do not.
    expect(at.put3).toBeGreaterThanOrEqual(350);
    expect(at.put3! - at.put1!).toBeGreaterThanOrEqual(300);
    expect(at.put3! - at.get!).toBeGreaterThanOrEqual(300);
  });
});
