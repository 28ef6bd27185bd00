import { afterEach, describe, expect, it } from 'vitest';
import { decodeExportCursor, encodeExportCursor, ZendeskSimulator } from '../../src/simulators/zendesk/index.ts';

const AUTH = `Basic ${Buffer.from('sync-bot@example.gov.uk/token:zd-test-token').toString('base64')}`;

async function get(base: string, path: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(base + path, { headers: { authorization: AUTH } });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** Follows after_cursor until end_of_stream; returns the ids in order and the pages' sizes. */
async function drain(base: string, first: string) {
  const ids: number[] = [];
  const sizes: number[] = [];
  let path = first;
  let last: any;
  for (let guard = 0; guard < 20; guard++) {
    const r = await get(base, path);
    expect(r.status).toBe(200);
    last = r.body;
    ids.push(...last.tickets.map((t: { id: number }) => t.id));
    sizes.push(last.tickets.length);
    if (last.end_of_stream) return { ids, sizes, afterCursor: last.after_cursor as string };
    path = `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(last.after_cursor)}&per_page=100`;
  }
  throw new Error('export did not reach end_of_stream');
}

describe('Zendesk simulator: incremental ticket export (cursor based)', () => {
  let sim: ZendeskSimulator;
  afterEach(() => sim.close());

  it('yields every ticket exactly once across pages when 250 tickets share one updated_at', async () => {
    sim = new ZendeskSimulator({ exportRateLimitPerMinute: 100 });
    const base = await sim.listen();
    const at = sim.clock.now() - 10 * 60_000;
    for (let i = 0; i < 250; i++) sim.createTicketDirect({ subject: `Alert ${i}`, comment: { body: 'Threshold breached' } }, { at });
    const start = Math.floor(at / 1000) - 1;
    const { ids, sizes } = await drain(base, `/api/v2/incremental/tickets/cursor.json?start_time=${start}&per_page=100`);
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(ids).size).toBe(250);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('holds back tickets changed in the last minute and returns them after the clock moves on', async () => {
    sim = new ZendeskSimulator();
    const base = await sim.listen();
    const old = sim.createTicketDirect({ subject: 'Old', comment: { body: 'x' } }, { at: sim.clock.now() - 3_600_000 });
    const start = Math.floor(sim.clock.now() / 1000) - 7200;
    const recent = sim.createTicketDirect({ subject: 'Recent', comment: { body: 'y' } });

    const first = await drain(base, `/api/v2/incremental/tickets/cursor.json?start_time=${start}`);
    expect(first.ids).toEqual([old.id]);

    const again = await get(base, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(first.afterCursor)}`);
    expect(again.body).toMatchObject({ tickets: [], end_of_stream: true, after_cursor: first.afterCursor });

    sim.clock.advance(61_000);
    const later = await drain(base, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(first.afterCursor)}`);
    expect(later.ids).toEqual([recent.id]);
  });

  it('returns an updated ticket again after its change, and a deleted one with status "deleted"', async () => {
    sim = new ZendeskSimulator();
    const base = await sim.listen();
    const a = sim.createTicketDirect({ subject: 'A', comment: { body: 'x' } }, { at: sim.clock.now() - 600_000 });
    const b = sim.createTicketDirect({ subject: 'B', comment: { body: 'y' } }, { at: sim.clock.now() - 600_000 });
    const first = await drain(base, `/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(sim.clock.now() / 1000) - 3600}`);
    expect(first.ids).toEqual([a.id, b.id]);
    sim.updateTicketDirect(a.id as number, { priority: 'high' });
    sim.deleteTicketDirect(b.id as number);
    sim.clock.advance(61_000);
    const r = await get(base, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(first.afterCursor)}`);
    expect(r.body.tickets.map((t: { id: number; status: string; priority: string }) => [t.id, t.status, t.priority])).toEqual([
      [a.id, 'new', 'high'],
      [b.id, 'deleted', null],
    ]);
    const kept = await get(base, `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(first.afterCursor)}&exclude_deleted=true`);
    expect(kept.body.tickets.map((t: { id: number }) => t.id)).toEqual([a.id]);
  });

  it('side-loads users and groups on request', async () => {
    sim = new ZendeskSimulator();
    const base = await sim.listen();
    sim.createTicketDirect({ subject: 'A', comment: { body: 'x' }, group_id: 9002, requester_id: 1001 }, { at: sim.clock.now() - 600_000 });
    const r = await get(base, `/api/v2/incremental/tickets/cursor.json?start_time=0&include=users,groups`);
    expect(r.body.groups.map((g: { id: number }) => g.id)).toEqual([9002]);
    expect(r.body.users.map((u: { id: number }) => u.id)).toContain(1001);
  });

  it.each([
    ['no start_time nor cursor', '', 400],
    ['a non-numeric start_time', '?start_time=yesterday', 400],
    ['a start_time in the future', `?start_time=${Math.floor(Date.now() / 1000) + 3600}`, 422],
    ['a malformed cursor', '?cursor=bm90LWEtY3Vyc29y', 400],
  ])('refuses %s', async (_name, query, status) => {
    sim = new ZendeskSimulator();
    const base = await sim.listen();
    const r = await get(base, `/api/v2/incremental/tickets/cursor.json${query}`);
    expect(r.status).toBe(status);
    expect(r.body.error).toEqual(expect.any(String));
  });

  it('limits the export to its own per-minute budget with 429 and Retry-After', async () => {
    sim = new ZendeskSimulator({ exportRateLimitPerMinute: 3 });
    const base = await sim.listen();
    const path = '/api/v2/incremental/tickets/cursor.json?start_time=0';
    for (let i = 0; i < 3; i++) expect((await get(base, path)).status).toBe(200);
    const limited = await get(base, path);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get(base, '/api/v2/groups.json')).status).toBe(200);
    sim.clock.advance(60_000);
    expect((await get(base, path)).status).toBe(200);
  });

  it.each([
    { ts: 1_576_613_539, id: 467 },
    { ts: 0, id: 0 },
    { ts: 1_700_000_000, id: 123_456_789 },
  ])('round-trips the cursor $ts/$id in Zendesk\'s encoding', (p) => {
    const c = encodeExportCursor(p);
    expect(decodeExportCursor(c)).toEqual(p);
  });

  it('decodes the cursor of the vendor example page', () => {
    expect(decodeExportCursor('MTU3NjYxMzUzOS4wfHw0Njd8')).toEqual({ ts: 1_576_613_539, id: 467 });
  });
});
