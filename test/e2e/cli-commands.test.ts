import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { simWorld, type SimWorld } from '../support/sim-world.ts';

/** The CLI end to end: child processes running `deskbridge …` against simulators in this process. */

let world: SimWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const cfg = (w: SimWorld) => ['--config', w.configPath];

describe('deskbridge plan / sync / dlq', () => {
  it('plan shows the creates a sync would make and writes nothing', async () => {
    world = await simWorld({ zendeskTickets: 6, jsmTickets: 4 });
    await world.rt.close(); // the child process owns the store from here
    const r = await runCli(['plan', ...cfg(world), '--json'], world.env);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { tickets: { system: string; ops: { kind: string }[] }[]; summary: { apiCalls: unknown } };
    expect(plan.tickets.some((t) => t.ops.some((op) => op.kind === 'create'))).toBe(true);
    expect(world.writes()).toEqual({ zendesk: 0, jsm: 0 });
    const text = await runCli(['plan', ...cfg(world)], world.env);
    expect(text.stdout).toMatch(/create jsm ticket from zendesk:\d+/);
    await world.reopen();
  });

  it('sync --once --json prints exactly the summary object, and a second run reports no writes', async () => {
    world = await simWorld({ zendeskTickets: 6, jsmTickets: 4 });
    const first = await runCli(['sync', ...cfg(world), '--once', '--json'], world.env);
    expect(first.code, first.stderr).toBe(0);
    const s = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(Object.keys(s).sort()).toEqual(['apiCalls', 'comments', 'conflicts', 'deadLetters', 'durationMs', 'tickets']);
    expect(s).toMatchObject({
      tickets: { created: { zendesk: expect.any(Number), jsm: expect.any(Number) }, updated: { zendesk: expect.any(Number), jsm: expect.any(Number) }, unchanged: expect.any(Number) },
      comments: { created: { zendesk: expect.any(Number), jsm: expect.any(Number) } },
      apiCalls: { zendesk: { read: expect.any(Number), write: expect.any(Number) }, jsm: { read: expect.any(Number), write: expect.any(Number) } },
    });
    const created = s.tickets as { created: { zendesk: number; jsm: number } };
    expect(created.created.zendesk + created.created.jsm).toBeGreaterThan(4);
    world.tick();
    const second = await runCli(['sync', ...cfg(world), '--once', '--json'], world.env);
    const s2 = JSON.parse(second.stdout) as { apiCalls: { zendesk: { write: number }; jsm: { write: number } } };
    expect(s2.apiCalls.zendesk.write + s2.apiCalls.jsm.write).toBe(0);
  });

  it('lists a dead letter with its reason and resolves it on replay once the cause is fixed', async () => {
    world = await simWorld({ zendeskTickets: 0, jsmTickets: 0 });
    const t = world.sims.zendesk.createTicketDirect({ subject: 'Gateway timeouts', comment: { html_body: '<p>504 on submit</p>' }, group_id: 9002 });
    world.tick();
    expect((await runCli(['sync', ...cfg(world), '--once'], world.env)).code).toBe(0);
    const list = await runCli(['dlq', 'list', ...cfg(world), '--json'], world.env);
    const dead = JSON.parse(list.stdout) as { id: number; ticketId: string; reason: string }[];
    expect(dead).toHaveLength(1);
    expect(dead[0]!.ticketId).toBe(String(t.id));
    expect(dead[0]!.reason).toMatch(/Impact is required/);
    const stillBroken = await runCli(['dlq', 'replay', ...cfg(world), String(dead[0]!.id)], world.env);
    expect(stillBroken.code).toBe(1);
    expect(stillBroken.stdout).toMatch(/still failing/);

    world.sims.zendesk.updateTicketDirect(Number(t.id), { custom_fields: [{ id: 360001, value: 'impact_high' }] });
    const replay = await runCli(['dlq', 'replay', ...cfg(world), '--all', '--json'], world.env);
    expect(replay.code, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject([{ id: dead[0]!.id, resolved: true }]);
    expect(world.sims.jsm.issues().filter((i) => i.labels.includes(`deskbridge_demo_zendesk_${t.id}`))).toHaveLength(1);
    expect(JSON.parse((await runCli(['dlq', 'list', ...cfg(world), '--json'], world.env)).stdout)).toEqual([]);
  });

  it('stops a connection whose credentials are refused and exits 1', async () => {
    world = await simWorld({ zendeskTickets: 2, jsmTickets: 0 });
    const r = await runCli(['sync', ...cfg(world), '--once'], { ...world.env, JSM_TOKEN: 'wrong-token' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stopped/);
    expect(r.stderr).not.toContain('wrong-token');
  });

  it('reports a pass that failed (a system answering 503) with exit code 1, and a later pass recovers', async () => {
    world = await simWorld({ zendeskTickets: 2, jsmTickets: 0 });
    world.sims.jsm.harness.setFaults({ errorRate: 1 });
    const failed = await runCli(['sync', ...cfg(world), '--once'], world.env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/this pass failed and will be retried/);
    world.sims.jsm.harness.setFaults({ errorRate: 0 });
    const ok = await runCli(['sync', ...cfg(world), '--once', '--json'], world.env);
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as { tickets: { created: { jsm: number } } }).tickets.created.jsm).toBeGreaterThan(0);
  });

  it('rejects bad flags with exit code 2 and names the flag', async () => {
    world = await simWorld({ zendeskTickets: 0, jsmTickets: 0 });
    const r = await runCli(['dlq', 'replay', ...cfg(world), 'abc'], world.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--ids|dead letter ids/);
  });
});
