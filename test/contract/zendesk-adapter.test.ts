import { afterEach, describe, expect, it } from 'vitest';
import { Invalid, Transient } from '../../src/http/errors.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { plainDoc, type Ticket } from '../../src/model/index.ts';
import type { ChangePage } from '../../src/ports/ticket-system.ts';
import { connectZendesk } from '../../src/systems/zendesk/index.ts';
import { richTextToPlain } from '../../src/text/index.ts';
import { BACKENDS, type ZendeskBackend } from '../fixtures/zendesk/backends.ts';

/** Every behaviour is written once and runs against nock (recorded shapes) and the simulator. */

const plain = (t: { description: Ticket['description'] } | undefined) => (t ? richTextToPlain(t.description) : '');
const STAMP = 'deskbridge_dwp-help_jsm_10042';
const silent = silentLogger();

async function drain(gen: AsyncGenerator<ChangePage>): Promise<ChangePage[]> {
  const pages: ChangePage[] = [];
  for await (const p of gen) pages.push(p);
  return pages;
}

const seedPayment = (b: ZendeskBackend) =>
  b.seedTicket({
    subject: 'Universal Credit payment not received',
    descriptionHtml: '<p>My payment due on <strong>3 March</strong> has not arrived.</p>',
    requesterId: 1000,
    status: 'open',
    priority: 'high',
    groupId: 9002,
    assigneeId: 104,
    tags: ['payments'],
    impact: 'impact_medium',
    comments: [
      { html: '<p>Checking with the payments team.</p>', public: false, authorId: 104 },
      { html: '<p>Any news on this?</p>', public: true, authorId: 1000 },
    ],
  });

