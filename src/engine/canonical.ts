import type { Connection, CustomFieldMap, GroupMap } from '../config/schema.ts';
import {
  parseLinkStamp,
  type CanonicalStatus,
  type GroupRef,
  type Priority,
  type RichText,
  type SystemName,
  type Ticket,
} from '../model/index.ts';

/**
 * Native ⇄ canonical values per side, driven by the connection's maps. The engine compares tickets only
 * in canonical form, so many-to-one maps never flap: JSM "In progress" and "Waiting for support" both
 * read as `open`, and neither is rewritten while Zendesk says open.
 */

/** A ticket's syncable values in one vocabulary shared by both sides. */
export interface CanonicalTicket {
  subject: string;
  description: RichText;
  status: CanonicalStatus;
  priority: Priority | null;
  /**
   * The Zendesk group the ticket maps through (lower-cased `groups[].zendesk`). Groups compare through
   * the Zendesk group because several logical groups (request types) may share one Zendesk group.
   */
  group: string | null;
  /** Lower-cased (Zendesk lower-cases tags), without link stamps and custom-field value tags, sorted, unique. */
  tags: string[];
  /** Custom field values by map name, in the Zendesk value space (`values` translates JSM values back). */
  custom: Record<string, unknown>;
}

/** A native value the config has no mapping for: names the config path to fix. */
export interface Unmappable {
  field: 'status' | 'priority' | 'group';
  system: SystemName;
  /** Config path to add the mapping under, e.g. `statuses.jsm["Awaiting parts"]`. */
  path: string;
  message: string;
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; problem: Unmappable };

export const SYSTEM_LABEL: Record<SystemName, string> = { zendesk: 'Zendesk', jsm: 'Jira Service Management' };

const ok = <T>(value: T): Mapped<T> => ({ ok: true, value });
const fail = (problem: Unmappable): Mapped<never> => ({ ok: false, problem });
const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
const quoted = (s: string): string => JSON.stringify(s);

// ---- native → canonical -------------------------------------------------------------------------

export function canonicalStatus(c: Connection, system: SystemName, native: string): Mapped<CanonicalStatus> {
  const value = c.statuses[system][native];
  if (value !== undefined) return ok(value);
  return fail({
    field: 'status',
    system,
    path: `statuses.${system}[${quoted(native)}]`,
    message: `connection ${c.id}: ${SYSTEM_LABEL[system]} status ${quoted(native)} is not mapped (add it under statuses.${system})`,
  });
}

export function canonicalPriority(c: Connection, system: SystemName, native: string | null): Mapped<Priority | null> {
  if (native === null || native === '') return ok(null);
  const map: Partial<Record<string, Priority>> = c.priorities[system];
  const value = map[native];
  if (value !== undefined) return ok(value);
  return fail({
    field: 'priority',
    system,
    path: `priorities.${system}[${quoted(native)}]`,
    message: `connection ${c.id}: ${SYSTEM_LABEL[system]} priority ${quoted(native)} is not mapped (add it under priorities.${system})`,
  });
}

/** True when `ref` (a Zendesk group or JSM request type, by id or name) is the one `configured` names. */
function refMatches(ref: GroupRef, configured: string): boolean {
  return ref.id === configured || (ref.name !== undefined && same(ref.name, configured));
}

function groupEntry(c: Connection, system: SystemName, ref: GroupRef): GroupMap | undefined {
  return c.groups.find((g) => refMatches(ref, system === 'zendesk' ? g.zendesk : g.jsm.requestType));
}

/** Groups are synced only when the connection maps some. */
export const groupsMapped = (c: Connection): boolean => c.groups.length > 0;

export function canonicalGroup(c: Connection, system: SystemName, ref: GroupRef | null): Mapped<string | null> {
  if (ref === null || !groupsMapped(c)) return ok(null);
  const entry = groupEntry(c, system, ref);
  if (entry) return ok(entry.zendesk.trim().toLowerCase());
  const label = quoted(ref.name ?? ref.id);
  return fail({
    field: 'group',
    system,
    path: system === 'zendesk' ? 'groups[].zendesk' : 'groups[].jsm.requestType',
    message:
      system === 'zendesk'
        ? `connection ${c.id}: Zendesk group ${label} is not mapped (add a groups[] entry with zendesk: ${label})`
        : `connection ${c.id}: JSM request type ${label} is not mapped (add a groups[] entry with jsm.requestType: ${label})`,
  });
}

const isStamp = (tag: string): boolean => parseLinkStamp(tag) !== null;

/**
 * Tags that belong to a mapped custom field: a Zendesk drop-down (tagger) field carries its value as a
 * tag too, set and cleared with the field. They sync as the field; as tags they would echo every write.
 */
