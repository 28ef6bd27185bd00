import { createHmac, randomUUID } from 'node:crypto';
import { renderComment, renderIssue, renderUser, type RenderCtx } from './render.ts';
import type { StoreEvent } from './store.ts';
import { findUser } from './universe.ts';

/**
 * Outgoing webhooks as an admin-registered Jira webhook sends them: JSON events (`jira:issue_created`,
 * `jira:issue_updated` with `changelog`, `jira:issue_deleted`, `comment_created|updated|deleted`), an
 * `X-Atlassian-Webhook-Identifier` that repeats on retries and duplicates, and, with a secret,
 * `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
 * https://developer.atlassian.com/cloud/jira/platform/webhooks/
 */

export interface WebhookRegistration {
  url: string;
  secret?: string;
  /** Event names to send (default: all). */
  events?: string[];
  /** Share of deliveries sent twice with the same identifier (0..1), to test de-duplication. */
  duplicateRate?: number;
  /** Retries after a failed delivery (non-2xx or network error). Default 2. */
  retries?: number;
}

export interface WebhookDelivery {
  url: string;
  event: string;
  identifier: string;
  attempt: number;
  status: number | 'error';
}

export function webhookEventName(e: StoreEvent): string {
  return e.type.startsWith('comment_') ? e.type : `jira:${e.type}`;
}

export function webhookPayload(ctx: RenderCtx, e: StoreEvent, timestamp: number): Record<string, unknown> {
  const base: Record<string, unknown> = { timestamp, webhookEvent: webhookEventName(e), user: renderUser(ctx, findUser(e.actorId)) };
  const issue = renderIssue(ctx, e.issue, { defaultFields: '*all', fields: ['*all', '-comment'] });
  if (e.type === 'comment_created' || e.type === 'comment_updated' || e.type === 'comment_deleted') {
    const brief = renderIssue(ctx, e.issue, { defaultFields: '*all', fields: ['summary', 'issuetype', 'project', 'assignee', 'priority', 'status'] });
    return { timestamp, webhookEvent: base.webhookEvent, comment: renderComment(ctx, e.comment), issue: brief };
  }
  if (e.type === 'issue_updated') {
    const statusChange = e.changelog?.items.some((i) => i.field === 'status');
    return { ...base, issue_event_type_name: statusChange ? 'issue_generic' : 'issue_updated', issue, ...(e.changelog ? { changelog: { id: e.changelog.id, items: e.changelog.items } } : {}) };
  }
  return { ...base, issue_event_type_name: e.type, issue };
}

export const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export class WebhookSender {
  readonly registrations: WebhookRegistration[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly rnd: () => number;
  constructor(rnd: () => number) {
    this.rnd = rnd;
  }

  send(ctx: RenderCtx, e: StoreEvent, timestamp: number): void {
    const event = webhookEventName(e);
    for (const reg of this.registrations) {
      if (reg.events && !reg.events.includes(event)) continue;
      const body = JSON.stringify(webhookPayload(ctx, e, timestamp));
      const identifier = randomUUID();
      const copies = this.rnd() < (reg.duplicateRate ?? 0) ? 2 : 1;
      for (let n = 0; n < copies; n++) this.track(this.deliver(reg, event, body, identifier));
    }
  }

  /** Resolves once every delivery started so far (with its retries) has finished. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async deliver(reg: WebhookRegistration, event: string, body: string, identifier: string): Promise<void> {
    const retries = reg.retries ?? 2;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'x-atlassian-webhook-identifier': identifier };
      if (attempt > 0) headers['x-atlassian-webhook-retry'] = String(attempt);
      if (reg.secret) headers['x-hub-signature'] = signature(reg.secret, body);
      let status: number | 'error';
      try {
        status = (await fetch(reg.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) })).status;
      } catch {
        status = 'error';
      }
      this.deliveries.push({ url: reg.url, event, identifier, attempt, status });
      if (status !== 'error' && status < 300) return;
    }
  }
}
