import type { Link, SystemName } from '../model/index.ts';

/** Fingerprints of the values last synced, per canonical field name (the three-way diff base). */
export type BaseFingerprints = Record<string, string>;

export interface CreateIntent {
  id: string;
  connection: string;
  /** The system the ticket is being created in. */
  target: SystemName;
  /** The ticket it is created from. */
  sourceId: string;
  linkStamp: string;
  createdAt: string;
}

export interface CommentIntent {
  id: string;
  connection: string;
  target: SystemName;
  targetTicketId: string;
  sourceCommentId: string;
  /** Fingerprint of the body written, to recognise it when reading back. */
  bodyFingerprint: string;
  createdAt: string;
}

export interface DeadLetter {
  id: number;
  connection: string;
  system: SystemName;
  ticketId: string;
  reason: string;
  /** Error kind (Invalid, Transient, Unmappable…) for filtering and replay. */
  kind: string;
  attempts: number;
  createdAt: string;
  resolvedAt: string | null;
}

/** An audit record: actions and ids only, never personal data (no bodies, names, emails). */
export interface AuditEntry {
  at: string;
  connection: string;
  action: string;
  system?: SystemName;
  ticketId?: string;
  detail?: Record<string, string | number | boolean | null>;
}

export interface CommentMapping {
  connection: string;
  zendeskCommentId: string;
  jsmCommentId: string;
  zendeskTicketId: string;
}

/** Which unique rule a write broke: a second, different record for a key that already has one. */
export type StoreConflictKind = 'link' | 'comment-map' | 'create-intent' | 'comment-intent';

/**
 * A write would break a uniqueness rule (e.g. a second link for a Zendesk ticket that is already linked
 * to another issue). Writing the very same record again is not a conflict. Message holds ids only.
 */
export class StoreConflict extends Error {
  readonly kind: StoreConflictKind;
  constructor(kind: StoreConflictKind, message: string) {
    super(`${kind} conflict: ${message}`);
    this.kind = kind;
    this.name = 'StoreConflict';
  }
}
export const isStoreConflict = (e: unknown): e is StoreConflict => e instanceof StoreConflict;

/** A held ticket lock (from `tryLockTicket`); release it exactly once. */
export interface TicketLock {
  readonly key: string;
  release(): Promise<void>;
}

/** The lock key of one ticket; `withTicketLock` and `tryLockTicket` share this key space. */
export const ticketLockKey = (connection: string, system: SystemName, id: string): string =>
  `${connection}:${system}:${id}`;

/**
 * Everything the engine remembers between runs. Implementations: SQLite (embedded default), Postgres.
 * Methods are async so that both fit; each call is atomic on its own, `transaction` groups several.
 * Calls made on the store inside a `transaction` callback (on `tx` or on the store itself, in the callback's
 * async context) join that transaction; a nested `transaction` joins the outer one, and if the nested
 * callback throws, the outer transaction is rolled back even if the error is caught.
 */
export interface StateStore {
  migrate(): Promise<void>;
  close(): Promise<void>;
  transaction<T>(fn: (tx: StateStore) => Promise<T>): Promise<T>;

  // links
  putLink(link: Link): Promise<void>;
  getLinkBy(connection: string, system: SystemName, id: string): Promise<Link | null>;
  listLinks(connection: string): Promise<Link[]>;
  /** Deletes the link and its base (the comment map is kept: it still says what was copied). */
  deleteLink(connection: string, zendeskId: string): Promise<void>;
  countLinks(connection: string): Promise<number>;
  /** The link named by a stamp (`deskbridge_<connection>_<system>_<id>`, see model/link.ts), or null. */
  getLinkByStamp(stamp: string): Promise<Link | null>;

  // three-way diff base, per link (keyed by Zendesk id within the connection)
  getBase(connection: string, zendeskId: string): Promise<BaseFingerprints | null>;
  putBase(connection: string, zendeskId: string, base: BaseFingerprints): Promise<void>;
  /** Atomically sets the given fields' fingerprints, keeping the others; returns the whole new base. */
  mergeBase(connection: string, zendeskId: string, patch: BaseFingerprints): Promise<BaseFingerprints>;

  // comment map, both ways
  putCommentMapping(m: CommentMapping): Promise<void>;
  findCommentMapping(connection: string, system: SystemName, commentId: string): Promise<CommentMapping | null>;
  listCommentMappings(connection: string, zendeskTicketId: string): Promise<CommentMapping[]>;

  // feed checkpoints
  getCheckpoint(connection: string, feed: SystemName): Promise<string | null>;
  putCheckpoint(connection: string, feed: SystemName, checkpoint: string): Promise<void>;

  // create intents (written before a remote create, removed once the link is stored)
  putCreateIntent(intent: CreateIntent): Promise<void>;
  getCreateIntent(connection: string, target: SystemName, sourceId: string): Promise<CreateIntent | null>;
  listCreateIntents(connection: string): Promise<CreateIntent[]>;
  deleteCreateIntent(id: string): Promise<void>;

  // comment intents (written before a remote comment add)
  putCommentIntent(intent: CommentIntent): Promise<void>;
  getCommentIntent(connection: string, target: SystemName, sourceCommentId: string): Promise<CommentIntent | null>;
  listCommentIntents(connection: string): Promise<CommentIntent[]>;
  deleteCommentIntent(id: string): Promise<void>;

  // dead letters
  /**
   * Records a failure. A ticket that already has an unresolved dead letter gets that one updated
   * (reason, kind, attempts + 1) instead of a second one. Email-like text in `reason` is masked.
   */
  addDeadLetter(dl: Omit<DeadLetter, 'id' | 'resolvedAt' | 'attempts' | 'createdAt'> & { createdAt?: string }): Promise<DeadLetter>;
  listDeadLetters(opts?: { connection?: string; includeResolved?: boolean }): Promise<DeadLetter[]>;
  getDeadLetter(id: number): Promise<DeadLetter | null>;
  resolveDeadLetter(id: number): Promise<void>;

  // audit
  /** Appends an entry; detail values that look like personal data (emails, name/body keys) are stripped. */
  audit(entry: AuditEntry): Promise<void>;
  /** Entries oldest first; with `limit`, the most recent `limit` entries (still oldest first). */
  listAudit(opts?: { connection?: string; limit?: number }): Promise<AuditEntry[]>;

  // per-ticket serial processing ("never two workers on one ticket")
  /**
   * Runs `fn` holding the lock `key` (see `ticketLockKey`), waiting for it if another worker holds it.
   * SQLite: an in-process lock; Postgres: also a session advisory lock, so it holds across processes.
   * Take it outside transactions, never inside one.
   */
  withTicketLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Takes the ticket's lock if it is free, else returns null at once. */
  tryLockTicket(connection: string, system: SystemName, id: string): Promise<TicketLock | null>;
}
