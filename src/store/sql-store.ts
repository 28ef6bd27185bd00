import { parseLinkStamp, type Link, type SystemName } from '../model/index.ts';
import {
  StoreConflict,
  type AuditEntry,
  type BaseFingerprints,
  type CommentIntent,
  type CommentMapping,
  type CreateIntent,
  type DeadLetter,
  type StateStore,
  type TicketLock,
} from '../ports/state-store.ts';
import { UnknownDeadLetter } from './errors.ts';
import { maskEmails, scrubAuditDetail } from './pii-guard.ts';
import { Q, dialectQueries, whereClause } from './queries.ts';
import * as rows from './rows.ts';
import { SqlStoreBase } from './sql-base.ts';

export type { SqlStoreOptions, SqlValue } from './sql-base.ts';

/**
 * The StateStore both databases share: SQL, uniqueness rules and the PII guard, on top of the
 * transaction scoping and migrations of SqlStoreBase. A backend adds statement execution,
 * begin/commit/rollback, close and ticket locks.
 */
export abstract class SqlStateStore<H> extends SqlStoreBase<H> implements StateStore {
  abstract close(): Promise<void>;
  abstract withTicketLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  abstract tryLockTicket(connection: string, system: SystemName, id: string): Promise<TicketLock | null>;

  protected asStore(): StateStore {
    return this;
  }

  // ---- links

  async putLink(link: Link): Promise<void> {
    const l = rows.parseLink(link);
    await this.atomic(async () => {
      const inserted = await this.run(Q.insertLink, [l.connection, l.zendeskId, l.jsmId, l.jsmKey, l.createdAt, l.origin]);
      if (inserted > 0) return;
      const clashing = (await this.all(Q.linksClashing, [l.connection, l.zendeskId, l.jsmId])).map(rows.toLink);
      const same = clashing.length === 1 && clashing[0]!.zendeskId === l.zendeskId && clashing[0]!.jsmId === l.jsmId;
      if (!same) {
        const pairs = clashing.map((c) => `zendesk ${c.zendeskId} ⇄ jsm ${c.jsmId}`).join(', ');
        throw new StoreConflict('link', `connection ${l.connection}: cannot link zendesk ${l.zendeskId} ⇄ jsm ${l.jsmId}, already linked: ${pairs}`);
      }
      // The same pair again: idempotent, except that the issue key may have changed (moved project).
      if (clashing[0]!.jsmKey !== l.jsmKey) await this.run(Q.updateLinkKey, [l.connection, l.zendeskId, l.jsmKey]);
    });
  }

  async getLinkBy(connection: string, system: SystemName, id: string): Promise<Link | null> {
    const row = await this.one(system === 'zendesk' ? Q.linkByZendesk : Q.linkByJsm, [connection, id]);
    return row ? rows.toLink(row) : null;
  }

  async getLinkByStamp(stamp: string): Promise<Link | null> {
    const parsed = parseLinkStamp(stamp);
    return parsed ? this.getLinkBy(parsed.connection, parsed.system, parsed.id) : null;
  }

  async listLinks(connection: string): Promise<Link[]> {
    return (await this.all(Q.listLinks, [connection])).map(rows.toLink);
  }

  async countLinks(connection: string): Promise<number> {
    return rows.countOf(await this.one(Q.countLinks, [connection]));
  }

  async deleteLink(connection: string, zendeskId: string): Promise<void> {
    await this.atomic(async () => {
      await this.run(Q.deleteLink, [connection, zendeskId]);
      await this.run(Q.deleteBase, [connection, zendeskId]);
    });
  }

  // ---- bases

  async getBase(connection: string, zendeskId: string): Promise<BaseFingerprints | null> {
    const row = await this.one(Q.getBase, [connection, zendeskId]);
    return row ? rows.toBase(row) : null;
  }

  async putBase(connection: string, zendeskId: string, base: BaseFingerprints): Promise<void> {
    const json = JSON.stringify(rows.Fingerprints.parse(base));
    await this.run(Q.putBase, [connection, zendeskId, json, this.now()]);
  }

