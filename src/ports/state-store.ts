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

/**
 * Everything the engine remembers between runs. Implementations: SQLite (embedded default), Postgres.
 * Methods are async so that both fit; each call is atomic on its own, `transaction` groups several.
 */
export interface StateStore {
  migrate(): Promise<void>;
  close(): Promise<void>;
  transaction<T>(fn: (tx: StateStore) => Promise<T>): Promise<T>;

  // links
  putLink(link: Link): Promise<void>;
  getLinkBy(connection: string, system: SystemName, id: string): Promise<Link | null>;
  listLinks(connection: string): Promise<Link[]>;
  deleteLink(connection: string, zendeskId: string): Promise<void>;

  // three-way diff base, per link (keyed by Zendesk id within the connection)
  getBase(connection: string, zendeskId: string): Promise<BaseFingerprints | null>;
  putBase(connection: string, zendeskId: string, base: BaseFingerprints): Promise<void>;

  // comment map, both ways
  putCommentMapping(m: CommentMapping): Promise<void>;
  findCommentMapping(connection: string, system: SystemName, commentId: string): Promise<CommentMapping | null>;

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
  deleteCommentIntent(id: string): Promise<void>;

  // dead letters
  addDeadLetter(dl: Omit<DeadLetter, 'id' | 'resolvedAt' | 'attempts' | 'createdAt'> & { createdAt?: string }): Promise<DeadLetter>;
  listDeadLetters(opts?: { connection?: string; includeResolved?: boolean }): Promise<DeadLetter[]>;
  resolveDeadLetter(id: number): Promise<void>;

  // audit
  audit(entry: AuditEntry): Promise<void>;
  listAudit(opts?: { connection?: string; limit?: number }): Promise<AuditEntry[]>;
}
