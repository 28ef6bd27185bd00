import { afterEach, describe, expect, it } from 'vitest';
import { planConnection, replayDeadLetter, describeOp } from '../../src/engine/index.ts';
import { linkStamp } from '../../src/model/index.ts';
import { SqliteStore } from '../../src/store/sqlite-store.ts';
import { CUSTOMER, JSM_AGENT, ZENDESK_AGENT, createWorld, testConnection, type World } from '../support/engine-world.ts';

let w: World;
afterEach(async () => {
  await w.close();
});

async function linkedPair(world: World, subject = 'Printer on floor 3 offline') {
  const z = world.zendesk.seed({ subject, status: 'open', priority: 'normal', group: { id: '9001', name: '1st line' } });
  await world.sync();
  const link = (await world.store.getLinkBy('demo', 'zendesk', z.ref.id))!;
  return { zId: z.ref.id, jId: link.jsmId };
}

describe('closed Zendesk tickets', () => {
  it('reports a JSM change for a closed ticket once and writes nothing to it (closedTickets: report)', async () => {
    w = await createWorld();
    const { zId, jId } = await linkedPair(w);
    w.zendesk.humanUpdate(zId, { status: 'closed' });
    await w.sync();
    expect(w.jsm.peek(jId).status).toBe('Closed');
    w.jsm.humanComment(jId, 'Customer says it is broken again.', { public: true, author: JSM_AGENT });
    w.jsm.humanUpdate(jId, { priority: 'Highest' });
    const s = await w.sync();
    expect(s.apiCalls.zendesk.write).toBe(0);
    expect(w.zendesk.peek(zId).comments).toHaveLength(0);
    const reports = (await w.store.listAudit({ connection: 'demo' })).filter((a) => a.action === 'closed-ticket-change-reported');
    expect(reports).toHaveLength(1);
    expect(reports[0]!.detail).toMatchObject({ fields: 'priority', comments: 1 });
    w.jsm.humanUpdate(jId, { subject: 'Printer on floor 3 offline' }); // touched, nothing new
    await w.sync();
    expect((await w.store.listAudit({ connection: 'demo' })).filter((a) => a.action === 'closed-ticket-change-reported')).toHaveLength(1);
  });

  it('opens a follow-up for a JSM change to a closed ticket and relinks the issue (closedTickets: followup)', async () => {
    w = await createWorld({ connection: testConnection({ closedTickets: 'followup' }) });
    const { zId, jId } = await linkedPair(w);
    w.zendesk.humanComment(zId, 'Fixed by replacing the fuser.', { public: true, author: ZENDESK_AGENT });
    await w.sync();
    w.zendesk.humanUpdate(zId, { status: 'closed' });
    await w.sync();
    w.jsm.humanComment(jId, 'It has failed again.', { public: false, author: JSM_AGENT });
    const s = await w.sync();

    expect(s.tickets.created.zendesk).toBe(1);
    const followUp = w.zendesk.all().find((t) => t.followUpOf === zId)!;
    expect(followUp).toBeDefined();
    expect(followUp.linkStamp).toBe(linkStamp('demo', { system: 'jsm', id: jId }));
    expect(followUp.comments.map((c) => c.public)).toEqual([false]);
    expect(JSON.stringify(followUp.comments[0]!.body)).toContain('It has failed again.');
    expect(w.zendesk.peek(zId).comments).toHaveLength(1);
    // The follow-up opens (never closed: it must be able to take the next change) and the JSM issue reopens with it.
    expect(followUp.status).toBe('open');
    expect(w.jsm.peek(jId).status).toBe('In progress');
    const link = (await w.store.getLinkBy('demo', 'jsm', jId))!;
    expect(link.zendeskId).toBe(followUp.ref.id);
    expect(await w.store.getLinkBy('demo', 'zendesk', zId)).toBeNull();
    const again = await w.sync();
    expect(again.tickets.created).toEqual({ zendesk: 0, jsm: 0 });
    expect(again.comments.created).toEqual({ zendesk: 0, jsm: 0 });
  });
});