describe.each(BACKENDS)('Zendesk adapter against $name', ({ make }) => {
  let b: ZendeskBackend | undefined;
  afterEach(async () => {
    await b?.close();
    b = undefined;
  });

  it('reads a ticket with its HTML description and its comments oldest first, internal notes kept internal', async () => {
    b = await make();
    const id = await seedPayment(b);
    const t = await b.system.getTicket(id);
    expect(t).not.toBeNull();
    expect(t!.ref).toEqual({ system: 'zendesk', id, url: `${b.http.baseUrl}/agent/tickets/${id}` });
    expect(t!.subject).toBe('Universal Credit payment not received');
    expect(plain(t!)).toContain('has not arrived');
    expect(t!).toMatchObject({ status: 'open', priority: 'high', group: { id: '9002', name: '2nd line' }, closed: false, deleted: false, linkStamp: null });
    expect(t!.requester).toEqual(expect.objectContaining({ id: '1000', email: b.userEmail(1000) }));
    expect(t!.assignee?.id).toBe('104');
    expect(t!.tags).toEqual(expect.arrayContaining(['payments', 'impact_medium']));
    expect(t!.customFields['360001']).toBe('impact_medium');
    expect(t!.comments?.map((c) => [c.public, c.author?.id, richTextToPlain(c.body)])).toEqual([
      [false, '104', expect.stringContaining('Checking with the payments team')],
      [true, '1000', expect.stringContaining('Any news on this?')],
    ]);
  });

  it('returns null for a ticket that does not exist or was deleted', async () => {
    b = await make();
    const id = await seedPayment(b);
    await b.deleteTicket(id);
    expect(await b.system.getTicket(id)).toBeNull();
    expect(await b.system.getTicket('987654')).toBeNull();
  });

  it('reports a non-default custom status as custom:<id> and a default one by its status name', async () => {
    b = await make();
    const investigating = await b.seedTicket({ subject: 'Portal down', descriptionHtml: '<p>Down</p>', requesterId: 1001, status: 'open', customStatusId: 7001 });
    const plainOpen = await b.seedTicket({ subject: 'Portal slow', descriptionHtml: '<p>Slow</p>', requesterId: 1001, status: 'open', customStatusId: 2 });
    expect((await b.system.getTicket(investigating))!.status).toBe('custom:7001');
    expect((await b.system.getTicket(plainOpen))!.status).toBe('open');
  });

  it('creates a ticket carrying the link stamp, with the description as its first comment, and finds it by the stamp', async () => {
    b = await make();
    const ref = await b.system.createTicket(
      {
        subject: 'Escalated: outage of the appointments service',
        description: plainDoc('Appointments cannot be booked since 09:10.'),
        status: 'open',
        priority: 'urgent',
        group: { id: '9003' },
        requester: { id: '1002' },
        tags: ['from_jsm'],
        customFields: { '360001': 'impact_high' },
      },
      STAMP,
    );
    expect(ref.system).toBe('zendesk');
    expect(await b.system.findByStamp(STAMP)).toEqual(ref);
    const t = await b.system.getTicket(ref.id);
    expect(t).toMatchObject({ subject: 'Escalated: outage of the appointments service', status: 'open', priority: 'urgent', linkStamp: STAMP });
    expect(t!.group).toEqual({ id: '9003', name: '3rd line' });
    expect(t!.requester?.id).toBe('1002');
    expect(t!.customFields['360001']).toBe('impact_high');
    expect(plain(t!)).toContain('Appointments cannot be booked since 09:10.');
    expect(t!.comments).toEqual([]);
  });

  it('creates a ticket from a source without a description, which Zendesk would refuse as blank', async () => {
    b = await make();
    const ref = await b.system.createTicket({ subject: 'Monitoring alert: disk 95% on web-01', description: plainDoc('') }, STAMP);
    expect(plain((await b.system.getTicket(ref.id))!)).toContain('Monitoring alert: disk 95% on web-01');
  });

  it('finds nothing for a stamp no ticket carries', async () => {
    b = await make();
    await seedPayment(b);
    expect(await b.system.findByStamp('deskbridge_dwp-help_jsm_99999')).toBeNull();
  });

  it('stamps an existing ticket so that it can be found by the stamp', async () => {
    b = await make();
    const id = await seedPayment(b);
    await b.system.setLinkStamp(id, STAMP);
    expect((await b.system.findByStamp(STAMP))?.id).toBe(id);
    expect((await b.system.getTicket(id))!.linkStamp).toBe(STAMP);
  });

  it('writes only the fields it is given', async () => {
    b = await make();
    const id = await seedPayment(b);
    await b.system.updateTicket(id, { priority: 'urgent' });
    const t = await b.system.getTicket(id);
    expect(t).toMatchObject({ priority: 'urgent', subject: 'Universal Credit payment not received', status: 'open', group: { id: '9002' } });
    expect(t!.tags).toEqual(expect.arrayContaining(['payments']));
  });

  const statusWrites = [
    { write: 'pending', read: 'pending' },
    { write: 'custom:7002', read: 'custom:7002' },
    { write: 'custom:7001', read: 'custom:7001' },
    { write: 'hold', read: 'hold' },
  ];
  it.each(statusWrites)('changes the status to $write through the ticket update', async ({ write, read }) => {
    b = await make();
    const id = await seedPayment(b);
    await b.system.updateTicket(id, { status: write });
    expect((await b.system.getTicket(id))!.status).toBe(read);
  });

  it('moves a ticket to a group named in config, resolving the name to its id', async () => {
    b = await make();
    const id = await b.seedTicket({ subject: 'Password reset', descriptionHtml: '<p>Locked out</p>', requesterId: 1003, status: 'open', groupId: 9001 });
    await b.system.updateTicket(id, { group: { id: '3rd line', name: '3rd line' } });
    expect((await b.system.getTicket(id))!.group).toEqual({ id: '9003', name: '3rd line' });
  });

  it('makes no API call for an empty patch', async () => {
    b = await make();
    const id = await seedPayment(b);
    const before = b.http.metrics.snapshot();
    await b.system.updateTicket(id, {});
    expect(b.http.metrics.snapshot()).toEqual(before);
  });

  it('adds an internal note and a public reply, returning ids that list back with their visibility', async () => {
    b = await make();
    const id = await seedPayment(b);
    const noteId = await b.system.addComment(id, { body: plainDoc('Supplier ticket raised.'), public: false });
    const replyId = await b.system.addComment(id, { body: plainDoc('We are looking into it.'), public: true });
    const me = await b.system.me();
    const comments = await b.system.listComments(id);
    const byId = new Map(comments.map((c) => [c.id, c]));
    expect(comments).toHaveLength(4);
    expect(byId.get(noteId)).toMatchObject({ public: false, author: { id: me.id } });
    expect(byId.get(replyId)).toMatchObject({ public: true, author: { id: me.id } });
    expect(richTextToPlain(byId.get(noteId)!.body)).toContain('Supplier ticket raised.');
    expect(comments.at(-1)!.id).toBe(replyId);
  });

  it('does not update a closed ticket: the API refusal surfaces as Invalid with its message, unretried', async () => {
    b = await make();
    const id = await b.seedTicket({ subject: 'Old request', descriptionHtml: '<p>Done</p>', requesterId: 1004, status: 'closed', assigneeId: 101, groupId: 9001 });
    const puts = () => b!.http.metrics.byRoute.get('PUT /api/v2/tickets/{id}.json') ?? 0;
    const update = await b.system.updateTicket(id, { priority: 'low' }).catch((e: unknown) => e);
    expect(update).toBeInstanceOf(Invalid);
    expect((update as Invalid).apiMessage).toMatch(/closed/i);
    const comment = await b.system.addComment(id, { body: plainDoc('Reopening'), public: true }).catch((e: unknown) => e);
    expect(comment).toBeInstanceOf(Invalid);
    expect(puts()).toBe(2);
  });

  it('never repeats a comment write whose response failed: Transient with an unknown outcome after one PUT', async () => {
    b = await make();
    const id = await seedPayment(b);
    const puts = () => b!.http.metrics.byRoute.get('PUT /api/v2/tickets/{id}.json') ?? 0;
    b.failNext(1);
    const err = await b.system.addComment(id, { body: plainDoc('Update'), public: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Transient);
    expect((err as Transient).outcomeUnknown).toBe(true);
    expect(puts()).toBe(1);
  });

  it('retries a read that failed with a 5xx', async () => {
    b = await make();
    const id = await seedPayment(b);
    b.failNext(1);
    expect((await b.system.getTicket(id))?.ref.id).toBe(id);
    expect(b.http.metrics.retries).toBe(1);
  });

  it('knows the integration user, and reads it once', async () => {
    b = await make();
    const me = await b.system.me();
    expect(me).toEqual({ id: '100', name: 'Deskbridge Sync', email: 'sync-bot@example.gov.uk' });
    await b.system.me();
    expect(b.http.metrics.byRoute.get('GET /api/v2/users/me.json')).toBe(1);
  });

  it('lists groups and custom statuses with the native values the config uses', async () => {
    b = await make();
    expect((await b.system.groups()).map((g) => [g.id, g.name])).toEqual([
      ['9001', '1st line'],
      ['9002', '2nd line'],
      ['9003', '3rd line'],
    ]);
    const statuses = await b.system.customStatuses();
    expect(statuses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ native: 'custom:7001', label: 'Investigating', category: 'open', default: false }),
        expect.objectContaining({ native: 'custom:7002', label: 'Awaiting supplier', category: 'hold', default: false }),
        expect.objectContaining({ native: 'open', category: 'open', default: true }),
      ]),
    );
  });

  it('connects from a config side with API token or OAuth auth', async () => {
    b = await make();
    for (const auth of [{ type: 'token' as const, email: 'sync-bot@example.gov.uk', token: 'zd-test-token' }, { type: 'oauth' as const, accessToken: 'zd-oauth-token' }]) {
      const sys = connectZendesk({ url: b.http.baseUrl, auth, requestsPerMinute: 100, ticketUpdatesPerMinute: 80, groups: [] }, { logger: silent, connectionId: 'dwp-help' });
      try {
        expect((await sys.me()).id).toBe('100');
      } finally {
        sys.close();
      }
    }
  });

  it('the incremental feed yields every ticket once across pages even when a page boundary falls inside equal timestamps', async () => {
    const at = new Date(Date.now() - 10 * 60_000);
    b = await make({ pageSize: 100, startFrom: new Date(at.getTime() - 60_000) });
    const ids: string[] = [];
    for (let i = 0; i < 250; i++)
      ids.push(await b.seedTicket({ subject: `Monitoring alert ${i}`, descriptionHtml: '<p>Threshold breached</p>', requesterId: 1005, status: 'new', updatedAt: at }));
    const pages = await drain(b.system.changes(null));
    const seen = pages.flatMap((p) => p.tickets.map((t) => t.ref.id));
    expect(pages.map((p) => p.tickets.length)).toEqual([100, 100, 50]);
    expect(seen.sort()).toEqual([...ids].sort());
    for (const p of pages) expect(JSON.parse(p.checkpoint)).toEqual({ cursor: expect.any(String) });
    // Resuming from the last checkpoint: nothing changed since.
    const again = await drain(b.system.changes(pages.at(-1)!.checkpoint));
    expect(again.flatMap((p) => p.tickets)).toEqual([]);
  });

  it('resumes the feed from a checkpoint and reports only what changed since, deletions included', async () => {
    b = await make({ startFrom: new Date(Date.now() - 2 * 3_600_000) });
    const a = await seedPayment(b);
    const c = await b.seedTicket({ subject: 'Council tax query', descriptionHtml: '<p>Band query</p>', requesterId: 1006, status: 'open' });
    const first = await drain(b.system.changes(null));
    expect(first.flatMap((p) => p.tickets.map((t) => t.ref.id)).sort()).toEqual([a, c].sort());
    const feedTicket = first.flatMap((p) => p.tickets).find((t) => t.ref.id === a)!;
    expect(feedTicket).toMatchObject({ status: 'open', priority: 'high', group: { id: '9002', name: '2nd line' } });
    expect(feedTicket.comments).toBeUndefined(); // feed pages carry no comments: getTicket reads them
    expect(feedTicket.requester?.email).toBe(b.userEmail(1000));

    await b.system.updateTicket(a, { priority: 'low' });
    await b.deleteTicket(c);
    b.advanceClock(61_000); // the export holds back the most recent minute
    const next = await drain(b.system.changes(first.at(-1)!.checkpoint));
    const changed = new Map(next.flatMap((p) => p.tickets).map((t) => [t.ref.id, t]));
    expect([...changed.keys()].sort()).toEqual([a, c].sort());
    expect(changed.get(a)).toMatchObject({ priority: 'low', deleted: false });
    expect(changed.get(c)).toMatchObject({ deleted: true });
  });
});
