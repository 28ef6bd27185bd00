import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/simulators/clock.ts';
import { runCli } from '../support/cli.ts';
import { simWorld, type SimWorld } from '../support/sim-world.ts';

/**
 * Crash safety: `deskbridge sync --once` is SIGKILLed at random points while it links, stamps and copies
 * comments, and new work keeps arriving between runs. A final run must leave no duplicate ticket or
 * comment and no lost change.
 */

const KILLS = 20;
let world: SimWorld;

beforeAll(async () => {
  world = await simWorld({ zendeskTickets: 40, jsmTickets: 25, zendeskOptions: { rateLimitPerMinute: 100_000, updateRateLimitPerMinute: 100_000, exportRateLimitPerMinute: 100_000 } });
  // Latency spreads each run over time, and a pause between a write committing and its answer makes
  // many kills land in the worst place: after the remote write, before the store has recorded it.
  world.sims.zendesk.harness.setFaults({ latencyMs: 5, writeCommitDelayMs: 40 });
  world.sims.jsm.harness.setFaults({ latencyMs: 5, writeCommitDelayMs: 40 });
});
afterAll(async () => world?.close());

const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

describe('a sync killed with SIGKILL and run again', () => {
  it(`ends with no duplicate ticket or comment and no lost change after ${KILLS} random kills`, async () => {
    const rnd = seededRandom(42);
    const args = ['sync', '--config', world.configPath, '--once', '--json'];
    let killed = 0;
    let runs = 0;
    // Kill points are drawn over the length of an uninterrupted run (measured as we go), so they land
    // during start-up, reads, creates, stamps and comment copies alike.
    let span = 3_000;
    while (killed < KILLS && runs < KILLS * 3) {
      runs++;
      // New work before every run: Zendesk tickets with comments, a JSM issue, comments on both sides.
      for (let k = 0; k < 2; k++) {
        const t = world.sims.zendesk.createTicketDirect({ subject: `Sign-in loop ${runs}.${k}`, comment: { html_body: `<p>Report ${runs}.${k}</p>` }, group_id: 9001, priority: 'normal' });
        world.sims.zendesk.addCommentDirect(Number(t.id), { html_body: `<p>More detail ${runs}.${k}</p>`, public: k === 0, author_id: 102 });
      }
      const j = world.sims.jsm.createIssueDirect({ summary: `Alert ${runs}: CPU high`, requestTypeId: '10' });
      world.sims.jsm.addCommentDirect(j.key, { body: `Paged on-call ${runs}`, public: false });
      const zt = world.sims.zendesk.tickets().find((t) => t.status === 'open');
      if (zt) world.sims.zendesk.addCommentDirect(Number(zt.id), { html_body: `<p>Update ${runs}</p>`, public: runs % 2 === 0, author_id: 102 });
      const ji = world.sims.jsm.issues().find((x) => x.status === 'In progress' || x.status === 'Waiting for support');
      if (ji) world.sims.jsm.addCommentDirect(ji.key, { body: `Investigating ${runs}`, public: runs % 2 === 1 });
      world.tick();
      const started = Date.now();
      const r = await runCli(args, world.env, { killAfterMs: 250 + Math.floor(rnd() * span) });
      if (r.signal === 'SIGKILL') killed++;
      else {
        expect(r.code, r.stderr).toBe(0);
        span = Math.max(500, Math.round((Date.now() - started) * 0.9));
      }
    }
    expect(killed).toBe(KILLS);

    // Settle: runs to completion, then one that must find nothing to do.
    world.tick();
    const done = await runCli(args, world.env);
    expect(done.code, done.stderr).toBe(0);
    world.tick();
    world.resetStats();
    const last = await runCli(args, world.env);
    expect(last.code, last.stderr).toBe(0);
    expect(world.writes()).toEqual({ zendesk: 0, jsm: 0 });

    await world.reopen();
    const store = world.rt.store;
    const conn = world.c.connection.id;
    const links = await store.listLinks(conn);
    // No duplicate tickets: every stamp names one counterpart, on one ticket only.
    const zStamps = world.sims.zendesk.tickets().map((t) => String(t.external_id ?? '')).filter((s) => s.startsWith('deskbridge_'));
    const jStamps = world.sims.jsm.issues().flatMap((x) => x.labels.filter((l) => l.startsWith('deskbridge_')));
    expect(dupes(zStamps)).toEqual([]);
    expect(dupes(jStamps)).toEqual([]);
    expect(new Set(links.map((l) => l.zendeskId)).size).toBe(links.length);
    expect(await store.listCreateIntents(conn)).toEqual([]);

    // No duplicate comments: every comment the integration wrote is the mapped copy of exactly one
    // source comment (a copy posted twice after a lost response would leave one unmapped).
    const zMe = '100';
    const jMe = world.sims.jsm.integrationAccountId;
    for (const l of links) {
      const mapped = await store.listCommentMappings(conn, l.zendeskId);
      const zTicket = world.sims.zendesk.ticket(Number(l.zendeskId))!;
      const [zDescription, ...zComments] = world.sims.zendesk.comments(Number(l.zendeskId));
      void zDescription;
      const jComments = world.sims.jsm.comments(l.jsmKey);
      for (const c of zComments.filter((c) => String(c.author_id) === zMe && !String(c.html_body ?? c.body).includes('Description updated')))
        expect(mapped.some((m) => m.zendeskCommentId === String(c.id)), `unmapped copy ${c.id} on zendesk ${l.zendeskId}`).toBe(true);
      for (const c of jComments.filter((c) => c.authorId === jMe))
        expect(mapped.some((m) => m.jsmCommentId === String(c.id)), `unmapped copy ${c.id} on ${l.jsmKey}`).toBe(true);
      expect(dupes(mapped.map((m) => m.zendeskCommentId))).toEqual([]);
      expect(dupes(mapped.map((m) => m.jsmCommentId))).toEqual([]);
      // No lost comment: every human comment on an open pair has its copy.
      if (zTicket.status === 'closed') continue;
      for (const c of zComments.filter((c) => String(c.author_id) !== zMe))
        expect(mapped.some((m) => m.zendeskCommentId === String(c.id)), `comment ${c.id} of zendesk ${l.zendeskId} not copied`).toBe(true);
      for (const c of jComments.filter((c) => c.authorId !== jMe))
        expect(mapped.some((m) => m.jsmCommentId === String(c.id)), `comment ${c.id} of ${l.jsmKey} not copied`).toBe(true);
    }
  }, 240_000);
});