describe('failures, recovery and replay', () => {
  it('reads back a comment whose response was lost instead of posting it twice', async () => {
    w = await createWorld();
    const { zId, jId } = await linkedPair(w);
    w.zendesk.humanComment(zId, 'Toner replaced.', { public: true, author: ZENDESK_AGENT });
    w.jsm.failNext('addComment', 'drop-response');
    const s = await w.sync();
    expect(s.deadLetters).toBe(0);
    expect(w.jsm.peek(jId).comments).toHaveLength(1);
    expect(w.jsm.calls.listComments).toBe(1);
    await w.sync();
    expect(w.jsm.peek(jId).comments).toHaveLength(1);
  });

  it('links a ticket created before a crash (pending intent) without creating it again', async () => {
    w = await createWorld();
    const z = w.zendesk.seed({ subject: 'Laptop will not boot', status: 'open' });
    // The crash: the JSM issue exists with its stamp and the intent is stored, but no link was written.
    const stamp = linkStamp('demo', z.ref);
    const created = await w.jsm.createTicket({ subject: 'Laptop will not boot', description: z.description }, stamp);
    await w.store.putCreateIntent({ id: 'intent-1', connection: 'demo', target: 'jsm', sourceId: z.ref.id, linkStamp: stamp, createdAt: new Date().toISOString() });
    const s = await w.sync();
    expect(s.tickets.created.jsm).toBe(0);
    expect(w.jsm.all()).toHaveLength(1);
    expect((await w.store.getLinkBy('demo', 'zendesk', z.ref.id))?.jsmId).toBe(created.id);
    expect(w.zendesk.peek(z.ref.id).linkStamp).toBe(linkStamp('demo', created));
    expect(await w.store.listCreateIntents('demo')).toEqual([]);
  });

  it('dead-letters an unmappable JSM status naming the config path, then replays it once the map is fixed', async () => {
    w = await createWorld();
    const { zId, jId } = await linkedPair(w);
    w.jsm.humanUpdate(jId, { status: 'Awaiting parts' });
    const s = await w.sync();
    expect(s.deadLetters).toBe(1);
    const [dl] = await w.store.listDeadLetters({ connection: 'demo' });
    expect(dl).toMatchObject({ system: 'jsm', ticketId: jId, kind: 'Unmappable' });
    expect(dl!.reason).toContain('statuses.jsm["Awaiting parts"]');

    const fixed = testConnection({
      statuses: { ...w.connection.statuses, jsm: { ...w.connection.statuses.jsm, 'Awaiting parts': 'on_hold' } },
    });
    const r = await replayDeadLetter(w.deps({ connection: fixed }), dl!.id);
    expect(r.resolved).toBe(true);
    expect(w.zendesk.peek(zId).status).toBe('hold');
    expect(await w.store.listDeadLetters({ connection: 'demo' })).toEqual([]);
  });

  it('keeps the dead letter open when its replay fails again', async () => {
    w = await createWorld();
    const { jId } = await linkedPair(w);
    w.jsm.humanUpdate(jId, { status: 'Awaiting parts' });
    await w.sync();
    const [dl] = await w.store.listDeadLetters({ connection: 'demo' });
    const r = await replayDeadLetter(w.deps(), dl!.id);
    expect(r.resolved).toBe(false);
    expect(r.failures[0]!.errorKind).toBe('Unmappable');
    const open = await w.store.listDeadLetters({ connection: 'demo' });
    expect(open).toHaveLength(1);
  });

  it('still copies a comment when the same ticket\'s field update is refused, and replays the update later', async () => {
    w = await createWorld();
    const { zId, jId } = await linkedPair(w);
    const { Invalid } = await import('../../src/http/errors.ts');
    w.zendesk.humanUpdate(zId, { status: 'hold' });
    w.zendesk.humanComment(zId, 'Waiting on the supplier.', { public: false, author: ZENDESK_AGENT });
    w.jsm.failNext('updateTicket', new Invalid('no transition to Pending', { system: 'jsm', method: 'POST', route: '/rest/api/3/issue/{id}/transitions', status: 400 }));
    const s = await w.sync();
    expect(s.deadLetters).toBe(1);
    expect(s.comments.created.jsm).toBe(1);
    expect(w.jsm.peek(jId).status).toBe('Waiting for support');
    const [dl] = await w.store.listDeadLetters({ connection: 'demo' });
    expect(dl).toMatchObject({ system: 'zendesk', ticketId: zId, kind: 'Invalid' });
    expect(dl!.reason).toContain('no transition to Pending');
    const r = await replayDeadLetter(w.deps(), dl!.id);
    expect(r.resolved).toBe(true);
    expect(w.jsm.peek(jId).status).toBe('Pending');
    expect(w.jsm.peek(jId).comments).toHaveLength(1);
  });

  it('stops the connection with an alert when credentials are refused', async () => {
    w = await createWorld();
    const { zId } = await linkedPair(w);
    const { AuthFailed } = await import('../../src/http/errors.ts');
    w.zendesk.humanUpdate(zId, { priority: 'urgent' });
    w.jsm.failNext('getTicket', new AuthFailed('401', { system: 'jsm', method: 'GET', route: '/rest/api/3/issue/{id}', status: 401 }));
    await expect(w.sync()).rejects.toMatchObject({ name: 'ConnectionStopped', system: 'jsm' });
    expect(await w.store.listDeadLetters({ connection: 'demo' })).toEqual([]);
  });

  it('audits a deleted counterpart and writes nothing', async () => {
    w = await createWorld();
    const { zId, jId } = await linkedPair(w);
    w.jsm.humanDelete(jId);
    w.zendesk.humanUpdate(zId, { priority: 'urgent' });
    const s = await w.sync();
    expect(s.apiCalls.jsm.write + s.apiCalls.zendesk.write).toBe(0);
    const audit = await w.store.listAudit({ connection: 'demo' });
    expect(audit.some((a) => a.action === 'counterpart-deleted' && a.ticketId === jId)).toBe(true);
  });
});

