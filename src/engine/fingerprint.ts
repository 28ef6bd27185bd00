import { createHash } from 'node:crypto';
import type { Connection, FieldRule } from '../config/schema.ts';
import type { RichText, SystemName } from '../model/index.ts';
import { richTextFingerprint } from '../text/fingerprint.ts';
import { groupsMapped, type CanonicalTicket } from './canonical.ts';

/**
 * Per-field fingerprints: the three-way diff compares these, never raw values, and the store keeps
 * only these (no personal data at rest in the base).
 */

/** JSON with object keys sorted, so equal values always serialise the same. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Base keys. Custom fields use `cf:<map name>`. */
export const DESCRIPTION = 'description';
/**
 * Zendesk's description (its first comment) cannot be edited through the API. When a JSM description
 * change went to Zendesk as an internal note, this key holds Zendesk's unchanged description so that
 * it does not read as a Zendesk-side change.
 */
export const DESCRIPTION_ON_ZENDESK = 'description.zendesk';
export const conflictMarkerKey = (field: string): string => `conflict:${field}`;
export const CLOSED_REPORT_KEY = 'closed:reported';
/** updatedAt of the last state of a side that was read in full and found in sync (not a fingerprint). */
export const seenBaseKey = (system: SystemName): string => `seen:${system}`;

/** One syncable field: its base key, its name in ops and audit, its config rule and how to read it. */
export interface FieldSpec {
  key: string;
  /** Name shown in plans and audit: the built-in field name, or the custom field map's name. */
  name: string;
  rule: FieldRule;
  custom: boolean;
  value(t: CanonicalTicket): unknown;
}

/** Every field the connection syncs: the built-ins (group only when groups are mapped) then custom fields. */
export function fieldSpecs(c: Connection): FieldSpec[] {
  const builtins = ([
    { key: 'subject', name: 'subject', rule: c.fields.subject, custom: false, value: (t: CanonicalTicket) => t.subject },
    { key: DESCRIPTION, name: 'description', rule: c.fields.description, custom: false, value: (t: CanonicalTicket) => t.description },
    { key: 'status', name: 'status', rule: c.fields.status, custom: false, value: (t: CanonicalTicket) => t.status },
    { key: 'priority', name: 'priority', rule: c.fields.priority, custom: false, value: (t: CanonicalTicket) => t.priority },
    { key: 'group', name: 'group', rule: c.fields.group, custom: false, value: (t: CanonicalTicket) => t.group },
    { key: 'tags', name: 'tags', rule: c.fields.tags, custom: false, value: (t: CanonicalTicket) => t.tags },
  ] satisfies FieldSpec[]).filter((f) => f.key !== 'group' || groupsMapped(c));
  const custom: FieldSpec[] = c.customFields.map((m) => ({
    key: `cf:${m.name}`,
    name: m.name,
    rule: { direction: m.direction, conflict: m.conflict },
    custom: true,
    value: (t: CanonicalTicket) => t.custom[m.name] ?? null,
  }));
  return [...builtins, ...custom];
}

/** Fingerprint of one field's canonical value. Rich text goes through the text layer's normalised hash. */
export function fieldFingerprint(key: string, value: unknown): string {
  if (key === DESCRIPTION) return richTextFingerprint(value as RichText);
  return sha256(`${key}\u0000${stableJson(value ?? null)}`);
}

/** Fingerprints of every field of a canonical ticket. */
export function ticketFingerprints(specs: readonly FieldSpec[], t: CanonicalTicket): Record<string, string> {
  return Object.fromEntries(specs.map((f) => [f.key, fieldFingerprint(f.key, f.value(t))]));
}
