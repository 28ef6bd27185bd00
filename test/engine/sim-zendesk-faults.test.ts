import { afterEach, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/simulators/zendesk/index.ts';

const AUTH = `Basic ${Buffer.from('sync-bot@example.gov.uk/token:zd-test-token').toString('base64')}`;

function request(base: string, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: AUTH };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe('Zendesk simulator: rate limits, faults and stats', () => {
  let sim: ZendeskSimulator;
  afterEach(() => sim.close());

  it('answers 429 with Retry-After once the account budget of the minute is spent, and recovers next minute', async () => {
    sim = new ZendeskSimulator({ rateLimitPerMinute: 5 });
    const base = await sim.listen();
    const first = await request(base, 'GET', '/api/v2/groups.json');
    expect(first.headers.get('x-rate-limit')).toBe('5');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('4');
    for (let i = 0; i < 4; i++) expect((await request(base, 'GET', '/api/v2/groups.json')).status).toBe(200);
    const limited = await request(base, 'GET', '/api/v2/groups.json');
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    sim.clock.advance(wait * 1000);
    expect((await request(base, 'GET', '/api/v2/groups.json')).status).toBe(200);
  });

  it('limits Update Ticket separately, leaving reads of the same ticket alone', async () => {
    sim = new ZendeskSimulator({ updateRateLimitPerMinute: 2 });
    const base = await sim.listen();
    const t = sim.createTicketDirect({ subject: 'A', comment: { body: 'x' } });
    const put = () => request(base, 'PUT', `/api/v2/tickets/${t.id}.json`, { ticket: { priority: 'high' } });
    expect((await put()).status).toBe(200);
    expect((await put()).status).toBe(200);
    const limited = await put();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await request(base, 'GET', `/api/v2/tickets/${t.id}.json`)).status).toBe(200);
  });

  it('commits a write whose response is dropped', async () => {
    sim = new ZendeskSimulator();
    const base = await sim.listen();
    sim.harness.setFaults({ dropNextWrites: 1 });
    const create = request(base, 'POST', '/api/v2/tickets.json', { ticket: { subject: 'Lost reply', external_id: 'deskbridge_c1_jsm_10077', comment: { body: 'x' } } });
    await expect(create).rejects.toThrow();
    const found = (await (await request(base, 'GET', '/api/v2/tickets.json?external_id=deskbridge_c1_jsm_10077')).json()) as { tickets: { subject: string }[] };
    expect(found.tickets).toHaveLength(1);
    expect(found.tickets[0]?.subject).toBe('Lost reply');
  });

  it('fails about the configured share of requests with 5xx, and all of them at rate 1', async () => {
    sim = new ZendeskSimulator({ seed: 5, rateLimitPerMinute: 0 });
    const base = await sim.listen();
    sim.harness.setFaults({ errorRate: 0.3 });
    const statuses = await Promise.all(Array.from({ length: 200 }, () => request(base, 'GET', '/api/v2/groups.json').then((r) => r.status)));
    const failed = statuses.filter((s) => s >= 500).length;
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(90);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    sim.harness.setFaults({ errorRate: 1 });
    expect((await request(base, 'GET', '/api/v2/groups.json')).status).toBe(503);
  });

  it('adds the configured latency and can leave a request unanswered', async () => {
    sim = new ZendeskSimulator();
    const base = await sim.listen();
    sim.harness.setFaults({ latencyMs: 150 });
    const t0 = Date.now();
    await request(base, 'GET', '/api/v2/groups.json');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    sim.harness.setFaults({ latencyMs: 0, timeoutRate: 1, timeoutHangMs: 50 });
    await expect(request(base, 'GET', '/api/v2/groups.json')).rejects.toThrow();
  });

  it('counts requests per method and route at /__sim/stats, folding the .json suffix', async () => {
    sim = new ZendeskSimulator();
    const base = await sim.listen();
    const t = sim.createTicketDirect({ subject: 'A', comment: { body: 'x' } });
    await request(base, 'GET', `/api/v2/tickets/${t.id}.json`);
    await request(base, 'GET', `/api/v2/tickets/${t.id}`);
    await request(base, 'PUT', `/api/v2/tickets/${t.id}.json`, { ticket: { comment: { body: 'y' } } });
    await request(base, 'GET', '/api/v2/incremental/tickets/cursor.json?start_time=0');
    const stats = (await (await fetch(`${base}/__sim/stats`)).json()) as { requests: Record<string, number> };
    expect(stats.requests).toEqual({
      'GET /api/v2/incremental/tickets/cursor': 1,
      'GET /api/v2/tickets/:id': 2,
      'PUT /api/v2/tickets/:id': 1,
    });
    expect(sim.harness.writeCount()).toBe(1);
  });
});
