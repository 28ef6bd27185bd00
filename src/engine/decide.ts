import type { ConflictPolicy, FieldRule } from '../config/schema.ts';
import { otherSystem, type SystemName } from '../model/index.ts';

/**
 * The three-way decision for one field, pure and table-tested. Inputs are fingerprints: the base (the
 * value last synced) and each side's current value. A side changed the field iff its fingerprint
 * differs from the base; one changed side is copied, two are a conflict settled by the field's policy.
 */

export interface SideState {
  fp: string;
  /** The base this side is compared with (undefined: never synced). */
  base: string | undefined;
  /** The value is empty (null, '' or []): an empty side never overrides a filled one on a fresh link. */
  empty: boolean;
  /** This side's value can be written to the other side (not e.g. a null priority to JSM). */
  portable: boolean;
}

export interface FieldInput {
  rule: FieldRule;
  /** The side the pair was first created from: it wins when there is no base yet. */
  origin: SystemName;
  /** The side whose ticket changed last (for the `newest` policy). */
  newest: SystemName;
  zendesk: SideState;
  jsm: SideState;
}

export type FieldDecision =
  /** Nothing to write. `base`: record this fingerprint as the agreed value (omitted: keep the base as is). */
  | { action: 'none'; base?: string }
  | { action: 'copy'; from: SystemName; base: string; conflict?: { policy: ConflictPolicy; winner: SystemName } }
  | { action: 'flag'; policy: ConflictPolicy };

/** Whether the direction lets a value flow out of `from`. */
export function allowsFrom(direction: FieldRule['direction'], from: SystemName): boolean {
  if (direction === 'both') return true;
  if (direction === 'none') return false;
  return direction === (from === 'zendesk' ? 'to_jsm' : 'to_zendesk');
}

/** A one-way direction's source side; null for both/none. */
function directionSource(direction: FieldRule['direction']): SystemName | null {
  if (direction === 'to_jsm') return 'zendesk';
  if (direction === 'to_zendesk') return 'jsm';
  return null;
}

export function decideField(input: FieldInput): FieldDecision {
  const { rule } = input;
  const side = (s: SystemName): SideState => (s === 'zendesk' ? input.zendesk : input.jsm);
  const canFlow = (from: SystemName): boolean => allowsFrom(rule.direction, from) && side(from).portable;
  const copy = (from: SystemName, conflict?: { policy: ConflictPolicy; winner: SystemName }): FieldDecision =>
    conflict ? { action: 'copy', from, base: side(from).fp, conflict } : { action: 'copy', from, base: side(from).fp };

  if (input.zendesk.fp === input.jsm.fp) {
    const agreed = input.zendesk.fp;
    return input.zendesk.base === agreed && input.jsm.base === agreed ? { action: 'none' } : { action: 'none', base: agreed };
  }
  if (rule.direction === 'none') return { action: 'none' };

  // A fresh link (or a field never synced): the one-way source, else a filled side over an empty one, else the origin.
  if (input.zendesk.base === undefined || input.jsm.base === undefined) {
    let winner = directionSource(rule.direction) ?? input.origin;
    if (directionSource(rule.direction) === null && side(winner).empty && !side(otherSystem(winner)).empty) winner = otherSystem(winner);
    return canFlow(winner) ? copy(winner) : { action: 'none' };
  }

  const zChanged = input.zendesk.fp !== input.zendesk.base;
  const jChanged = input.jsm.fp !== input.jsm.base;
  if (zChanged && !jChanged) return canFlow('zendesk') ? copy('zendesk') : { action: 'none' };
  if (jChanged && !zChanged) return canFlow('jsm') ? copy('jsm') : { action: 'none' };
  if (!zChanged && !jChanged) return { action: 'none' }; // both equal their (different) bases: nothing new on either side

  // Both changed to different values.
  const source = directionSource(rule.direction);
  if (source) return canFlow(source) ? copy(source, { policy: rule.conflict, winner: source }) : { action: 'none' };
  if (rule.conflict === 'flag') return { action: 'flag', policy: 'flag' };
  const winner: SystemName = rule.conflict === 'newest' ? input.newest : rule.conflict;
  return canFlow(winner) ? copy(winner, { policy: rule.conflict, winner }) : { action: 'flag', policy: rule.conflict };
}
