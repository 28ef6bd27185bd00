import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkStamp, plainDoc } from '../../src/model/index.ts';
import { CUSTOMER, JSM_AGENT, ZENDESK_AGENT, createWorld, type World } from '../support/engine-world.ts';

let w: World;
beforeEach(async () => {
  w = await createWorld();
});
afterEach(async () => {
  await w.close();
});

function seedZendesk(subject: string, extra: Parameters<World['zendesk']['seed']>[0] = { subject }) {
  return w.zendesk.seed({ group: { id: '9002', name: '2nd line' }, priority: 'high', status: 'open', customFields: { '360001': 'impact_high' }, ...extra, subject });
}

describe('syncConnection with in-memory systems', () => {
  it('links every in-scope ticket once on the first sync, stamped on both sides', async () => {
    const a = seedZendesk('Printer on floor 3 offline');
    const b = seedZendesk('VPN drops every hour', { subject: '', tags: ['vpn'] });
    const j = w.jsm.seed({ subject: 'Payroll export fails', status: 'In progress', priority: 'High', group: { id: '11', name: 'Report an incident' }, customFields: { customfield_10050: 'Medium' } });

    const summary = await w.sync();

    expect(summary.tickets.created).toEqual({ zendesk: 1, jsm: 2 });
    expect(summary.deadLetters).toBe(0);
    const links = await w.store.listLinks('demo');
    expect(links).toHaveLength(3);
    for (const id of [a.ref.id, b.ref.id]) {
      const link = links.find((l) => l.zendeskId === id)!;
      expect(w.zendesk.peek(id).linkStamp).toBe(linkStamp('demo', { system: 'jsm', id: link.jsmId }));
      expect(w.jsm.peek(link.jsmId).linkStamp).toBe(linkStamp('demo', { system: 'zendesk', id }));
    }
    const jLink = links.find((l) => l.jsmId === j.ref.id)!;
    const created = w.zendesk.peek(jLink.zendeskId);
    expect(created).toMatchObject({ subject: 'Payroll export fails', priority: 'high', status: 'open', group: { id: '9002' }, customFields: { '360001': 'impact_medium' } });
    expect(w.jsm.all()).toHaveLength(3);
    expect(w.zendesk.all()).toHaveLength(3);
    const jsmCopy = w.jsm.peek(links.find((l) => l.zendeskId === a.ref.id)!.jsmId);
    // Zendesk "open" and JSM's initial "Waiting for support" are both canonical open: no transition is made.
    expect(jsmCopy).toMatchObject({ priority: 'High', group: { id: '11' }, customFields: { customfield_10050: 'High' }, status: 'Waiting for support' });
    expect(jsmCopy.tags).toEqual([]);
  });

  it('makes zero writes on a second sync with nothing changed', async () => {
    seedZendesk('Printer on floor 3 offline');
    w.jsm.seed({ subject: 'Payroll export fails', status: 'Waiting for support', priority: 'Medium' });
    await w.sync();
    const second = await w.sync();
    expect(second.apiCalls.zendesk.write + second.apiCalls.jsm.write).toBe(0);
    expect(second.tickets.created).toEqual({ zendesk: 0, jsm: 0 });
    expect(second.tickets.updated).toEqual({ zendesk: 0, jsm: 0 });
    const third = await w.sync();
    expect(third.apiCalls).toEqual({ zendesk: { read: 1, write: 0 }, jsm: { read: 1, write: 0 } });
  });

  it('makes exactly one write when one field changes on one side', async () => {
    const z = seedZendesk('Printer on floor 3 offline');
    await w.sync();
    await w.sync();
    w.zendesk.humanUpdate(z.ref.id, { priority: 'urgent' });
    const s = await w.sync();
    expect(s.apiCalls.jsm.write).toBe(1);
    expect(s.apiCalls.zendesk.write).toBe(0);
    expect(s.tickets.updated).toEqual({ zendesk: 0, jsm: 1 });
    const link = (await w.store.getLinkBy('demo', 'zendesk', z.ref.id))!;
    expect(w.jsm.peek(link.jsmId).priority).toBe('Highest');
    const after = await w.sync();
    expect(after.apiCalls.zendesk.write + after.apiCalls.jsm.write).toBe(0);
  });

  it('copies an added comment once, with the same visibility, both ways', async () => {
    const z = seedZendesk('Printer on floor 3 offline');
    await w.sync();
    const link = (await w.store.getLinkBy('demo', 'zendesk', z.ref.id))!;
    w.zendesk.humanComment(z.ref.id, 'Checked the toner, still offline.', { public: false, author: ZENDESK_AGENT });
    w.jsm.humanComment(link.jsmId, 'Engineer booked for Tuesday.', { public: true, author: JSM_AGENT });

    const s = await w.sync();
    expect(s.comments.created).toEqual({ zendesk: 1, jsm: 1 });
    const jComments = w.jsm.peek(link.jsmId).comments;
    const copied = jComments.find((c) => c.author?.id === '557058:deskbridge-sync')!;
    expect(copied.public).toBe(false);
    expect(JSON.stringify(copied.body)).toContain('Priya Shah via Zendesk');
    const zCopy = w.zendesk.peek(z.ref.id).comments.find((c) => c.author?.id === '100')!;
    expect(zCopy.public).toBe(true);
    expect(JSON.stringify(zCopy.body)).toContain('Tom Hughes via Jira Service Management');

    const again = await w.sync();
    expect(again.comments.created).toEqual({ zendesk: 0, jsm: 0 });
    expect(w.jsm.peek(link.jsmId).comments).toHaveLength(2);
    expect(w.zendesk.peek(z.ref.id).comments).toHaveLength(2);
  });

  it('does not duplicate a ticket whose create response was lost (reads back by stamp)', async () => {
    const z = seedZendesk('Printer on floor 3 offline');
    w.jsm.failNext('createTicket', 'drop-response');
    const s = await w.sync();
    expect(w.jsm.all()).toHaveLength(1);
    expect(w.jsm.calls.createTicket).toBe(1);
    expect(w.jsm.calls.findByStamp).toBeGreaterThanOrEqual(1);
    expect(s.tickets.created.jsm).toBe(1);
    const link = (await w.store.getLinkBy('demo', 'zendesk', z.ref.id))!;
    expect(link.jsmId).toBe(w.jsm.all()[0]!.ref.id);
    expect(await w.store.listCreateIntents('demo')).toEqual([]);
    await w.sync();
    expect(w.jsm.all()).toHaveLength(1);
  });

  it('waits out JSM search lag before concluding a lost create is absent', async () => {
    await w.close();
    w = await createWorld({ jsmSearchLag: 2 });
    seedZendesk('Printer on floor 3 offline');
    w.jsm.failNext('createTicket', 'drop-response');
    await w.sync();
    expect(w.jsm.all()).toHaveLength(1);
    expect(w.jsm.calls.findByStamp).toBe(3);
  });

  it('dead-letters a ticket the API refuses and carries on with the others', async () => {
    await w.close();
    w = await createWorld({ jsmRequired: ['customfield_10050'] });
    const bad = w.zendesk.seed({ subject: 'No impact set', status: 'open' });
    const good = seedZendesk('Printer on floor 3 offline');
    const s = await w.sync();
    expect(s.deadLetters).toBe(1);
    expect(s.tickets.created.jsm).toBe(1);
    const dls = await w.store.listDeadLetters({ connection: 'demo' });
    expect(dls).toHaveLength(1);
    expect(dls[0]).toMatchObject({ system: 'zendesk', ticketId: bad.ref.id, kind: 'Invalid' });
    expect(dls[0]!.reason).toContain('customfield_10050: Impact is required.');
    expect(await w.store.getLinkBy('demo', 'zendesk', good.ref.id)).not.toBeNull();
    expect(await w.store.listCreateIntents('demo')).toEqual([]);
    expect(await w.store.getCheckpoint('demo', 'zendesk')).not.toBeNull();
  });

  it('does not save the checkpoint when a page fails mid-way, and the replayed page makes no duplicate', async () => {
    await w.close();
    w = await createWorld({ zendeskPageSize: 2 });
    seedZendesk('First');
    seedZendesk('Second');
    seedZendesk('Third');
    const { AuthFailed } = await import('../../src/http/errors.ts');
    // Page 1 (First, Second) completes; page 2 (Third) fails on credentials: its checkpoint must not move.
    const realCreate = w.jsm.createTicket.bind(w.jsm);
    let creates = 0;
    w.jsm.createTicket = async (draft, stamp) => {
      if (++creates === 3) throw new AuthFailed('token revoked', { system: 'jsm', method: 'POST', route: '/rest/api/3/issue', status: 401 });
      return realCreate(draft, stamp);
    };
    await expect(w.sync()).rejects.toThrow(/refused our credentials/);
    const cp = JSON.parse((await w.store.getCheckpoint('demo', 'zendesk'))!) as { seq: number };
    expect(cp.seq).toBe(2);
    w.jsm.createTicket = realCreate;
    await w.sync();
    expect(w.jsm.all()).toHaveLength(3);
    expect(await w.store.listLinks('demo')).toHaveLength(3);
  });

  it('never copies a comment back to where it came from, across many runs', async () => {
    const z = seedZendesk('Printer on floor 3 offline');
    await w.sync();
    w.zendesk.humanComment(z.ref.id, 'Please restart the printer.', { public: true, author: CUSTOMER });
    for (let i = 0; i < 4; i++) await w.sync();
    const link = (await w.store.getLinkBy('demo', 'zendesk', z.ref.id))!;
    expect(w.jsm.peek(link.jsmId).comments).toHaveLength(1);
    expect(w.zendesk.peek(z.ref.id).comments).toHaveLength(1);
  });

  it('turns a JSM description change into one internal note on Zendesk', async () => {
    const z = seedZendesk('Printer on floor 3 offline');
    await w.sync();
    const link = (await w.store.getLinkBy('demo', 'zendesk', z.ref.id))!;
    w.jsm.humanUpdate(link.jsmId, { description: plainDoc('Printer offline on floors 3 and 4.') });
    const s = await w.sync();
    expect(s.deadLetters).toBe(0);
    const notes = w.zendesk.peek(z.ref.id).comments;
    expect(notes).toHaveLength(1);
    expect(notes[0]!.public).toBe(false);
    expect(JSON.stringify(notes[0]!.body)).toContain('Description updated in Jira Service Management:');
    const again = await w.sync();
    expect(again.apiCalls.zendesk.write + again.apiCalls.jsm.write).toBe(0);
  });
});
