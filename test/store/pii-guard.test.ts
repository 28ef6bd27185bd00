import { describe, expect, it } from 'vitest';
import { looksLikeEmail, maskEmails, scrubAuditDetail } from '../../src/store/pii-guard.ts';

describe('audit PII guard', () => {
  it.each([
    ['jane.doe@example.org', true],
    ['J.Bloggs+support@dwp.gov.uk', true],
    ['contact <a.b@c.co.uk> today', true],
    ['HELP-12', false],
    ['deskbridge_dwp_jsm_10001', false],
    ['557058:deskbridge-sync', false],
    ['@mention only', false],
    ['user@localhost', false],
  ])('%j looks like an email: %s', (value, expected) => {
    expect(looksLikeEmail(value)).toBe(expected);
  });

  it('masks every address in a text and keeps the rest', () => {
    expect(maskEmails('a@b.org and c.d@e.gov.uk failed')).toBe('[email] and [email] failed');
    expect(maskEmails('status is invalid')).toBe('status is invalid');
  });

  it('reports the keys it stripped, never the values', () => {
    const { detail, stripped } = scrubAuditDetail({ to: 'x@y.org', fields: 'status', fullName: 'Jo Bloggs', attempts: 2 });
    expect(detail).toEqual({ to: '[redacted]', fields: 'status', fullName: '[redacted]', attempts: 2 });
    expect(stripped).toEqual(['to', 'fullName']);
  });
});
