import { afterEach, describe, expect, it } from 'vitest';
import { toCanonical } from '../../src/engine/index.ts';
import { simWorld, type SimWorld } from '../support/sim-world.ts';

/** The core sync, end to end: real adapters, engine and SQLite store against both simulators. */

let world: SimWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A linked pair, both sides open, for change tests. */
async function openPair(w: SimWorld): Promise<{ zendeskId: string; jsmKey: string }> {
  for (const l of await w.rt.store.listLinks(w.c.connection.id)) {
    const z = w.sims.zendesk.ticket(Number(l.zendeskId)) as { status: string } | undefined;
    const j = w.sims.jsm.issue(l.jsmKey);
    if (z && j && !['closed', 'solved'].includes(z.status) && !['Closed', 'Resolved'].includes(j.status)) return { zendeskId: l.zendeskId, jsmKey: l.jsmKey };
  }
  throw new Error('no open linked pair');
}

describe('two-way sync against the simulators', () => {
  it('links every in-scope ticket exactly once, with statuses, priorities and groups mapped', async () => {
    world = await simWorld({ zendeskTickets: 40, jsmTickets: 30 });
    const first = await world.sync();
    const links = await world.rt.store.listLinks(world.c.connection.id);
    const dead = await world.rt.store.listDeadLetters();
    expect(first.tickets.created.jsm + first.tickets.created.zendesk).toBe(links.length);
    // Every seeded ticket is linked or dead-lettered with a reason; none twice.
    const zIds = new Set(links.map((l) => l.zendeskId));
    const jIds = new Set(links.map((l) => l.jsmId));
    expect(zIds.size).toBe(links.length);
    expect(jIds.size).toBe(links.length);
    const deadZ = new Set(dead.filter((d) => d.system === 'zendesk').map((d) => d.ticketId));
    const deadJ = new Set(dead.filter((d) => d.system === 'jsm').map((d) => d.ticketId));
    // Closed tickets are history: they get no counterpart. Everything else is linked or dead-lettered.
    const unlinkedOpenZ = world.sims.zendesk.tickets().filter((t) => t.status !== 'closed' && !zIds.has(String(t.id)));
    for (const t of unlinkedOpenZ) expect(deadZ.has(String(t.id)), `zendesk ${t.id}`).toBe(true);
    const unlinkedOpenJ = world.sims.jsm.issues().filter((i) => i.status !== 'Closed' && !jIds.has(i.id));
    for (const i of unlinkedOpenJ) expect(deadJ.has(i.id), `jsm ${i.key}`).toBe(true);
    expect(links.length).toBeGreaterThan(40);
    expect(world.sims.zendesk.tickets().length).toBe(40 + first.tickets.created.zendesk);
    expect(world.sims.jsm.issues().length).toBe(30 + first.tickets.created.jsm);
    for (const i of world.sims.jsm.issues()) expect(i.labels.filter((l) => l.startsWith('deskbridge_')).length).toBeLessThanOrEqual(1);
    // Canonical status, priority and group agree on both sides of every link.
    let compared = 0;
    for (const l of links.slice(0, 25)) {
      const [z, j] = await Promise.all([world.c.zendesk.getTicket(l.zendeskId), world.c.jsm.getTicket(l.jsmId)]);
      const cz = toCanonical(world.c.connection, z!);
      const cj = toCanonical(world.c.connection, j!);
      if (!cz.ok || !cj.ok) continue;
      if (z!.closed) continue; // a closed Zendesk ticket keeps its last state
      expect(cj.value.priority, `priority of ${l.zendeskId}`).toBe(cz.value.priority);
      expect(cj.value.status, `status of ${l.zendeskId}`).toBe(cz.value.status);
      expect(world.sims.zendesk.ticket(Number(l.zendeskId))!.group_id !== undefined).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('makes zero write calls on a second sync with no change', async () => {
    world = await simWorld({ zendeskTickets: 30, jsmTickets: 20 });
    await world.sync();
    world.tick();
    world.resetStats();
    const second = await world.sync();
    expect(world.writes()).toEqual({ zendesk: 0, jsm: 0 });
    expect(second.apiCalls.zendesk.write + second.apiCalls.jsm.write).toBe(0);
  });

  it('writes exactly the changed field on the other side, in one write call', async () => {
    world = await simWorld({ zendeskTickets: 20, jsmTickets: 10 });
    await world.sync();
    world.tick();
    await world.sync();
    const pair = await openPair(world);
    const before = world.sims.jsm.issue(pair.jsmKey)!;
    const target = before.priorityId === '1' ? 'low' : 'urgent';
    world.sims.zendesk.updateTicketDirect(Number(pair.zendeskId), { priority: target });
    world.tick();
    world.resetStats();
    await world.sync();
    expect(world.writes()).toEqual({ zendesk: 0, jsm: 1 });
    const after = world.sims.jsm.issue(pair.jsmKey)!;
    expect(after.priorityId).toBe(target === 'urgent' ? '1' : '4');
    expect(after.summary).toBe(before.summary);

    // And the other way: a JSM summary edit is one Zendesk write.
    world.sims.jsm.updateIssueDirect(pair.jsmKey, { summary: 'Payments page times out for some users' });
    world.tick();
    world.resetStats();
    await world.sync();
    expect(world.writes()).toEqual({ zendesk: 1, jsm: 0 });
    expect(world.sims.zendesk.ticket(Number(pair.zendeskId))!.subject).toBe('Payments page times out for some users');
  });

  it('copies a new comment once, keeping an internal note internal and a public reply public', async () => {
    world = await simWorld({ zendeskTickets: 15, jsmTickets: 10 });
    await world.sync();
    const pair = await openPair(world);
    const jsmBefore = world.sims.jsm.comments(pair.jsmKey).length;
    world.sims.zendesk.addCommentDirect(Number(pair.zendeskId), { html_body: '<p>Checked the <b>load balancer</b> logs.</p>', public: false, author_id: 101 });
    world.tick();
    world.resetStats();
    await world.sync();
    const jsmComments = world.sims.jsm.comments(pair.jsmKey);
    expect(jsmComments.length).toBe(jsmBefore + 1);
    const copied = jsmComments.at(-1)!;
    expect(copied.public).toBe(false);
    expect(world.writes().jsm).toBe(1);

    const zBefore = world.sims.zendesk.comments(Number(pair.zendeskId)).length;
    world.sims.jsm.addCommentDirect(pair.jsmKey, { body: 'We have restarted the service; please try again.', public: true });
    world.tick();
    await world.sync();
    const zComments = world.sims.zendesk.comments(Number(pair.zendeskId));
    expect(zComments.length).toBe(zBefore + 1);
    expect(zComments.at(-1)!.public).toBe(true);
    // Nothing echoes back on the next run.
    world.tick();
    world.resetStats();
    await world.sync();
    expect(world.writes()).toEqual({ zendesk: 0, jsm: 0 });
  });

  it('lets the configured policy decide a field changed on both sides, and keeps different fields changed on each side', async () => {
    world = await simWorld({ zendeskTickets: 15, jsmTickets: 5, editConfig: (y) => y.replace('    customFields:', '    fields:\n      subject: { direction: both, conflict: jsm }\n    customFields:') });
    await world.sync();
    const pair = await openPair(world);
    world.sims.zendesk.updateTicketDirect(Number(pair.zendeskId), { subject: 'Zendesk wording' });
    world.sims.jsm.updateIssueDirect(pair.jsmKey, { summary: 'JSM wording' });
    world.tick();
    await world.sync();
    expect(world.sims.zendesk.ticket(Number(pair.zendeskId))!.subject).toBe('JSM wording');
    expect(world.sims.jsm.issue(pair.jsmKey)!.summary).toBe('JSM wording');
    const audit = await world.rt.store.listAudit({ connection: world.c.connection.id });
    expect(audit.some((a) => a.action.includes('conflict') && a.ticketId !== undefined)).toBe(true);

    // Different fields on each side: both kept.
    world.sims.zendesk.updateTicketDirect(Number(pair.zendeskId), { priority: 'urgent' });
    world.sims.jsm.updateIssueDirect(pair.jsmKey, { summary: 'Both edits survive' });
    world.tick();
    await world.sync();
    expect(world.sims.jsm.issue(pair.jsmKey)!.priorityId).toBe('1');
    expect(world.sims.zendesk.ticket(Number(pair.zendeskId))!.subject).toBe('Both edits survive');
    expect(world.sims.zendesk.ticket(Number(pair.zendeskId))!.priority).toBe('urgent');
  });

  it('creates no duplicate when a create commits but its response is lost', async () => {
    world = await simWorld({ zendeskTickets: 0, jsmTickets: 0 });
    const t = world.sims.zendesk.createTicketDirect({ subject: 'Cannot sign in to the service', comment: { html_body: '<p>Locked out since Monday.</p>' }, group_id: 9001, priority: 'high' });
    const j = world.sims.jsm.createIssueDirect({ summary: 'Monitoring alert: disk 95%', requestTypeId: '10' });
    world.tick();
    world.sims.jsm.harness.setFaults({ dropNextWrites: 1 });
    world.sims.zendesk.harness.setFaults({ dropNextWrites: 1 });
    await world.sync();
    await world.sync();
    const stampedJsm = world.sims.jsm.issues().filter((i) => i.labels.some((l) => l.endsWith(`_zendesk_${t.id}`)));
    expect(stampedJsm.length).toBe(1);
    const stampedZ = world.sims.zendesk.tickets().filter((x) => String(x.external_id ?? '').endsWith(`_jsm_${j.id}`));
    expect(stampedZ.length).toBe(1);
    expect(await world.rt.store.countLinks(world.c.connection.id)).toBe(2);
  });

  it('dead-letters what the mapping cannot express, with a clear reason, and carries on', async () => {
    world = await simWorld({ zendeskTickets: 0, jsmTickets: 0, editConfig: (y) => y.replace(/^\s+"custom:7002".*$/m, '') });
    const unmapped = world.sims.zendesk.createTicketDirect({ subject: 'Supplier fix pending', comment: { html_body: '<p>Waiting.</p>' }, group_id: 9001, status: 'hold', custom_status_id: 7002 });
    const missingImpact = world.sims.zendesk.createTicketDirect({ subject: 'API timeouts', comment: { html_body: '<p>504s</p>' }, group_id: 9002, priority: 'high' });
    const fine = world.sims.zendesk.createTicketDirect({ subject: 'Password reset', comment: { html_body: '<p>Please help</p>' }, group_id: 9001 });
    world.tick();
    const s = await world.sync();
    const dead = await world.rt.store.listDeadLetters();
    const reasonOf = (id: unknown) => dead.find((d) => d.ticketId === String(id))?.reason ?? '';
    expect(reasonOf(unmapped.id)).toMatch(/custom:7002/);
    expect(reasonOf(unmapped.id)).toMatch(/statuses\.zendesk/);
    expect(reasonOf(missingImpact.id)).toMatch(/Impact is required/);
    expect(s.deadLetters).toBeGreaterThanOrEqual(2);
    expect(await world.rt.store.getLinkBy(world.c.connection.id, 'zendesk', String(fine.id))).not.toBeNull();
  });
});