describe('conflicts', () => {
  it('settles a field changed on both sides by the newest change and audits it', async () => {
    w = await createWorld();
    const { zId, jId } = await linkedPair(w);
    w.zendesk.humanUpdate(zId, { priority: 'urgent' });
    w.jsm.humanUpdate(jId, { priority: 'Low' }); // later
    const s = await w.sync();
    expect(s.conflicts).toBe(1);
    expect(w.zendesk.peek(zId).priority).toBe('low');
    expect(w.jsm.peek(jId).priority).toBe('Low');
    const audit = (await w.store.listAudit({ connection: 'demo' })).find((a) => a.action === 'conflict')!;
    expect(audit.detail).toEqual({ field: 'priority', policy: 'newest', winner: 'jsm' });
  });

  it('flags a conflict for a human once, writing neither side', async () => {
    w = await createWorld({ connection: testConnection({ fields: { priority: { direction: 'both', conflict: 'flag' } } }) });
    const { zId, jId } = await linkedPair(w);
    w.zendesk.humanUpdate(zId, { priority: 'urgent' });
    w.jsm.humanUpdate(jId, { priority: 'Low' });
    const s = await w.sync();
    expect(s.conflicts).toBe(1);
    expect(s.apiCalls.zendesk.write + s.apiCalls.jsm.write).toBe(0);
    w.zendesk.humanUpdate(zId, { subject: 'Printer on floor 3 offline' });
    const again = await w.sync();
    expect(again.conflicts).toBe(0);
  });
});

describe('lost store and dry run', () => {
  it('rebuilds links from the stamps with a fresh store: no duplicate tickets or comments', async () => {
    w = await createWorld();
    const { zId, jId } = await linkedPair(w);
    w.zendesk.humanComment(zId, 'Toner replaced.', { public: true, author: CUSTOMER });
    await w.sync();
    const fresh = new SqliteStore(':memory:');
    await fresh.migrate();
    const s = await w.sync({ store: fresh });
    expect(s.tickets.created).toEqual({ zendesk: 0, jsm: 0 });
    expect(s.comments.created).toEqual({ zendesk: 0, jsm: 0 });
    expect((await fresh.getLinkBy('demo', 'zendesk', zId))?.jsmId).toBe(jId);
    const after = await w.sync({ store: fresh });
    expect(after.apiCalls.zendesk.write + after.apiCalls.jsm.write).toBe(0);
    await fresh.close();
  });

  it('plans without writing or moving checkpoints', async () => {
    w = await createWorld();
    w.zendesk.seed({ subject: 'Printer on floor 3 offline', status: 'open' });
    const plan = await planConnection(w.deps());
    expect(plan.tickets).toHaveLength(1);
    expect(plan.tickets[0]!.ops.map((op) => op.kind)).toEqual(['create', 'stamp']);
    expect(describeOp(plan.tickets[0]!.ops[0]!)).toBe('create jsm ticket from zendesk:1');
    expect(plan.summary.tickets.created.jsm).toBe(1);
    expect(w.zendesk.metrics.write + w.jsm.metrics.write).toBe(0);
    expect(await w.store.getCheckpoint('demo', 'zendesk')).toBeNull();
    expect(JSON.parse(JSON.stringify(plan.tickets))).toEqual(plan.tickets);
  });
});

describe('reads and concurrency', () => {
  it('does not re-read a linked ticket the feed repeats once it was found in sync', async () => {
    w = await createWorld({ jsmOverlap: 50 });
    w.zendesk.seed({ subject: 'A', status: 'open' });
    w.jsm.seed({ subject: 'B', status: 'Waiting for support', priority: 'Medium' });
    await w.sync();
    await w.sync();
    const reads = w.jsm.calls.getTicket + w.zendesk.calls.getTicket;
    const quiet = await w.sync();
    // Only the feed pages are read (the overlap repeats both issues); no ticket is read again.
    expect(w.jsm.calls.getTicket + w.zendesk.calls.getTicket).toBe(reads);
    expect(quiet.apiCalls.jsm).toEqual({ read: 2, write: 0 });
    expect(quiet.tickets.unchanged).toBeGreaterThanOrEqual(2);
  });

  it('makes the Zendesk requester of a ticket from JSM the reporter, by email', async () => {
    w = await createWorld();
    const j = w.jsm.seed({ subject: 'Locked out', status: 'Waiting for support', priority: 'Medium', requester: CUSTOMER });
    await w.sync();
    const link = (await w.store.getLinkBy('demo', 'jsm', j.ref.id))!;
    expect(link.origin).toBe('jsm');
    expect(w.zendesk.createdWith.get(link.zendeskId)?.requester).toEqual({ id: 'jsm:1001', email: 'margaret.evans@example.org', name: 'Margaret Evans' });
  });

  it('never lets two concurrent runs create one ticket twice (per-ticket lock)', async () => {
    w = await createWorld({ zendeskPageSize: 3 });
    for (let i = 0; i < 9; i++) w.zendesk.seed({ subject: `Ticket ${i}`, status: 'open' });
    await Promise.all([w.sync({ concurrency: 8 }), w.sync({ concurrency: 8 })]);
    expect(w.jsm.all()).toHaveLength(9);
    expect(await w.store.listLinks('demo')).toHaveLength(9);
  });
});
