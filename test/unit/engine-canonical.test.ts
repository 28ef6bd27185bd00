import { describe, expect, it } from 'vitest';
import { canonicalGroup, canonicalStatus, canonicalTags, nativeGroup, nativePriority, nativeStatus, sideHasNews, toCanonical } from '../../src/engine/index.ts';
import { JSM_ME, testConnection } from '../support/engine-world.ts';
import { baseOf, comment, jTicket, zTicket } from '../support/plan-fixtures.ts';

const c = testConnection();

describe('canonical values', () => {
  it.each([
    { system: 'zendesk', native: 'pending', canon: 'waiting_on_customer' },
    { system: 'zendesk', native: 'custom:7002', canon: 'on_hold' },
    { system: 'jsm', native: 'Waiting for support', canon: 'open' },
    { system: 'jsm', native: 'In progress', canon: 'open' },
    { system: 'jsm', native: 'Open', canon: 'new' },
  ] as const)('reads $system status "$native" as $canon', ({ system, native, canon }) => {
    expect(canonicalStatus(c, system, native)).toEqual({ ok: true, value: canon });
  });

  it.each([
    { canon: 'open', jsm: 'In progress', zendesk: 'open' },
    { canon: 'on_hold', jsm: 'Pending', zendesk: 'hold' },
    { canon: 'resolved', jsm: 'Resolved', zendesk: 'solved' },
  ] as const)('writes canonical $canon as JSM "$jsm" and Zendesk "$zendesk" (override, else first mapping)', ({ canon, jsm, zendesk }) => {
    expect(nativeStatus(c, 'jsm', canon)).toEqual({ ok: true, value: jsm });
    expect(nativeStatus(c, 'zendesk', canon)).toEqual({ ok: true, value: zendesk });
  });

  it('names the config path for a status with no mapping either way', () => {
    const bad = canonicalStatus(c, 'jsm', 'Escalated');
    expect(bad).toMatchObject({ ok: false, problem: { field: 'status', system: 'jsm', path: 'statuses.jsm["Escalated"]' } });
    const narrow = testConnection({ statuses: { ...c.statuses, jsm: { Open: 'new' }, toJsm: {} } });
    expect(nativeStatus(narrow, 'jsm', 'resolved')).toMatchObject({ ok: false, problem: { path: 'statuses.toJsm.resolved' } });
  });

  it('writes priorities through the toJsm override and the first mapping', () => {
    expect(nativePriority(c, 'jsm', 'low')).toEqual({ ok: true, value: 'Low' });
    expect(nativePriority(c, 'jsm', 'urgent')).toEqual({ ok: true, value: 'Highest' });
    expect(nativePriority(c, 'zendesk', null)).toEqual({ ok: true, value: null });
  });

  it('compares groups through the Zendesk group and writes the first request type of it', () => {
    expect(canonicalGroup(c, 'zendesk', { id: '9003', name: '3rd line' })).toEqual({ ok: true, value: '3rd line' });
    expect(canonicalGroup(c, 'jsm', { id: '13', name: 'Report an outage' })).toEqual({ ok: true, value: '3rd line' });
    expect(canonicalGroup(c, 'jsm', { id: '12', name: 'Report a security breach' })).toEqual({ ok: true, value: '3rd line' });
    expect(nativeGroup(c, 'jsm', '3rd line')).toEqual({ ok: true, value: { id: 'Report a security breach', name: 'Report a security breach' } });
    expect(canonicalGroup(c, 'zendesk', { id: '9999', name: 'Finance' })).toMatchObject({ ok: false, problem: { path: 'groups[].zendesk' } });
  });

  it('does not sync groups when the connection maps none', () => {
    expect(canonicalGroup(testConnection({ groups: [] }), 'zendesk', { id: '9999', name: 'Finance' })).toEqual({ ok: true, value: null });
  });

  it('normalises tags: stamps dropped, lower-cased, sorted, unique', () => {
    expect(canonicalTags(['VPN', 'vpn', 'deskbridge_demo_zendesk_12', 'access', ' '])).toEqual(['access', 'vpn']);
  });

  it('translates option values into one value space', () => {
    const z = toCanonical(c, zTicket({ customFields: { '360001': 'impact_low' } }));
    const j = toCanonical(c, jTicket({ customFields: { customfield_10050: 'Low' } }));
    expect(z.ok && z.value.custom).toEqual({ impact: 'impact_low' });
    expect(j.ok && j.value.custom).toEqual({ impact: 'impact_low' });
  });
});

describe('sideHasNews (is the counterpart worth reading?)', () => {
  const base = baseOf(zTicket());
  const news = (t = jTicket(), over: { base?: typeof base | null; mapped?: string[] } = {}) =>
    sideHasNews({ connection: c, ticket: t, base: over.base === undefined ? base : over.base, mappedComments: over.mapped ?? [], me: JSM_ME });

  it.each([
    { name: 'the echo of our write', t: jTicket(), expected: false },
    { name: 'a many-to-one status echo', t: jTicket({ status: 'Waiting for support' }), expected: false },
    { name: 'a field changed on this side', t: jTicket({ priority: 'Low' }), expected: true },
    { name: 'a new human comment', t: jTicket({ comments: [comment('20501')] }), expected: true },
    { name: 'our own copied comment', t: jTicket({ comments: [comment('20501', { author: JSM_ME })] }), expected: false },
    { name: 'a lost stamp', t: jTicket({ linkStamp: null }), expected: true },
    { name: 'an unmappable status', t: jTicket({ status: 'Escalated' }), expected: true },
  ])('$name → $expected', ({ t, expected }) => {
    expect(news(t)).toBe(expected);
  });

  it('treats a mapped comment and a missing base as expected', () => {
    expect(news(jTicket({ comments: [comment('20501')] }), { mapped: ['20501'] })).toBe(false);
    expect(news(jTicket(), { base: null })).toBe(true);
    const { status: _status, ...noStatus } = base;
    expect(news(jTicket(), { base: noStatus })).toBe(true);
  });
});
