import { describe, expect, it } from 'vitest';
import { isTransient } from '../../src/http/index.ts';
import type { Ticket } from '../../src/model/index.ts';
import { decodeCheckpoint, encodeCheckpoint, FeedStuck, jsmChanges, type FeedDeps, type SearchRequest } from '../../src/systems/jsm/feed.ts';
import { feedJql, formatJqlDateTime, jqlString, stampJql } from '../../src/systems/jsm/jql.ts';
import type { JiraIssue, JiraSearchPage } from '../../src/systems/jsm/schemas.ts';

describe('JQL', () => {
  it.each([
    { name: 'London in winter is UTC', at: '2025-01-15T09:07:30Z', tz: 'Europe/London', jql: '2025-01-15 09:07' },
    { name: 'London in summer is UTC+1', at: '2025-07-15T09:07:30Z', tz: 'Europe/London', jql: '2025-07-15 10:07' },
    { name: 'a day boundary in the user zone', at: '2025-07-15T23:30:00Z', tz: 'Europe/London', jql: '2025-07-16 00:30' },
    { name: 'UTC stays UTC', at: '2025-07-15T09:07:30Z', tz: 'UTC', jql: '2025-07-15 09:07' },
    { name: 'midnight is 00 not 24', at: '2025-07-15T00:00:00Z', tz: 'UTC', jql: '2025-07-15 00:00' },
  ])('formats dates in the searching user zone: $name', ({ at, tz, jql }) => {
    expect(formatJqlDateTime(Date.parse(at), tz)).toBe(jql);
  });

  it('starts the feed a minute before the minute of the checkpoint, scope ANDed in parentheses, oldest first', () => {
    const jql = feedJql({ projectKey: 'HELP', scopeJql: ' "Request Type" = "Get IT help" OR labels = x ', sinceMs: Date.parse('2025-07-15T09:07:59.900Z'), timeZone: 'Europe/London' });
    expect(jql).toBe(
      'project = "HELP" AND ("Request Type" = "Get IT help" OR labels = x) AND updated >= "2025-07-15 10:06" ORDER BY updated ASC, key ASC',
    );
  });

  it('leaves scope out when there is none', () => {
    expect(feedJql({ projectKey: 'HELP', sinceMs: 0, timeZone: 'UTC' })).toBe('project = "HELP" AND updated >= "1969-12-31 23:59" ORDER BY updated ASC, key ASC');
  });

  it('quotes and escapes string literals', () => {
    expect(jqlString('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
    expect(stampJql('HELP', 'deskbridge_dwp_zendesk_1')).toBe('project = "HELP" AND labels = "deskbridge_dwp_zendesk_1"');
  });
});

describe('checkpoint', () => {
  it('round-trips', () => {
    expect(decodeCheckpoint(encodeCheckpoint('2025-03-03T09:00:00.000Z'))).toEqual({ v: 1, since: '2025-03-03T09:00:00.000Z' });
  });

  it.each(['not json', '{"v":2,"since":"2025-03-03T09:00:00.000Z"}', '{"v":1,"since":"yesterday"}', '{"cursor":"abc"}'])('rejects a checkpoint that is not ours: %s', (raw) => {
    expect(() => decodeCheckpoint(raw)).toThrow(/checkpoint/);
  });
});

const issue = (n: number, updated: string): JiraIssue => ({ id: String(10000 + n), key: `HELP-${n}`, fields: { updated } }) as JiraIssue;
const asTicket = (i: JiraIssue) => ({ ref: { system: 'jsm', id: i.id, key: i.key }, updatedAt: i.fields.updated }) as Ticket;

function fakeDeps(pages: JiraSearchPage[]): FeedDeps & { requests: SearchRequest[] } {
  const requests: SearchRequest[] = [];
  return {
    requests,
    search: async (req) => {
      requests.push(req);
      const p = pages.shift();
      if (!p) throw new Error('no more pages scripted');
      return p;
    },
    toTicket: asTicket,
    timeZone: async () => 'Europe/London',
  };
}

const opts = { projectKey: 'HELP', startFrom: new Date('2025-03-01T00:00:00Z'), pageSize: 2, fields: ['summary', 'updated'] };

describe('feed', () => {
  it('yields every page with a checkpoint at the newest update so far, following nextPageToken', async () => {
    const deps = fakeDeps([
      { issues: [issue(1, '2025-03-03T09:00:00.000Z'), issue(2, '2025-03-03T09:05:00.000Z')], nextPageToken: 't1', isLast: false },
      { issues: [issue(3, '2025-03-03T09:10:00.000Z')], isLast: true },
    ]);
    const pages = [];
    for await (const p of jsmChanges(deps, opts, null)) pages.push(p);
    expect(pages.map((p) => p.tickets.map((t) => t.ref.key))).toEqual([['HELP-1', 'HELP-2'], ['HELP-3']]);
    expect(pages.map((p) => decodeCheckpoint(p.checkpoint).since)).toEqual(['2025-03-03T09:05:00.000Z', '2025-03-03T09:10:00.000Z']);
    expect(deps.requests.map((r) => r.nextPageToken)).toEqual([undefined, 't1']);
    expect(deps.requests[0]!.jql).toContain('updated >= "2025-02-28 23:59"');
  });

  it('resumes from a checkpoint and never moves it backwards', async () => {
    const deps = fakeDeps([{ issues: [issue(1, '2025-03-03T08:59:30.000Z')], isLast: true }]);
    const pages = [];
    for await (const p of jsmChanges(deps, opts, encodeCheckpoint('2025-03-03T09:00:10.000Z'))) pages.push(p);
    expect(deps.requests[0]!.jql).toContain('updated >= "2025-03-03 08:59"');
    expect(decodeCheckpoint(pages[0]!.checkpoint).since).toBe('2025-03-03T09:00:10.000Z');
  });

  it('yields an empty page with the same position when nothing changed', async () => {
    const deps = fakeDeps([{ issues: [], isLast: true }]);
    const pages = [];
    for await (const p of jsmChanges(deps, opts, encodeCheckpoint('2025-03-03T09:00:00.000Z'))) pages.push(p);
    expect(pages).toEqual([{ tickets: [], checkpoint: encodeCheckpoint('2025-03-03T09:00:00.000Z') }]);
  });

  it('stops at isLast even when a token comes with it', async () => {
    const deps = fakeDeps([{ issues: [issue(1, '2025-03-03T09:00:00.000Z')], nextPageToken: 'stale', isLast: true }]);
    const pages = [];
    for await (const p of jsmChanges(deps, opts, null)) pages.push(p);
    expect(pages).toHaveLength(1);
    expect(deps.requests).toHaveLength(1);
  });

  it('refuses to follow a nextPageToken it has already followed (after yielding what it got)', async () => {
    const deps = fakeDeps([
      { issues: [issue(1, '2025-03-03T09:00:00.000Z')], nextPageToken: 'again' },
      { issues: [issue(2, '2025-03-03T09:01:00.000Z')], nextPageToken: 'again' },
    ]);
    const seen: string[] = [];
    const run = async () => {
      for await (const p of jsmChanges(deps, opts, null)) seen.push(...p.tickets.map((t) => t.ref.key!));
    };
    const err: unknown = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedStuck);
    expect(isTransient(err)).toBe(true);
    expect(seen).toEqual(['HELP-1', 'HELP-2']);
  });
});
