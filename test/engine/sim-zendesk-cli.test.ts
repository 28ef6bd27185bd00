import { loadRuntimeConfig } from '../../src/config/index.ts';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { memoryOutput } from '../../src/cli/output.ts';
import { runSim } from '../../src/cli/sim.ts';
import { startSimulators } from '../../src/simulators/index.ts';

const zdAuth = (env: Record<string, string>) => `Basic ${Buffer.from(`${env.ZENDESK_EMAIL}/token:${env.ZENDESK_TOKEN}`).toString('base64')}`;

describe('deskbridge sim', () => {
  it.each([
    [{ zendeskPort: 'eighty' }, '--zendesk-port'],
    [{ jsmPort: '70000' }, '--jsm-port'],
    [{ seed: '-3' }, '--seed'],
    [{ seed: '5', tickets: '6' }, '--tickets'],
    [{ zendeskPort: '45100', jsmPort: '45100' }, '--jsm-port'],
  ])('refuses flags %j, naming %s', async (flags, flag) => {
    const out = memoryOutput();
    expect(await runSim(flags, out, () => Promise.resolve())).toBe(2);
    expect(out.stdout).toEqual([]);
    expect(out.stderr.join('\n')).toContain(flag);
  });

  it('prints one JSON line with both URLs and the demo env, serves seeded tickets, and closes on stop', async () => {
    const out = memoryOutput();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const run = runSim({ seed: '4', randomSeed: '9' }, out, () => stopped);
    await expect.poll(() => out.stdout.length).toBe(1);
    const line = JSON.parse(out.stdout[0]!) as { zendesk: string; jsm: string; env: Record<string, string> };
    expect(line.env).toEqual({
      ZENDESK_URL: line.zendesk,
      ZENDESK_EMAIL: 'sync-bot@example.gov.uk',
      ZENDESK_TOKEN: 'zd-test-token',
      JSM_URL: line.jsm,
      JSM_EMAIL: 'sync-bot@example.gov.uk',
      JSM_TOKEN: 'jsm-test-token',
      DESKBRIDGE_STORE: '.deskbridge/demo-state.db',
    });
    // The printed environment is all config/demo.yaml needs.
    expect((await loadRuntimeConfig('config/demo.yaml', line.env)).ok).toBe(true);
    const tickets = (await (await fetch(`${line.zendesk}/api/v2/tickets.json`, { headers: { authorization: zdAuth(line.env) } })).json()) as { count: number };
    expect(tickets.count).toBe(4);
    const jsm = await fetch(`${line.jsm}/rest/api/3/myself`, {
      headers: { authorization: `Basic ${Buffer.from(`${line.env.JSM_EMAIL}:${line.env.JSM_TOKEN}`).toString('base64')}` },
    });
    expect(jsm.status).toBe(200);
    stop();
    expect(await run).toBe(0);
    await expect(fetch(`${line.zendesk}/api/v2/tickets.json`)).rejects.toThrow();
  });

  it('reports a busy port instead of crashing', async () => {
    const first = await startSimulators();
    try {
      const out = memoryOutput();
      const port = new URL(first.zendeskUrl).port;
      expect(await runSim({ zendeskPort: port }, out, () => Promise.resolve())).toBe(2);
      expect(out.stderr.join('\n')).toMatch(/cannot start the simulators/);
    } finally {
      await first.close();
    }
  });

  it('runs as a process until SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/deskbridge.js', 'sim', '--seed', '3'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', () => reject(new Error('sim exited before printing')));
    });
    const { zendesk, env } = JSON.parse(firstLine) as { zendesk: string; env: Record<string, string> };
    const r = await fetch(`${zendesk}/api/v2/incremental/tickets/cursor.json?start_time=0`, { headers: { authorization: zdAuth(env) } });
    expect(((await r.json()) as { tickets: unknown[] }).tickets).toHaveLength(3);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