export function managedTags(c: Connection): Set<string> {
  return new Set(c.customFields.flatMap((m) => Object.keys(m.values ?? {}).map((v) => v.trim().toLowerCase())));
}

/** Tags not synced as tags: link stamps and custom-field value tags. A tags write keeps them on the target. */
export const isReservedTag = (tag: string, managed: ReadonlySet<string>): boolean => isStamp(tag) || managed.has(tag.trim().toLowerCase());

export function canonicalTags(tags: readonly string[], managed: ReadonlySet<string> = new Set()): string[] {
  return [...new Set(tags.filter((t) => !isReservedTag(t, managed)).map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))].sort();
}

const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';

/** A custom field value in Zendesk value space: JSM option values translate back through `values`. */
export function canonicalCustom(map: CustomFieldMap, system: SystemName, native: unknown): unknown {
  if (isEmpty(native)) return null;
  if (system === 'zendesk' || !map.values || typeof native !== 'string') return native;
  const back = Object.entries(map.values).find(([, jsm]) => jsm === native);
  return back ? back[0] : native;
}

/** Reads every syncable value of a ticket in canonical form, or every value the config cannot map. */
export function toCanonical(c: Connection, t: Ticket): { ok: true; value: CanonicalTicket } | { ok: false; problems: Unmappable[] } {
  const system = t.ref.system;
  const status = canonicalStatus(c, system, t.status);
  const priority = canonicalPriority(c, system, t.priority);
  const group = canonicalGroup(c, system, t.group);
  const problems = [status, priority, group].flatMap((m) => (m.ok ? [] : [m.problem]));
  if (!status.ok || !priority.ok || !group.ok) return { ok: false, problems };
  const custom: Record<string, unknown> = {};
  for (const f of c.customFields) custom[f.name] = canonicalCustom(f, system, t.customFields[system === 'zendesk' ? f.zendesk : f.jsm]);
  return {
    ok: true,
    value: {
      subject: t.subject,
      description: t.description,
      status: status.value,
      priority: priority.value,
      group: group.value,
      tags: canonicalTags(t.tags, managedTags(c)),
      custom,
    },
  };
}

// ---- canonical → native (writes) ----------------------------------------------------------------

const TO_KEY = { zendesk: 'toZendesk', jsm: 'toJsm' } as const;

/** The override (`toZendesk` / `toJsm`), else the first native status that maps to it. */
export function nativeStatus(c: Connection, target: SystemName, status: CanonicalStatus): Mapped<string> {
  const override = c.statuses[TO_KEY[target]][status];
  if (override !== undefined) return ok(override);
  const first = Object.entries(c.statuses[target]).find(([, canon]) => canon === status);
  if (first) return ok(first[0]);
  return fail({
    field: 'status',
    system: target,
    path: `statuses.${TO_KEY[target]}.${status}`,
    message: `connection ${c.id}: no ${SYSTEM_LABEL[target]} status maps to ${status} (add statuses.${TO_KEY[target]}.${status} or a statuses.${target} entry)`,
  });
}

export function nativePriority(c: Connection, target: SystemName, priority: Priority | null): Mapped<string | null> {
  if (priority === null) return ok(null);
  const override = c.priorities[TO_KEY[target]][priority];
  if (override !== undefined) return ok(override);
  const map: Partial<Record<string, Priority>> = c.priorities[target];
  const first = Object.entries(map).find(([, canon]) => canon === priority);
  if (first) return ok(first[0]);
  return fail({
    field: 'priority',
    system: target,
    path: `priorities.${TO_KEY[target]}.${priority}`,
    message: `connection ${c.id}: no ${SYSTEM_LABEL[target]} priority maps to ${priority} (add priorities.${TO_KEY[target]}.${priority})`,
  });
}

/** Zendesk: the group as configured (id or name, the adapter resolves names); JSM: the first request type of that group. */
export function nativeGroup(c: Connection, target: SystemName, group: string | null): Mapped<GroupRef | null> {
  if (group === null) return ok(null);
  const entry = c.groups.find((g) => same(g.zendesk, group));
  if (!entry)
    return fail({
      field: 'group',
      system: target,
      path: 'groups[].zendesk',
      message: `connection ${c.id}: no groups[] entry for Zendesk group ${quoted(group)}`,
    });
  return ok(target === 'zendesk' ? { id: entry.zendesk, name: entry.zendesk } : { id: entry.jsm.requestType, name: entry.jsm.requestType });
}

export function nativeCustom(map: CustomFieldMap, target: SystemName, value: unknown): unknown {
  if (isEmpty(value)) return null;
  if (target === 'zendesk' || !map.values || typeof value !== 'string') return value;
  return map.values[value] ?? value;
}

/** The native custom field id on one side. */
export const customFieldId = (map: CustomFieldMap, system: SystemName): string => (system === 'zendesk' ? map.zendesk : map.jsm);
