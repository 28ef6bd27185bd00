import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.ts';
import { Transient } from '../../src/http/errors.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { plainDoc } from '../../src/model/index.ts';
import { createZendeskSystem, type ZendeskSystem } from '../../src/systems/zendesk/index.ts';
import { zendeskTransport } from '../../src/systems/zendesk/transport.ts';
import { load } from '../fixtures/zendesk/nock-zendesk.ts';

/** Answers the simulator does not give: odd but documented API behaviour, recorded shapes (nock only). */

const BASE = 'https://dwp-help.zendesk.com';
const DOCS_TICKET = (load('../vendor/zendesk_incremental_tickets_cursor_page_docs_example.json').tickets as Record<string, unknown>[])[0]!;
const ticket = (over: Record<string, unknown>) => ({ ...DOCS_TICKET, group_id: null, requester_id: 1000, assignee_id: null, ...over });
const comments = { comments: [{ ...load('./comment.docs-example.json'), author_id: 1000 }], meta: { has_more: false, after_cursor: null }, links: { next: null } };
const users = [{ ...load('./user.docs-example.json'), id: 1000, email: 'tom.hughes@example.org' }];

const made: { system: ZendeskSystem; http: HttpClient }[] = [];
function make() {
  const logger = silentLogger();
  const http = new HttpClient({ system: 'zendesk', baseUrl: BASE, auth: { kind: 'bearer', token: 'zd-oauth-token' }, requestsPerMinute: 700, logger, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  const m = { system: createZendeskSystem({ http, logger }), http };
  made.push(m);
  return m;
}

afterEach(() => {
  for (const m of made.splice(0)) m.system.close();
  nock.cleanAll();
});

describe('Zendesk adapter edge cases', () => {
  it('reports a comment write whose answer lacks the Comment audit event as outcome unknown (to be read back)', async () => {
    nock(BASE).put('/api/v2/tickets/35436.json').reply(200, { ticket: ticket({ id: 35436 }), audit: { id: 1, events: [{ id: 2, type: 'Change', field_name: 'status' }] } });
    const err = await make().system.addComment('35436', { body: plainDoc('Hello'), public: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Transient);
    expect((err as Transient).outcomeUnknown).toBe(true);
  });

  it('sends a comment as html_body with its visibility, and returns the Comment event id', async () => {
    let sent: unknown;
    nock(BASE)
      .put('/api/v2/tickets/35436.json', (b) => ((sent = b), true))
      .reply(200, { ticket: ticket({ id: 35436 }), audit: { ...load('./audit.docs-example.json') } });
    const id = await make().system.addComment('35436', { body: plainDoc('Internal: supplier chased'), public: false });
    expect(id).toBe('1564245');
    expect(sent).toEqual({ ticket: { comment: { html_body: expect.stringContaining('Internal: supplier chased'), public: false } } });
  });

  it('picks the oldest of several tickets carrying one stamp, ignoring look-alikes', async () => {
    const stamp = 'deskbridge_c1_jsm_10001';
    nock(BASE)
      .get('/api/v2/tickets.json')
      .query({ external_id: stamp, 'page[size]': '100' })
      .reply(200, {
        tickets: [ticket({ id: 90, external_id: stamp }), ticket({ id: 42, external_id: stamp }), ticket({ id: 7, external_id: 'DESKBRIDGE_c1_jsm_10001' }), ticket({ id: 3, external_id: stamp, status: 'deleted' })],
        meta: { has_more: false, after_cursor: 'x' },
        // The API fills links.next even on the last page: only meta.has_more says stop.
        links: { next: `${BASE}/api/v2/tickets.json?page[after]=x` },
      });
    expect((await make().system.findByStamp(stamp))?.id).toBe('42');
  });

  it('follows cursor pages of comments while meta.has_more says so', async () => {
    const page1 = { comments: [{ ...comments.comments[0], id: 1 }], meta: { has_more: true, after_cursor: 'p2' }, links: { next: `${BASE}/next` } };
    const page2 = { comments: [{ ...comments.comments[0], id: 2 }, { ...comments.comments[0], id: 3 }], meta: { has_more: false, after_cursor: 'p3' }, links: { next: `${BASE}/next` } };
    nock(BASE)
      .get('/api/v2/tickets/5/comments.json')
      .query({ include: 'users', sort_order: 'asc', 'page[size]': '100' })
      .reply(200, { ...page1, users })
      .get('/api/v2/tickets/5/comments.json')
      .query({ include: 'users', sort_order: 'asc', 'page[size]': '100', 'page[after]': 'p2' })
      .reply(200, { ...page2, users });
    expect((await make().system.listComments('5')).map((c) => c.id)).toEqual(['2', '3']);
  });

  it('treats an account without custom ticket statuses as having none', async () => {
    nock(BASE)
      .get('/api/v2/tickets/8.json')
      .query({ include: 'users' })
      .reply(200, { ticket: ticket({ id: 8, status: 'pending', custom_status_id: 123 }), users })
      .get('/api/v2/tickets/8/comments.json')
      .query(true)
      .reply(200, { ...comments, users })
      .get('/api/v2/custom_statuses.json')
      .times(2) // the first read, and the one refresh an unknown id earns
      .reply(404, { error: 'InvalidEndpoint', description: 'Not found' });
    expect((await make().system.getTicket('8'))?.status).toBe('pending');
  });

  it('re-reads the groups when a ticket names a group the cache does not know, but not on every such ticket', async () => {
    const { system, http } = make();
    const groups = (list: { id: number; name: string }[]) => ({ groups: list, meta: { has_more: false, after_cursor: null }, links: { next: null } });
    nock(BASE)
      .get('/api/v2/groups.json')
      .query(true)
      .reply(200, groups([{ id: 9001, name: '1st line' }]))
      .get('/api/v2/groups.json')
      .query(true)
      .reply(200, groups([{ id: 9001, name: '1st line' }, { id: 9004, name: 'Fraud' }]));
    for (const [id, group] of [[11, 9001], [12, 9004], [13, 9004], [14, 9099], [15, 9099]] as const)
      nock(BASE)
        .get(`/api/v2/tickets/${id}.json`)
        .query(true)
        .reply(200, { ticket: ticket({ id, group_id: group }), users })
        .get(`/api/v2/tickets/${id}/comments.json`)
        .query(true)
        .reply(200, { ...comments, users });
    expect((await system.getTicket('11'))?.group).toEqual({ id: '9001', name: '1st line' });
    expect((await system.getTicket('12'))?.group).toEqual({ id: '9004', name: 'Fraud' });
    expect((await system.getTicket('13'))?.group).toEqual({ id: '9004', name: 'Fraud' });
    // A group that stays unknown (deleted) does not reload the list on every ticket.
    expect((await system.getTicket('14'))?.group).toEqual({ id: '9099' });
    expect((await system.getTicket('15'))?.group).toEqual({ id: '9099' });
    expect(http.metrics.byRoute.get('GET /api/v2/groups.json')).toBe(2);
  });

  it('never sends the SDK a request to another host (no credentials leave the account)', async () => {
    const { http } = make();
    const transport = zendeskTransport(http, BASE);
    await expect(transport.transportFn('https://attacker.example.com/api/v2/tickets.json', { method: 'GET' })).rejects.toThrow(/refusing/);
    await expect(transport.transportFn(`${BASE}.attacker.example.com/api/v2/tickets.json`, { method: 'GET' })).rejects.toThrow(/refusing/);
    expect(http.metrics.read).toBe(0);
  });
});
