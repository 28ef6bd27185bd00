import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import type { ChangePage } from '../../src/ports/ticket-system.ts';
import { FeedStuck, createZendeskSystem, type ZendeskSystem } from '../../src/systems/zendesk/index.ts';
import { load } from '../fixtures/zendesk/nock-zendesk.ts';

/** The incremental export against hand-written pages in the vendor's documented shape (nock only). */

const BASE = 'https://dwp-help.zendesk.com';
const EXPORT = '/api/v2/incremental/tickets/cursor.json';
const DOCS_PAGE = load('../vendor/zendesk_incremental_tickets_cursor_page_docs_example.json');
const DOCS_TICKET = (DOCS_PAGE.tickets as Record<string, unknown>[])[0]!;
const DOCS_USER = load('./user.docs-example.json');
const NOW = Date.parse('2025-03-03T12:00:00Z');
const T = Math.floor(NOW / 1000) - 3600; // one shared second for every ticket below

const ticket = (id: number, ts = T) => ({
  ...DOCS_TICKET,
  id,
  external_id: null,
  group_id: null,
  requester_id: 1000,
  assignee_id: null,
  updated_at: new Date(ts * 1000).toISOString().replace('.000Z', 'Z'),
  generated_timestamp: ts,
});
const users = [{ ...DOCS_USER, id: 1000, name: 'Margaret Okafor', email: 'margaret.okafor@example.org', role: 'end-user' }];
const page = (ids: number[], after: string | null, end: boolean) => ({ ...DOCS_PAGE, tickets: ids.map((i) => ticket(i)), users, after_cursor: after, end_of_stream: end });

