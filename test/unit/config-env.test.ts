import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_ENV } from '../fixtures/config/env.ts';
import { formatProblem, loadRuntimeConfig, parseConfigText, resolveEnv } from '../../src/config/index.ts';

const FIXTURE = 'test/fixtures/config/valid.yaml';
const base = readFileSync(FIXTURE, 'utf8');
const ENV = CONFIG_ENV;
const without = (...names: string[]) => Object.fromEntries(Object.entries(ENV).filter(([k]) => !names.includes(k)));

function loaded(text: string, env: Record<string, string>) {
  const result = parseConfigText(text, 'sync.yaml', env);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result;
}

describe('${VAR} references', () => {
  it('reports unset variables as warnings by default, one per reference, at their line', () => {
    const result = loaded(base, without('ZENDESK_TOKEN', 'JSM_TOKEN'));
    expect(result.warnings.map((w) => `${w.line}:${w.col} ${w.path} ${w.message}`)).toEqual([
      '12:9 connections[0].zendesk.auth.token environment variable ZENDESK_TOKEN is not set',
      '19:9 connections[0].jsm.auth.token environment variable JSM_TOKEN is not set',
    ]);
  });

  it('reports unset variables as errors when the environment is required', () => {
    const result = parseConfigText(base, 'sync.yaml', without('JSM_URL'), { requireEnv: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual(['sync.yaml:15:7  connections[0].jsm.url  environment variable JSM_URL is not set']);
  });

  it('treats a variable set to the empty string as missing', () => {
    const result = loaded(base, { ...ENV, ZENDESK_EMAIL: '' });
    expect(result.warnings.map((w) => w.message)).toEqual(['environment variable ZENDESK_EMAIL is set but empty']);
  });

  it('replaces references anywhere in a string: urls, emails, the store path', () => {
    const text = base.replace('url: ${ZENDESK_URL}', 'url: https://${ZD_SUBDOMAIN}.zendesk.com');
    const { config } = loaded(text, { ...ENV, ZD_SUBDOMAIN: 'dwp-helpdesk' });
    const resolved = resolveEnv(config, { ...ENV, ZD_SUBDOMAIN: 'dwp-helpdesk' });
    if (!resolved.ok) throw new Error(resolved.problems.map(formatProblem).join('\n'));
    const c = resolved.config.connections[0]!;
    expect(c.zendesk.url).toBe('https://dwp-helpdesk.zendesk.com');
    expect(c.zendesk.auth).toEqual({ type: 'token', email: 'sync-bot@example.gov.uk', token: 'zd-test-token' });
    expect(c.jsm.url).toBe('http://127.0.0.1:4020');
    expect(resolved.config.store).toEqual({ sqlite: CONFIG_ENV.DESKBRIDGE_STORE });
    // the loaded config is left as written
    expect(config.connections[0]!.zendesk.url).toBe('https://${ZD_SUBDOMAIN}.zendesk.com');
  });

  it('names each missing variable with the file position it is used at', () => {
    const { config } = loaded(base, ENV);
    const resolved = resolveEnv(config, without('ZENDESK_URL', 'JSM_EMAIL'));
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.problems.map(formatProblem)).toEqual([
      'sync.yaml:8:7  connections[0].zendesk.url  environment variable ZENDESK_URL is not set',
      'sync.yaml:18:9  connections[0].jsm.auth.email  environment variable JSM_EMAIL is not set',
    ]);
  });

  it('rejects a resolved base URL that is not an http(s) URL, without showing its value', () => {
    const { config } = loaded(base, ENV);
    const resolved = resolveEnv(config, { ...ENV, JSM_URL: 'ftp://files.internal' });
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.problems.map(formatProblem)).toEqual(['sync.yaml:15:7  connections[0].jsm.url  ${JSM_URL} does not hold an http(s) URL']);
  });

  it('loads a runtime config only when every variable is set', async () => {
    const missing = await loadRuntimeConfig(FIXTURE, without('ZENDESK_TOKEN'));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems.map((p) => [p.path, p.line])).toEqual([['connections[0].zendesk.auth.token', 12]]);

    const complete = await loadRuntimeConfig(FIXTURE, ENV);
    expect(complete.ok && complete.config.connections[0]!.jsm.auth).toEqual({ type: 'token', email: 'sync-bot@example.gov.uk', token: 'jsm-test-token' });
  });
});
