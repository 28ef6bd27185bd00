import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { plainDoc } from '../../src/model/index.ts';
import { nockBackend, type ZendeskBackend } from '../fixtures/zendesk/backends.ts';

/** Logs hold ids, routes and counts: never credentials, emails, names or ticket text. */

function bufferLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (s: string) => void lines.push(s) } });
  return { logger, text: () => lines.join(''), lines };
}

const BASIC = Buffer.from('sync-bot@example.gov.uk/token:zd-test-token').toString('base64');
const SUBJECT = 'Universal Credit payment not received for Margaret';
const EMAILS = /[a-z0-9._-]+@example\.(org|gov\.uk)/i;

let backend: ZendeskBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
  nock.cleanAll();
});

describe('log redaction', () => {
  it('a day of adapter traffic logs no Authorization header, email or subject', async () => {
    const { logger, text, lines } = bufferLogger();
    backend = await nockBackend({ logger });
    const { system } = backend;
    const id = await backend.seedTicket({
      subject: SUBJECT,
      descriptionHtml: '<p>Margaret Okafor, NI number QQ123456C, says her payment is late.</p>',
      requesterId: 1000,
      status: 'open',
      comments: [{ html: '<p>Spoke to margaret.okafor@example.org</p>', public: false, authorId: 101 }],
    });
    await system.getTicket(id);
    await system.createTicket({ subject: SUBJECT, description: plainDoc('Escalated from JSM'), requester: { id: 'x', email: 'owen.price@example.org', name: 'Owen Price' } }, 'deskbridge_c1_jsm_1');
    backend.failNext(1);
    await system.getTicket(id); // a retried read logs a warning
    backend.failNext(1);
    await system.addComment(id, { body: plainDoc('Reply to margaret.okafor@example.org'), public: true }).catch(() => undefined);
    for await (const _ of system.changes(JSON.stringify({ startTime: 0 }))) void _;

    const out = text();
    expect(lines.length).toBeGreaterThan(10); // the traffic was logged at all
    expect(out).toContain('retrying');
    expect(out).not.toContain(BASIC);
    expect(out).not.toContain('zd-test-token');
    expect(out).not.toMatch(/authorization/i);
    expect(out).not.toMatch(EMAILS);
    expect(out).not.toContain(SUBJECT);
    expect(out).not.toContain('Margaret');
    expect(out).not.toContain('QQ123456C');
  });

  it('a 429 pause and an auth failure log the route and status only', async () => {
    const { logger, text } = bufferLogger();
    nock('https://dwp-help.zendesk.com')
      .get('/api/v2/users/me.json')
      .reply(429, { error: 'TooManyRequests' }, { 'Retry-After': '0' })
      .get('/api/v2/users/me.json')
      .reply(401, { error: "Couldn't authenticate you" });
    const http = new HttpClient({ system: 'zendesk', baseUrl: 'https://dwp-help.zendesk.com', auth: { kind: 'bearer', token: 'zd-oauth-token' }, requestsPerMinute: 60, logger });
    await http.request({ method: 'GET', path: '/api/v2/users/me.json' }).catch(() => undefined);
    http.close();
    expect(text()).toContain('GET /api/v2/users/me.json');
    expect(text()).not.toContain('zd-oauth-token');
  });

  it.each([
    { name: 'request headers', obj: { headers: { authorization: `Basic ${BASIC}` } }, secret: BASIC },
    { name: 'nested request headers', obj: { req: { headers: { Authorization: 'Bearer zd-oauth-token' } } }, secret: 'zd-oauth-token' },
    { name: 'a token', obj: { token: 'zd-test-token' }, secret: 'zd-test-token' },
    { name: 'an email', obj: { email: 'margaret.okafor@example.org' }, secret: 'margaret.okafor' },
    { name: "a person's email", obj: { requester: { id: 1000, email: 'margaret.okafor@example.org', name: 'Margaret Okafor' } }, secret: 'margaret' },
    { name: 'a subject', obj: { ticket: { id: 1, subject: SUBJECT } }, secret: SUBJECT },
    { name: 'a comment body', obj: { comment: { html_body: '<p>QQ123456C</p>', body: 'QQ123456C' } }, secret: 'QQ123456C' },
    { name: 'a description', obj: { description: 'QQ123456C' }, secret: 'QQ123456C' },
  ])('redacts $name when a caller logs it', ({ obj, secret }) => {
    const { logger, text } = bufferLogger();
    logger.info(obj, 'event');
    expect(text()).toContain('[redacted]');
    expect(text().toLowerCase()).not.toContain(secret.toLowerCase());
  });
});