  async mergeBase(connection: string, zendeskId: string, patch: BaseFingerprints): Promise<BaseFingerprints> {
    const json = JSON.stringify(rows.Fingerprints.parse(patch));
    return rows.toBase((await this.one(dialectQueries(this.dialect).mergeBase, [connection, zendeskId, json, this.now()]))!);
  }

  // ---- comment map

  async putCommentMapping(m: CommentMapping): Promise<void> {
    const c = rows.CommentMappingInput.parse(m);
    await this.atomic(async () => {
      const inserted = await this.run(Q.insertCommentMapping, [c.connection, c.zendeskCommentId, c.jsmCommentId, c.zendeskTicketId]);
      if (inserted > 0) return;
      const clashing = (await this.all(Q.commentMappingsClashing, [c.connection, c.zendeskCommentId, c.jsmCommentId])).map(rows.toCommentMapping);
      const same = clashing.length === 1 && clashing[0]!.zendeskCommentId === c.zendeskCommentId && clashing[0]!.jsmCommentId === c.jsmCommentId;
      if (!same) {
        const pairs = clashing.map((x) => `zendesk ${x.zendeskCommentId} ⇄ jsm ${x.jsmCommentId}`).join(', ');
        throw new StoreConflict('comment-map', `connection ${c.connection}: cannot map zendesk comment ${c.zendeskCommentId} ⇄ jsm comment ${c.jsmCommentId}, already mapped: ${pairs}`);
      }
    });
  }

  async findCommentMapping(connection: string, system: SystemName, commentId: string): Promise<CommentMapping | null> {
    const row = await this.one(system === 'zendesk' ? Q.commentMappingByZendesk : Q.commentMappingByJsm, [connection, commentId]);
    return row ? rows.toCommentMapping(row) : null;
  }

  async listCommentMappings(connection: string, zendeskTicketId: string): Promise<CommentMapping[]> {
    return (await this.all(Q.commentMappingsOfTicket, [connection, zendeskTicketId])).map(rows.toCommentMapping);
  }

  // ---- checkpoints

  async getCheckpoint(connection: string, feed: SystemName): Promise<string | null> {
    const row = await this.one(Q.getCheckpoint, [connection, feed]);
    return row ? String(row.checkpoint) : null;
  }

  async putCheckpoint(connection: string, feed: SystemName, checkpoint: string): Promise<void> {
    await this.run(Q.putCheckpoint, [connection, feed, checkpoint, this.now()]);
  }

  // ---- intents

  async putCreateIntent(intent: CreateIntent): Promise<void> {
    const i = rows.CreateIntentInput.parse(intent);
    await this.atomic(async () => {
      if (await this.run(Q.insertCreateIntent, [i.id, i.connection, i.target, i.sourceId, i.linkStamp, i.createdAt])) return;
      const clashing = (await this.all(Q.createIntentsClashing, [i.id, i.connection, i.target, i.sourceId])).map(rows.toCreateIntent);
      const c = clashing[0];
      const same = clashing.length === 1 && c!.id === i.id && c!.connection === i.connection && c!.target === i.target && c!.sourceId === i.sourceId && c!.linkStamp === i.linkStamp;
      if (!same) {
        throw new StoreConflict('create-intent', `connection ${i.connection}: intent ${i.id} to create in ${i.target} from ${i.sourceId} clashes with intent(s) ${clashing.map((x) => x.id).join(', ')}`);
      }
    });
  }

  async getCreateIntent(connection: string, target: SystemName, sourceId: string): Promise<CreateIntent | null> {
    const row = await this.one(Q.getCreateIntent, [connection, target, sourceId]);
    return row ? rows.toCreateIntent(row) : null;
  }

  async listCreateIntents(connection: string): Promise<CreateIntent[]> {
    return (await this.all(Q.listCreateIntents, [connection])).map(rows.toCreateIntent);
  }

  async deleteCreateIntent(id: string): Promise<void> {
    await this.run(Q.deleteCreateIntent, [id]);
  }