const systems: ZendeskSystem[] = [];
function system(opts: { startFrom?: Date; pageSize?: number } = {}): ZendeskSystem {
  const logger = silentLogger();
  const http = new HttpClient({ system: 'zendesk', baseUrl: BASE, auth: { kind: 'bearer', token: 'zd-oauth-token' }, requestsPerMinute: 700, logger, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  const s = createZendeskSystem({ http, logger, clock: { now: () => NOW }, ...opts });
  systems.push(s);
  return s;
}

async function drain(gen: AsyncGenerator<ChangePage>): Promise<ChangePage[]> {
  const pages: ChangePage[] = [];
  for await (const p of gen) pages.push(p);
  return pages;
}

afterEach(() => {
  for (const s of systems.splice(0)) s.close();
  nock.cleanAll();
});

describe('Zendesk incremental feed', () => {
  it('yields a ticket repeated across a page boundary once, checkpointing the cursor after every page', async () => {
    const scope = nock(BASE)
      .get(EXPORT)
      .query({ start_time: String(T - 60), per_page: '3', include: 'users' })
      .reply(200, page([11, 12, 13], 'c1', false))
      // The page boundary falls inside one second; the export repeats ticket 13 at the start of the next page.
      .get(EXPORT)
      .query({ cursor: 'c1', per_page: '3', include: 'users' })
      .reply(200, page([13, 14, 15], 'c2', false))
      .get(EXPORT)
      .query({ cursor: 'c2', per_page: '3', include: 'users' })
      .reply(200, page([16], 'c3', true));
    const pages = await drain(system({ startFrom: new Date((T - 60) * 1000), pageSize: 3 }).changes(null));
    expect(pages.map((p) => p.tickets.map((t) => Number(t.ref.id)))).toEqual([[11, 12, 13], [14, 15], [16]]);
    expect(pages.map((p) => JSON.parse(p.checkpoint))).toEqual([{ cursor: 'c1' }, { cursor: 'c2' }, { cursor: 'c3' }]);
    expect(pages[0]!.tickets[0]!.requester).toEqual({ id: '1000', name: 'Margaret Okafor', email: 'margaret.okafor@example.org' });
    expect(scope.isDone()).toBe(true);
  });

  it('yields a ticket again when a later page carries a newer version of it', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(true)
      .reply(200, { ...page([21], 'c1', false) })
      .get(EXPORT)
      .query(true)
      .reply(200, { ...page([], 'c2', true), tickets: [ticket(21, T + 5)] });
    const pages = await drain(system().changes(JSON.stringify({ cursor: 'c0' })));
    expect(pages.map((p) => p.tickets.map((t) => t.ref.id))).toEqual([['21'], ['21']]);
  });

  it('refuses to follow a cursor the export already returned', async () => {
    nock(BASE).get(EXPORT).query(true).reply(200, page([1], 'same', false)).get(EXPORT).query(true).reply(200, page([2], 'same', false));
    const gen = system().changes(JSON.stringify({ cursor: 'start' }));
    await expect(drain(gen)).rejects.toBeInstanceOf(FeedStuck);
  });

  it('starts a first sync 30 days back by default', async () => {
    const thirtyDays = Math.floor((NOW - 30 * 86_400_000) / 1000);
    const scope = nock(BASE).get(EXPORT).query({ start_time: String(thirtyDays), per_page: '1000', include: 'users' }).reply(200, page([], 'c1', true));
    const pages = await drain(system().changes(null));
    expect(scope.isDone()).toBe(true);
    expect(pages).toEqual([{ tickets: [], checkpoint: JSON.stringify({ cursor: 'c1' }) }]);
  });

  it('never asks for a start time inside the last minute, which the export excludes', async () => {
    const scope = nock(BASE).get(EXPORT).query({ start_time: String(Math.floor(NOW / 1000) - 60), per_page: '1000', include: 'users' }).reply(200, page([], null, true));
    const pages = await drain(system({ startFrom: new Date(NOW + 3_600_000) }).changes(null));
    expect(scope.isDone()).toBe(true);
    // No cursor came back: the next run starts from the same time again.
    expect(JSON.parse(pages[0]!.checkpoint)).toEqual({ startTime: Math.floor(NOW / 1000) - 60 });
  });

  it('resumes from a stored checkpoint with its cursor', async () => {
    const scope = nock(BASE).get(EXPORT).query({ cursor: 'MTU3NjYxMzUzOS4wfHw0Njd8', per_page: '1000', include: 'users' }).reply(200, page([5], 'next', true));
    const pages = await drain(system().changes(JSON.stringify({ cursor: 'MTU3NjYxMzUzOS4wfHw0Njd8' })));
    expect(scope.isDone()).toBe(true);
    expect(pages[0]!.tickets.map((t) => t.ref.id)).toEqual(['5']);
  });

  it.each(['not json', '{"page":3}', '{"cursor":""}'])('treats a damaged checkpoint %s as an error, not as a silent full resync', async (bad) => {
    await expect(drain(system().changes(bad))).rejects.toThrow(/checkpoint/);
  });

  it("maps the vendor's documented export page, reading the people the page did not side-load", async () => {
    nock(BASE)
      .get(EXPORT)
      .query(true)
      .reply(200, DOCS_PAGE)
      .get('/api/v2/groups.json')
      .query(true)
      .reply(200, { groups: [{ id: 98738, name: 'DJs' }], meta: { has_more: false, after_cursor: null }, links: { next: null } })
      .get('/api/v2/users/show_many.json')
      .query({ ids: '20978392,235323' })
      .reply(200, { users: [{ ...DOCS_USER, id: 20978392, name: 'Tom Hughes', email: 'tom.hughes@example.org' }, { ...DOCS_USER, id: 235323 }] });
    const [p] = await drain(system().changes(JSON.stringify({ cursor: 'c' })));
    expect(p!.tickets).toEqual([
      {
        ref: { system: 'zendesk', id: '35436', url: `${BASE}/agent/tickets/35436` },
        subject: 'Help, my printer is on fire!',
        description: { type: 'doc', blocks: [{ type: 'paragraph', children: [{ type: 'text', text: 'The fire is very colorful.' }] }] },
        status: 'open',
        priority: 'high',
        group: { id: '98738', name: 'DJs' },
        requester: { id: '20978392', name: 'Tom Hughes', email: 'tom.hughes@example.org' },
        assignee: { id: '235323', name: 'Johnny Agent', email: 'johnny@example.com' },
        tags: ['enterprise', 'other_tag'],
        customFields: { '27642': '745', '27648': 'yes' },
        channel: 'web',
        createdAt: '2009-07-20T22:55:29Z',
        updatedAt: '2011-05-05T10:38:52Z',
        // "ahg35h3jh" is some other integration's external id, not a deskbridge link.
        linkStamp: null,
        closed: false,
        deleted: false,
      },
    ]);
    expect(JSON.parse(p!.checkpoint)).toEqual({ cursor: DOCS_PAGE.after_cursor });
  });
});
