import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../src/cli/validate.ts';
import { memoryOutput } from '../../src/cli/output.ts';

const run = promisify(execFile);

/** `deskbridge validate …` as a user runs it, on the same Node as the tests. */
async function deskbridge(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/deskbridge.js', 'validate', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const PROBLEM_LINE = /^\S+:\d+:\d+ {2}\S+ {2}.+$/;

describe('deskbridge validate (end to end)', () => {
  it('exits 0 with a summary for the documented example', async () => {
    const { code, stdout, stderr } = await deskbridge(['config/sync.example.yaml']);
    expect(code).toBe(0);
    expect(stdout).toContain('config/sync.example.yaml: valid (2 connections, sqlite store)');
    expect(stdout).toContain('benefits-digital: Zendesk example-benefits.zendesk.com ⇄ JSM DIGI');
    expect(stdout).toMatch(/statuses 8 Zendesk \/ 7 JSM, priorities 4 \/ 5, groups 3, custom fields 2/);
    // unset ${VAR}s are only warnings when validating
    expect(stderr).toContain('warning: environment variable ZENDESK_TOKEN is not set');
  });

  it('exits 1 and lists every problem as file:line:col  path  expectation', async () => {
    const { code, stdout, stderr } = await deskbridge(['test/fixtures/config/broken.yaml'], { JSM_OAUTH_TOKEN: 'x' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('test/fixtures/config/broken.yaml: 4 problems');
    const problems = lines.slice(0, -1);
    for (const line of problems) expect(line).toMatch(PROBLEM_LINE);
    expect(problems.map((l) => l.split('  ').slice(0, 2).join('  '))).toEqual([
      'test/fixtures/config/broken.yaml:4:5  connections[0].statuses',
      'test/fixtures/config/broken.yaml:7:60  connections[0].zendesk.auth.token',
      'test/fixtures/config/broken.yaml:14:5  connections[0].statuse',
      'test/fixtures/config/broken.yaml:17:7  connections[0].priorities.jsm',
    ]);
    expect(stderr).toContain('unknown key "statuse" (did you mean "statuses"?)');
    expect(stderr).not.toContain('zd-inline-token');
  });

  it('exits 1 on unset variables with --require-env', async () => {
    const { code, stderr } = await deskbridge(['config/demo.yaml', '--require-env']);
    expect(code).toBe(1);
    expect(stderr).toContain('config/demo.yaml:13:7  connections[0].zendesk.url  environment variable ZENDESK_URL is not set');
  });

  it('exits 2 when the file cannot be read', async () => {
    const { code, stderr } = await deskbridge(['config/no-such-file.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('config/no-such-file.yaml  (file)  cannot read the file (ENOENT)');
  });
});

describe('validate output', () => {
  it('prints a JSON result with --json', async () => {
    const out = memoryOutput();
    const code = await runValidate('config/demo.yaml', { json: true }, out, { ZENDESK_URL: 'http://127.0.0.1:4010' });
    expect(code).toBe(0);
    const result = JSON.parse(out.stdout.join('\n')) as { valid: boolean; summary: { connections: { zendeskHost: string; groups: number }[] } };
    expect(result.valid).toBe(true);
    expect(result.summary.connections[0]).toMatchObject({ zendeskHost: '127.0.0.1:4010', groups: 4 });
  });

  it('shows only the host of a base URL', async () => {
    const out = memoryOutput();
    await runValidate('config/demo.yaml', {}, out, { ZENDESK_URL: 'http://127.0.0.1:4010/some/path?x=1', JSM_URL: 'https://jsm.example:8443/' });
    expect(out.stdout[1]).toBe('  demo: Zendesk 127.0.0.1:4010 ⇄ JSM HELP (service desk 1, jsm.example:8443), direction both');
  });
});