  async putCommentIntent(intent: CommentIntent): Promise<void> {
    const i = rows.CommentIntentInput.parse(intent);
    await this.atomic(async () => {
      const values = [i.id, i.connection, i.target, i.targetTicketId, i.sourceCommentId, i.bodyFingerprint, i.createdAt];
      if (await this.run(Q.insertCommentIntent, values)) return;
      const clashing = (await this.all(Q.commentIntentsClashing, [i.id, i.connection, i.target, i.sourceCommentId])).map(rows.toCommentIntent);
      const c = clashing[0];
      const same = clashing.length === 1 && c!.id === i.id && c!.connection === i.connection && c!.target === i.target && c!.sourceCommentId === i.sourceCommentId && c!.targetTicketId === i.targetTicketId;
      if (!same) {
        throw new StoreConflict('comment-intent', `connection ${i.connection}: intent ${i.id} for comment ${i.sourceCommentId} in ${i.target} clashes with intent(s) ${clashing.map((x) => x.id).join(', ')}`);
      }
    });
  }

  async getCommentIntent(connection: string, target: SystemName, sourceCommentId: string): Promise<CommentIntent | null> {
    const row = await this.one(Q.getCommentIntent, [connection, target, sourceCommentId]);
    return row ? rows.toCommentIntent(row) : null;
  }

  async listCommentIntents(connection: string): Promise<CommentIntent[]> {
    return (await this.all(Q.listCommentIntents, [connection])).map(rows.toCommentIntent);
  }

  async deleteCommentIntent(id: string): Promise<void> {
    await this.run(Q.deleteCommentIntent, [id]);
  }

  // ---- dead letters

  async addDeadLetter(dl: Parameters<StateStore['addDeadLetter']>[0]): Promise<DeadLetter> {
    const d = rows.DeadLetterInput.parse(dl);
    const row = await this.one(Q.addDeadLetter, [d.connection, d.system, d.ticketId, maskEmails(d.reason), d.kind, d.createdAt ?? this.now()]);
    return rows.toDeadLetter(row!);
  }

  async listDeadLetters(opts: { connection?: string; includeResolved?: boolean } = {}): Promise<DeadLetter[]> {
    const where = whereClause([
      ...(opts.connection !== undefined ? [['connection = ?', opts.connection] as const] : []),
      ...(opts.includeResolved ? [] : ['resolved_at IS NULL']),
    ]);
    return (await this.all(`SELECT * FROM dead_letters${where.sql} ORDER BY id`, where.params)).map(rows.toDeadLetter);
  }

  async getDeadLetter(id: number): Promise<DeadLetter | null> {
    const row = await this.one(Q.getDeadLetter, [id]);
    return row ? rows.toDeadLetter(row) : null;
  }

  async resolveDeadLetter(id: number): Promise<void> {
    await this.atomic(async () => {
      if (await this.run(Q.resolveDeadLetter, [id, this.now()])) return;
      if (!(await this.getDeadLetter(id))) throw new UnknownDeadLetter(id);
      // Already resolved: resolving again changes nothing.
    });
  }

  // ---- audit

  async audit(entry: AuditEntry): Promise<void> {
    const e = rows.AuditInput.parse(entry);
    const action = maskEmails(e.action);
    const scrubbed = e.detail ? scrubAuditDetail(e.detail) : null;
    if (scrubbed?.stripped.length) {
      // Key names only: the values are what must not be stored or logged.
      this.logger.warn({ connection: e.connection, action, keys: scrubbed.stripped }, 'audit detail looked like personal data and was stripped');
    }
    await this.run(Q.insertAudit, [
      e.at,
      e.connection,
      action,
      e.system ?? null,
      e.ticketId === undefined ? null : maskEmails(e.ticketId),
      scrubbed ? JSON.stringify(scrubbed.detail) : null,
    ]);
  }

  async listAudit(opts: { connection?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const where = whereClause(opts.connection !== undefined ? [['connection = ?', opts.connection] as const] : []);
    if (opts.limit === undefined) {
      return (await this.all(`SELECT * FROM audit${where.sql} ORDER BY id`, where.params)).map(rows.toAuditEntry);
    }
    if (!Number.isInteger(opts.limit) || opts.limit < 0) throw new RangeError(`audit limit must be a non-negative integer`);
    const sql = `SELECT * FROM audit${where.sql} ORDER BY id DESC LIMIT $${where.params.length + 1}`;
    return (await this.all(sql, [...where.params, opts.limit])).map(rows.toAuditEntry).reverse();
  }
}
