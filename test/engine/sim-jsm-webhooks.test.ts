import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsmSimulator } from '../../src/simulators/jsm/index.ts';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: any;
}

let sim: JsmSimulator;
let receiver: Server;
let received: Received[];
let hookUrl: string;
let failFirst: number;

beforeEach(async () => {
  received = [];
  failFirst = 0;
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(failFirst-- > 0 ? 503 : 200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/jira`;
  sim = new JsmSimulator({ seed: 4 });
  await sim.listen();
});
afterEach(async () => {
  await sim.close();
  await new Promise((r) => receiver.close(r));
});

describe('JSM simulator webhooks', () => {
  it('signs each event with X-Hub-Signature over the raw body', async () => {
    sim.registerWebhook({ url: hookUrl, secret: 's3cret' });
    const issue = sim.createIssueDirect({ summary: 'Laptop will not connect to the VPN' });
    sim.transitionDirect(issue.key, 'In progress');
    sim.addCommentDirect(issue.key, { body: 'Looking now', public: false });
    await sim.flushWebhooks();
    // deliveries run concurrently, so arrival order is not guaranteed (nor is it by Jira)
    expect(received.map((r) => r.body.webhookEvent).sort()).toEqual(['comment_created', 'jira:issue_created', 'jira:issue_updated']);
    for (const r of received) {
      expect(r.headers['x-hub-signature']).toBe(`sha256=${createHmac('sha256', 's3cret').update(r.raw).digest('hex')}`);
      expect(r.headers['x-atlassian-webhook-identifier']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const updated = received.find((r) => r.body.webhookEvent === 'jira:issue_updated');
    const comment = received.find((r) => r.body.webhookEvent === 'comment_created');
    expect(updated!.body.issue_event_type_name).toBe('issue_generic');
    expect(updated!.body.changelog.items).toContainEqual(expect.objectContaining({ field: 'status', fromString: 'Waiting for support', toString: 'In progress' }));
    expect(comment!.body.comment).toMatchObject({ jsdPublic: false });
    expect(comment!.body.issue.key).toBe(issue.key);
  });

  it('retries a failed delivery with the same identifier and a retry header', async () => {
    failFirst = 1;
    sim.registerWebhook({ url: hookUrl, retries: 2 });
    sim.createIssueDirect({ summary: 'Card payment taken twice' });
    await sim.flushWebhooks();
    expect(received).toHaveLength(2);
    expect(received[1]!.headers['x-atlassian-webhook-identifier']).toBe(received[0]!.headers['x-atlassian-webhook-identifier']);
    expect(received[1]!.headers['x-atlassian-webhook-retry']).toBe('1');
    expect(received[0]!.headers['x-hub-signature']).toBeUndefined();
    expect(sim.webhookDeliveries().map((d) => d.status)).toEqual([503, 200]);
  });

  it('can deliver duplicates that share an identifier, and filters by event', async () => {
    sim.registerWebhook({ url: hookUrl, duplicateRate: 1, events: ['comment_created'] });
    const issue = sim.createIssueDirect({ summary: 'x' });
    sim.addCommentDirect(issue.key, { body: 'hello' });
    await sim.flushWebhooks();
    expect(received.map((r) => r.body.webhookEvent)).toEqual(['comment_created', 'comment_created']);
    expect(new Set(received.map((r) => r.headers['x-atlassian-webhook-identifier'])).size).toBe(1);
  });
});
