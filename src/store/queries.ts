import type { Dialect } from './migrations.ts';

/**
 * The SQL the stores run, with `$1…$n` parameters (PostgreSQL's syntax; the SQLite store rewrites
 * them to `?1…?n`). Shared where the dialects agree; `dialectQueries` holds the few that differ.
 * `ON CONFLICT DO NOTHING` + a read of the existing row is used instead of catching constraint errors,
 * because a failed statement aborts a whole PostgreSQL transaction.
 */
export const Q = {
  insertLink: `INSERT INTO links (connection, zendesk_id, jsm_id, jsm_key, created_at, origin)
    VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
  linksClashing: `SELECT * FROM links WHERE connection = $1 AND (zendesk_id = $2 OR jsm_id = $3)`,
  updateLinkKey: `UPDATE links SET jsm_key = $3 WHERE connection = $1 AND zendesk_id = $2`,
  linkByZendesk: `SELECT * FROM links WHERE connection = $1 AND zendesk_id = $2`,
  // A JSM issue is found by id or by key (keys change when an issue moves project; ids do not).
  linkByJsm: `SELECT * FROM links WHERE connection = $1 AND (jsm_id = $2 OR jsm_key = $2)
    ORDER BY CASE WHEN jsm_id = $2 THEN 0 ELSE 1 END LIMIT 1`,
  listLinks: `SELECT * FROM links WHERE connection = $1 ORDER BY created_at, zendesk_id`,
  countLinks: `SELECT COUNT(*) AS n FROM links WHERE connection = $1`,
  deleteLink: `DELETE FROM links WHERE connection = $1 AND zendesk_id = $2`,

  getBase: `SELECT fingerprints FROM bases WHERE connection = $1 AND zendesk_id = $2`,
  putBase: `INSERT INTO bases (connection, zendesk_id, fingerprints, updated_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (connection, zendesk_id) DO UPDATE SET fingerprints = excluded.fingerprints, updated_at = excluded.updated_at`,
  deleteBase: `DELETE FROM bases WHERE connection = $1 AND zendesk_id = $2`,

  insertCommentMapping: `INSERT INTO comment_map (connection, zendesk_comment_id, jsm_comment_id, zendesk_ticket_id)
    VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
  commentMappingsClashing: `SELECT * FROM comment_map WHERE connection = $1 AND (zendesk_comment_id = $2 OR jsm_comment_id = $3)`,
  commentMappingByZendesk: `SELECT * FROM comment_map WHERE connection = $1 AND zendesk_comment_id = $2`,
  commentMappingByJsm: `SELECT * FROM comment_map WHERE connection = $1 AND jsm_comment_id = $2`,
  commentMappingsOfTicket: `SELECT * FROM comment_map WHERE connection = $1 AND zendesk_ticket_id = $2 ORDER BY zendesk_comment_id`,

  getCheckpoint: `SELECT checkpoint FROM checkpoints WHERE connection = $1 AND feed = $2`,
  putCheckpoint: `INSERT INTO checkpoints (connection, feed, checkpoint, updated_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (connection, feed) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at`,

  insertCreateIntent: `INSERT INTO create_intents (id, connection, target, source_id, link_stamp, created_at)
    VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
  createIntentsClashing: `SELECT * FROM create_intents WHERE id = $1 OR (connection = $2 AND target = $3 AND source_id = $4)`,
  getCreateIntent: `SELECT * FROM create_intents WHERE connection = $1 AND target = $2 AND source_id = $3`,
  listCreateIntents: `SELECT * FROM create_intents WHERE connection = $1 ORDER BY created_at, id`,
  deleteCreateIntent: `DELETE FROM create_intents WHERE id = $1`,

  insertCommentIntent: `INSERT INTO comment_intents (id, connection, target, target_ticket_id, source_comment_id, body_fingerprint, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
  commentIntentsClashing: `SELECT * FROM comment_intents WHERE id = $1 OR (connection = $2 AND target = $3 AND source_comment_id = $4)`,
  getCommentIntent: `SELECT * FROM comment_intents WHERE connection = $1 AND target = $2 AND source_comment_id = $3`,
  listCommentIntents: `SELECT * FROM comment_intents WHERE connection = $1 ORDER BY created_at, id`,
  deleteCommentIntent: `DELETE FROM comment_intents WHERE id = $1`,

  // A ticket's open dead letter absorbs its repeated failures (the partial unique index dead_letters_open).
  addDeadLetter: `INSERT INTO dead_letters (connection, system, ticket_id, reason, kind, created_at)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (connection, system, ticket_id) WHERE resolved_at IS NULL
    DO UPDATE SET reason = excluded.reason, kind = excluded.kind, attempts = dead_letters.attempts + 1
    RETURNING *`,
  getDeadLetter: `SELECT * FROM dead_letters WHERE id = $1`,
  resolveDeadLetter: `UPDATE dead_letters SET resolved_at = $2 WHERE id = $1 AND resolved_at IS NULL`,

  insertAudit: `INSERT INTO audit (at, connection, action, system, ticket_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,

  appliedVersions: `SELECT version FROM schema_version ORDER BY version`,
  recordVersion: `INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)`,
} as const;

export function dialectQueries(dialect: Dialect): { mergeBase: string } {
  const merged = dialect === 'postgres' ? 'bases.fingerprints || excluded.fingerprints' : 'json_patch(bases.fingerprints, excluded.fingerprints)';
  return {
    mergeBase: `INSERT INTO bases (connection, zendesk_id, fingerprints, updated_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (connection, zendesk_id) DO UPDATE SET fingerprints = ${merged}, updated_at = excluded.updated_at
      RETURNING fingerprints`,
  };
}

/** Optional filters → a WHERE clause with numbered parameters, for the list queries. */
export function whereClause(conditions: readonly (readonly [sql: string, value: string | number | null] | string)[]): {
  sql: string;
  params: (string | number | null)[];
} {
  const parts: string[] = [];
  const params: (string | number | null)[] = [];
  for (const c of conditions) {
    if (typeof c === 'string') {
      parts.push(c);
    } else {
      params.push(c[1]);
      parts.push(c[0].replace('?', `$${params.length}`));
    }
  }
  return { sql: parts.length ? ` WHERE ${parts.join(' AND ')}` : '', params };
}
