/**
 * A cheap guard that keeps personal data out of the audit log and dead-letter reasons. The engine is
 * meant to write ids, field names and policies only; this catches the slip (an email in an API error
 * message, a `name` detail) before it is stored for years.
 */

export type AuditDetail = Record<string, string | number | boolean | null>;

/** Something shaped like an email address: local part, @, a dotted domain. */
const EMAIL_LIKE = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[A-Za-z]{2,}/g;

/** Detail keys that name personal data whatever their value. Compared lower-cased, without `_`/`-`. */
const PERSONAL_KEYS = new Set([
  'email',
  'emailaddress',
  'name',
  'displayname',
  'fullname',
  'firstname',
  'lastname',
  'phone',
  'address',
  'body',
  'htmlbody',
  'subject',
  'description',
  'comment',
]);

export const REDACTED = '[redacted]';

export function looksLikeEmail(value: string): boolean {
  EMAIL_LIKE.lastIndex = 0;
  return EMAIL_LIKE.test(value);
}

/** Replaces every email-like part of a text (e.g. an API's error message) with `[email]`. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL_LIKE, '[email]');
}

const normaliseKey = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');

/**
 * Returns the detail with personal-looking values replaced by `[redacted]`, and the keys it replaced
 * (key names are safe to log; values are not).
 */
export function scrubAuditDetail(detail: AuditDetail): { detail: AuditDetail; stripped: string[] } {
  const out: AuditDetail = {};
  const stripped: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    const personalKey = PERSONAL_KEYS.has(normaliseKey(key));
    const personalValue = typeof value === 'string' && looksLikeEmail(value);
    if ((personalKey && value !== null) || personalValue) {
      out[key] = REDACTED;
      stripped.push(key);
    } else {
      out[key] = value;
    }
  }
  return { detail: out, stripped };
}
