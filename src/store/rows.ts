import { z } from 'zod';
import { Link, SystemName } from '../model/index.ts';
import type {
  AuditEntry,
  BaseFingerprints,
  CommentIntent,
  CommentMapping,
  CreateIntent,
  DeadLetter,
} from '../ports/state-store.ts';

/**
 * Row ⇄ domain mapping, checked with zod at the database boundary. Both drivers differ in what they
 * return: node:sqlite gives JSON as text and integers as numbers; pg gives JSONB as objects and
 * BIGINT as strings. The schemas accept both.
 */

export type Row = Record<string, unknown>;

const jsonColumn = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? JSON.parse(v) : v), schema);

const intColumn = z.coerce.number().int();

export const Fingerprints = z.record(z.string(), z.string());

const LinkRow = z.object({
  connection: z.string(),
  zendesk_id: z.string(),
  jsm_id: z.string(),
  jsm_key: z.string(),
  created_at: z.string(),
  origin: SystemName,
});
export const toLink = (row: Row): Link => {
  const r = LinkRow.parse(row);
  return { connection: r.connection, zendeskId: r.zendesk_id, jsmId: r.jsm_id, jsmKey: r.jsm_key, createdAt: r.created_at, origin: r.origin };
};
export const parseLink = (link: Link): Link => Link.parse(link);

export const toBase = (row: Row): BaseFingerprints => z.object({ fingerprints: jsonColumn(Fingerprints) }).parse(row).fingerprints;

const CommentMappingRow = z.object({
  connection: z.string(),
  zendesk_comment_id: z.string(),
  jsm_comment_id: z.string(),
  zendesk_ticket_id: z.string(),
});
export const toCommentMapping = (row: Row): CommentMapping => {
  const r = CommentMappingRow.parse(row);
  return { connection: r.connection, zendeskCommentId: r.zendesk_comment_id, jsmCommentId: r.jsm_comment_id, zendeskTicketId: r.zendesk_ticket_id };
};
export const CommentMappingInput = z.object({
  connection: z.string().min(1),
  zendeskCommentId: z.string().min(1),
  jsmCommentId: z.string().min(1),
  zendeskTicketId: z.string().min(1),
});

const CreateIntentRow = z.object({
  id: z.string(),
  connection: z.string(),
  target: SystemName,
  source_id: z.string(),
  link_stamp: z.string(),
  created_at: z.string(),
});
export const toCreateIntent = (row: Row): CreateIntent => {
  const r = CreateIntentRow.parse(row);
  return { id: r.id, connection: r.connection, target: r.target, sourceId: r.source_id, linkStamp: r.link_stamp, createdAt: r.created_at };
};
export const CreateIntentInput = z.object({
  id: z.string().min(1),
  connection: z.string().min(1),
  target: SystemName,
  sourceId: z.string().min(1),
  linkStamp: z.string().min(1),
  createdAt: z.string().min(1),
});

const CommentIntentRow = z.object({
  id: z.string(),
  connection: z.string(),
  target: SystemName,
  target_ticket_id: z.string(),
  source_comment_id: z.string(),
  body_fingerprint: z.string(),
  created_at: z.string(),
});
export const toCommentIntent = (row: Row): CommentIntent => {
  const r = CommentIntentRow.parse(row);
  return {
    id: r.id,
    connection: r.connection,
    target: r.target,
    targetTicketId: r.target_ticket_id,
    sourceCommentId: r.source_comment_id,
    bodyFingerprint: r.body_fingerprint,
    createdAt: r.created_at,
  };
};
export const CommentIntentInput = z.object({
  id: z.string().min(1),
  connection: z.string().min(1),
  target: SystemName,
  targetTicketId: z.string().min(1),
  sourceCommentId: z.string().min(1),
  bodyFingerprint: z.string().min(1),
  createdAt: z.string().min(1),
});

const DeadLetterRow = z.object({
  id: intColumn,
  connection: z.string(),
  system: SystemName,
  ticket_id: z.string(),
  reason: z.string(),
  kind: z.string(),
  attempts: intColumn,
  created_at: z.string(),
  resolved_at: z.string().nullable(),
});
export const toDeadLetter = (row: Row): DeadLetter => {
  const r = DeadLetterRow.parse(row);
  return {
    id: r.id,
    connection: r.connection,
    system: r.system,
    ticketId: r.ticket_id,
    reason: r.reason,
    kind: r.kind,
    attempts: r.attempts,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
  };
};
export const DeadLetterInput = z.object({
  connection: z.string().min(1),
  system: SystemName,
  ticketId: z.string().min(1),
  reason: z.string(),
  kind: z.string().min(1),
  createdAt: z.string().min(1).optional(),
});

const DetailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const AuditDetailSchema = z.record(z.string(), DetailValue);

const AuditRow = z.object({
  at: z.string(),
  connection: z.string(),
  action: z.string(),
  system: SystemName.nullable(),
  ticket_id: z.string().nullable(),
  detail: jsonColumn(AuditDetailSchema.nullable()),
});
export const toAuditEntry = (row: Row): AuditEntry => {
  const r = AuditRow.parse(row);
  const entry: AuditEntry = { at: r.at, connection: r.connection, action: r.action };
  if (r.system !== null) entry.system = r.system;
  if (r.ticket_id !== null) entry.ticketId = r.ticket_id;
  if (r.detail !== null) entry.detail = r.detail;
  return entry;
};
export const AuditInput = z.object({
  at: z.string().min(1),
  connection: z.string().min(1),
  action: z.string().min(1),
  system: SystemName.optional(),
  ticketId: z.string().optional(),
  detail: AuditDetailSchema.optional(),
});

export const intOf = (value: unknown): number => intColumn.parse(value);
export const countOf = (row: Row | undefined): number => intOf(row?.n);
