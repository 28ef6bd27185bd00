import { describe, expect, it } from 'vitest';
import { decideField, type FieldInput } from '../../src/engine/index.ts';

/** Fingerprints are opaque strings here: B is the base, Z/J each side's value. */
function input(z: string, j: string, base: string | undefined, over: Partial<FieldInput> = {}, sides: { zEmpty?: boolean; jEmpty?: boolean; zPortable?: boolean; jPortable?: boolean } = {}): FieldInput {
  return {
    rule: { direction: 'both', conflict: 'newest' },
    origin: 'zendesk',
    newest: 'jsm',
    zendesk: { fp: z, base, empty: sides.zEmpty ?? false, portable: sides.zPortable ?? true },
    jsm: { fp: j, base, empty: sides.jEmpty ?? false, portable: sides.jPortable ?? true },
    ...over,
  };
}
const rule = (direction: 'both' | 'to_jsm' | 'to_zendesk' | 'none', conflict: 'zendesk' | 'jsm' | 'newest' | 'flag' = 'newest') => ({ rule: { direction, conflict } });

describe('decideField: the three-way rule', () => {
  it.each([
    { name: 'nothing changed', i: input('B', 'B', 'B'), d: { action: 'none' } },
    { name: 'both changed to the same value: record it', i: input('X', 'X', 'B'), d: { action: 'none', base: 'X' } },
    { name: 'only Zendesk changed', i: input('Z', 'B', 'B'), d: { action: 'copy', from: 'zendesk', base: 'Z' } },
    { name: 'only JSM changed', i: input('B', 'J', 'B'), d: { action: 'copy', from: 'jsm', base: 'J' } },
    { name: 'both changed, newest is JSM', i: input('Z', 'J', 'B'), d: { action: 'copy', from: 'jsm', base: 'J', conflict: { policy: 'newest', winner: 'jsm' } } },
    { name: 'both changed, newest is Zendesk', i: input('Z', 'J', 'B', { newest: 'zendesk' }), d: { action: 'copy', from: 'zendesk', base: 'Z', conflict: { policy: 'newest', winner: 'zendesk' } } },
    { name: 'both changed, Zendesk owns it', i: input('Z', 'J', 'B', rule('both', 'zendesk')), d: { action: 'copy', from: 'zendesk', base: 'Z', conflict: { policy: 'zendesk', winner: 'zendesk' } } },
    { name: 'both changed, JSM owns it', i: input('Z', 'J', 'B', rule('both', 'jsm')), d: { action: 'copy', from: 'jsm', base: 'J', conflict: { policy: 'jsm', winner: 'jsm' } } },
    { name: 'both changed, flag for a human', i: input('Z', 'J', 'B', rule('both', 'flag')), d: { action: 'flag', policy: 'flag' } },
    { name: 'both changed, winner value cannot be written: flag', i: input('Z', 'J', 'B', rule('both', 'zendesk'), { zPortable: false }), d: { action: 'flag', policy: 'zendesk' } },
    { name: 'no base: origin wins', i: input('Z', 'J', undefined), d: { action: 'copy', from: 'zendesk', base: 'Z' } },
    { name: 'no base, JSM origin', i: input('Z', 'J', undefined, { origin: 'jsm' }), d: { action: 'copy', from: 'jsm', base: 'J' } },
    { name: 'no base, origin empty: the filled side wins', i: input('Z', 'J', undefined, {}, { zEmpty: true }), d: { action: 'copy', from: 'jsm', base: 'J' } },
    { name: 'no base, equal: record it', i: input('X', 'X', undefined), d: { action: 'none', base: 'X' } },
    { name: 'bases differ per side but neither moved (Zendesk description after a note)', i: { ...input('Z0', 'J1', 'J1'), zendesk: { fp: 'Z0', base: 'Z0', empty: false, portable: true } }, d: { action: 'none' } },
  ])('$name', ({ i, d }) => {
    expect(decideField(i)).toEqual(d);
  });
});

describe('decideField: directions', () => {
  it.each([
    { direction: 'to_jsm', change: 'zendesk', copied: true },
    { direction: 'to_jsm', change: 'jsm', copied: false },
    { direction: 'to_zendesk', change: 'zendesk', copied: false },
    { direction: 'to_zendesk', change: 'jsm', copied: true },
    { direction: 'none', change: 'zendesk', copied: false },
    { direction: 'none', change: 'jsm', copied: false },
  ] as const)('direction $direction, $change changed → copied: $copied', ({ direction, change, copied }) => {
    const d = decideField(input(change === 'zendesk' ? 'Z' : 'B', change === 'jsm' ? 'J' : 'B', 'B', rule(direction)));
    expect(d.action).toBe(copied ? 'copy' : 'none');
    // A change that may not flow keeps the base, so it is not later mistaken for the other side's change.
    if (!copied) expect(d).toEqual({ action: 'none' });
  });

  it.each([
    { direction: 'to_jsm', from: 'zendesk' },
    { direction: 'to_zendesk', from: 'jsm' },
  ] as const)('one-way $direction: the source wins a conflict and a fresh link', ({ direction, from }) => {
    expect(decideField(input('Z', 'J', 'B', rule(direction, from === 'zendesk' ? 'jsm' : 'zendesk')))).toMatchObject({ action: 'copy', from });
    expect(decideField(input('Z', 'J', undefined, { ...rule(direction), origin: from === 'zendesk' ? 'jsm' : 'zendesk' }))).toMatchObject({ action: 'copy', from });
  });

  it('does not copy a value the target cannot hold (no JSM priority)', () => {
    expect(decideField(input('Z', 'B', 'B', {}, { zPortable: false }))).toEqual({ action: 'none' });
  });
});
