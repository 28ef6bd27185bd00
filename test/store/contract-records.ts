import { describe, expect, it } from 'vitest';
import type { AuditEntry, CommentIntent, CreateIntent } from '../../src/ports/state-store.ts';
import { UnknownDeadLetter } from '../../src/store/errors.ts';
import { expectConflict, T0, type Ctx } from './contract-support.ts';

const intent = (over: Partial<CreateIntent> = {}): CreateIntent => ({
  id: 'ci-1',
  connection: 'dwp',
  target: 'jsm',
  sourceId: '501',
  linkStamp: 'deskbridge_dwp_zendesk_501',
  createdAt: '2025-03-03T09:00:00.000Z',
  ...over,
});

const commentIntent = (over: Partial<CommentIntent> = {}): CommentIntent => ({
  id: 'cm-1',
  connection: 'dwp',
  target: 'zendesk',
  targetTicketId: '501',
  sourceCommentId: '20001',
  bodyFingerprint: 'sha256:abc',
  createdAt: '2025-03-03T09:00:00.000Z',
  ...over,
});

const failure = { connection: 'dwp', system: 'jsm' as const, ticketId: '10001', reason: 'Field customfield_10050 is required', kind: 'Invalid' };

/** Checkpoints, create/comment intents, dead letters, audit. */
export function recordCases(ctx: Ctx): void {
  describe('checkpoints', () => {
    it('has none at first, then returns the latest one saved per connection and feed', async () => {
      const s = await ctx.store();
      expect(await s.getCheckpoint('dwp', 'zendesk')).toBeNull();
      await s.putCheckpoint('dwp', 'zendesk', '{"cursor":"a"}');
      await s.putCheckpoint('dwp', 'zendesk', '{"cursor":"b"}');
      await s.putCheckpoint('dwp', 'jsm', '{"since":"2025-03-03T09:00:00Z"}');
      expect(await s.getCheckpoint('dwp', 'zendesk')).toBe('{"cursor":"b"}');
      expect(await s.getCheckpoint('dwp', 'jsm')).toBe('{"since":"2025-03-03T09:00:00Z"}');
      expect(await s.getCheckpoint('hmrc', 'zendesk')).toBeNull();
    });
  });

  describe('create intents', () => {
    it('stores, finds, lists and deletes an intent', async () => {
      const s = await ctx.store();
      await s.putCreateIntent(intent({ id: 'ci-2', sourceId: '10001', target: 'zendesk', createdAt: '2025-03-03T09:05:00.000Z' }));
      await s.putCreateIntent(intent());
      expect(await s.getCreateIntent('dwp', 'jsm', '501')).toEqual(intent());
      expect(await s.getCreateIntent('dwp', 'zendesk', '501')).toBeNull();
      expect((await s.listCreateIntents('dwp')).map((i) => i.id)).toEqual(['ci-1', 'ci-2']);
      await s.deleteCreateIntent('ci-1');
      expect(await s.getCreateIntent('dwp', 'jsm', '501')).toBeNull();
      expect((await s.listCreateIntents('dwp')).map((i) => i.id)).toEqual(['ci-2']);
      expect(await s.listCreateIntents('hmrc')).toEqual([]);
    });

    it('accepts the same intent twice', async () => {
      const s = await ctx.store();
      await s.putCreateIntent(intent());
      await s.putCreateIntent(intent());
      expect(await s.listCreateIntents('dwp')).toEqual([intent()]);
    });

    it('fails loudly on a second intent to create from the same source ticket', async () => {
      const s = await ctx.store();
      await s.putCreateIntent(intent());
      await expectConflict(s.putCreateIntent(intent({ id: 'ci-other' })), 'create-intent');
      await expectConflict(s.putCreateIntent(intent({ sourceId: '502' })), 'create-intent');
      expect(await s.listCreateIntents('dwp')).toEqual([intent()]);
    });
  });

  describe('comment intents', () => {
    it('stores, finds, lists and deletes an intent', async () => {
      const s = await ctx.store();
      await s.putCommentIntent(commentIntent());
      expect(await s.getCommentIntent('dwp', 'zendesk', '20001')).toEqual(commentIntent());
      expect(await s.getCommentIntent('dwp', 'jsm', '20001')).toBeNull();
      expect(await s.listCommentIntents('dwp')).toEqual([commentIntent()]);
      await s.deleteCommentIntent('cm-1');
      expect(await s.getCommentIntent('dwp', 'zendesk', '20001')).toBeNull();
    });

    it('fails loudly on a second intent for the same source comment, accepts the same one twice', async () => {
      const s = await ctx.store();
      await s.putCommentIntent(commentIntent());
      await s.putCommentIntent(commentIntent());
      await expectConflict(s.putCommentIntent(commentIntent({ id: 'cm-2' })), 'comment-intent');
      expect(await s.listCommentIntents('dwp')).toEqual([commentIntent()]);
    });
  });

  describe('dead letters', () => {
    it('records a failure with an id, one attempt and the store clock', async () => {
      const s = await ctx.store();
      const dl = await s.addDeadLetter(failure);
      expect(dl).toEqual({ ...failure, id: expect.any(Number), attempts: 1, createdAt: new Date(T0).toISOString(), resolvedAt: null });
      expect(await s.getDeadLetter(dl.id)).toEqual(dl);
      expect(await s.getDeadLetter(dl.id + 1000)).toBeNull();
    });

    it('keeps a given createdAt', async () => {
      const s = await ctx.store();
      const dl = await s.addDeadLetter({ ...failure, createdAt: '2025-01-01T00:00:00.000Z' });
      expect(dl.createdAt).toBe('2025-01-01T00:00:00.000Z');
    });

    it('counts a repeated failure of the same ticket on its open dead letter', async () => {
      const s = await ctx.store();
      const first = await s.addDeadLetter(failure);
      const again = await s.addDeadLetter({ ...failure, reason: 'Timed out after 5 retries', kind: 'Transient' });
      expect(again).toEqual({ ...first, attempts: 2, reason: 'Timed out after 5 retries', kind: 'Transient' });
      expect(await s.listDeadLetters()).toHaveLength(1);
    });

    it('lists open dead letters per connection, and resolved ones only when asked', async () => {
      const s = await ctx.store();
      const a = await s.addDeadLetter(failure);
      const b = await s.addDeadLetter({ ...failure, ticketId: '10002' });
      const c = await s.addDeadLetter({ ...failure, connection: 'hmrc' });
      ctx.clock.advance(60_000);
      await s.resolveDeadLetter(a.id);
      expect((await s.listDeadLetters()).map((d) => d.id)).toEqual([b.id, c.id]);
      expect((await s.listDeadLetters({ connection: 'dwp' })).map((d) => d.id)).toEqual([b.id]);
      const all = await s.listDeadLetters({ connection: 'dwp', includeResolved: true });
      expect(all.map((d) => [d.id, d.resolvedAt])).toEqual([
        [a.id, new Date(T0 + 60_000).toISOString()],
        [b.id, null],
      ]);
    });

    it('opens a new dead letter when a ticket fails again after its last one was resolved', async () => {
      const s = await ctx.store();
      const first = await s.addDeadLetter(failure);
      await s.resolveDeadLetter(first.id);
      await s.resolveDeadLetter(first.id); // again: nothing changes
      const second = await s.addDeadLetter(failure);
      expect(second.id).not.toBe(first.id);
      expect(second.attempts).toBe(1);
      expect((await s.getDeadLetter(first.id))?.resolvedAt).toBe(new Date(T0).toISOString());
    });

    it('refuses to resolve a dead letter that does not exist', async () => {
      const s = await ctx.store();
      await expect(s.resolveDeadLetter(4242)).rejects.toBeInstanceOf(UnknownDeadLetter);
    });

    it("masks an email address inside the API's error message", async () => {
      const s = await ctx.store();
      const dl = await s.addDeadLetter({ ...failure, reason: 'Requester jane.doe@example.org is suspended' });
      expect(dl.reason).toBe('Requester [email] is suspended');
    });
  });

  describe('audit', () => {
    const entry = (action: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
      at: '2025-03-03T09:00:00.000Z',
      connection: 'dwp',
      action,
      ...over,
    });

    it('keeps entries oldest first, with optional system, ticket and detail', async () => {
      const s = await ctx.store();
      const full = entry('update', { system: 'jsm', ticketId: '10001', detail: { fields: 'status,priority', conflict: false, n: 2, policy: null } });
      await s.audit(entry('create'));
      await s.audit(full);
      expect(await s.listAudit()).toEqual([entry('create'), full]);
    });

    it('returns the most recent entries when limited, per connection', async () => {
      const s = await ctx.store();
      for (const action of ['a1', 'a2', 'a3', 'a4']) await s.audit(entry(action));
      await s.audit(entry('other', { connection: 'hmrc' }));
      expect((await s.listAudit({ limit: 2 })).map((e) => e.action)).toEqual(['a4', 'other']);
      expect((await s.listAudit({ connection: 'dwp', limit: 2 })).map((e) => e.action)).toEqual(['a3', 'a4']);
      expect((await s.listAudit({ connection: 'hmrc' })).map((e) => e.action)).toEqual(['other']);
      expect(await s.listAudit({ limit: 0 })).toEqual([]);
    });

    it.each([
      ['an email value', { requester: 'jane.doe@example.org' }, { requester: '[redacted]' }],
      ['an email inside text', { note: 'reassigned to j.bloggs@dwp.gov.uk by rule' }, { note: '[redacted]' }],
      ['a name key', { name: 'Jane Doe' }, { name: '[redacted]' }],
      ['a display_name key', { display_name: 'Jane' }, { display_name: '[redacted]' }],
      ['a body key', { body: 'My password is…' }, { body: '[redacted]' }],
      ['a subject key', { Subject: 'Benefit claim' }, { Subject: '[redacted]' }],
      ['ids, field names and counts', { field: 'status', policy: 'newest', count: 3, ok: true }, { field: 'status', policy: 'newest', count: 3, ok: true }],
      ['a null personal key', { email: null }, { email: null }],
    ])('strips personal data from the detail: %s', async (_name, detail, stored) => {
      const s = await ctx.store({ logger: ctx.logger });
      await s.audit(entry('update', { detail }));
      expect((await s.listAudit())[0]?.detail).toEqual(stored);
    });

    it('never stores an email anywhere in the audit table, and logs only the key names it stripped', async () => {
      const s = await ctx.store({ logger: ctx.logger });
      await s.audit(entry('update by jane.doe@example.org', { ticketId: 'x@example.org', detail: { who: 'jane.doe@example.org' } }));
      const raw = JSON.stringify(await ctx.t.rawQuery('SELECT * FROM audit'));
      expect(raw).not.toMatch(/@example\.org/);
      const log = ctx.logLines.join('');
      expect(log).toContain('"who"');
      expect(log).not.toContain('jane.doe');
    });

    it('rejects an entry without a connection or action', async () => {
      const s = await ctx.store();
      await expect(s.audit({ at: '2025-03-03T09:00:00.000Z', connection: '', action: 'x' })).rejects.toThrow();
      await expect(s.audit({ ...entry('x'), detail: { nested: { a: 1 } } } as never)).rejects.toThrow();
      expect(await s.listAudit()).toEqual([]);
    });
  });
}
