import type { Connection } from '../config/schema.ts';
import { otherSystem, type CanonicalStatus, type RichText, type SystemName, type Ticket, type TicketPatch } from '../model/index.ts';
import type { BaseFingerprints } from '../ports/state-store.ts';
import {
  customFieldId,
  isReservedTag,
  managedTags,
  nativeCustom,
  nativeGroup,
  nativePriority,
  nativeStatus,
  toCanonical,
  type Mapped,
  type Unmappable,
} from './canonical.ts';
import { decideField } from './decide.ts';
import {
  CLOSED_REPORT_KEY,
  conflictMarkerKey,
  DESCRIPTION,
  DESCRIPTION_ON_ZENDESK,
  fieldFingerprint,
  fieldSpecs,
  sha256,
  stableJson,
  type FieldSpec,
} from './fingerprint.ts';
import type { ClosedTicketOp, CommentOp, ConflictOp, Op, StampOp, UpdateOp } from './ops.ts';
import { descriptionNote, oldestFirst, planCommentCopies, type CommentSide } from './plan-comments.ts';
import { deadLetterFor, planCreate } from './plan-create.ts';

/** A linked pair, both sides read with their comments. */
export interface PairInput {
  connection: Connection;
  zendesk: Ticket;
  jsm: Ticket;
  /** The side the pair was created from (wins fields that have no base yet). */
  origin: SystemName;
  base: BaseFingerprints;
  sides: { zendesk: CommentSide; jsm: CommentSide };
  /** A follow-up create for this JSM issue is pending (earlier outcome unknown). */
  pendingFollowUp: boolean;
}

interface Writes {
  patch: TicketPatch;
  fields: string[];
  base: BaseFingerprints;
}

const isEmptyValue = (v: unknown): boolean =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (isDoc(v) && v.blocks.length === 0);
const isDoc = (v: unknown): v is RichText => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'doc';

/** A value JSM cannot hold (no priority, no request type, no summary) is not copied there. */
function portable(spec: FieldSpec, to: SystemName, value: unknown): boolean {
  if (to !== 'jsm') return true;
  if (spec.key === 'priority' || spec.key === 'group') return value !== null;
  if (spec.key === 'subject') return value !== '';
  return true;
}

/** The native patch fragment writing one canonical value to `target`. */
function nativeFragment(c: Connection, spec: FieldSpec, target: Ticket, value: unknown): Mapped<TicketPatch> {
  const system = target.ref.system;
  const wrap = <T>(m: Mapped<T>, f: (v: T) => TicketPatch): Mapped<TicketPatch> => (m.ok ? { ok: true, value: f(m.value) } : m);
  switch (spec.key) {
    case 'subject':
      return { ok: true, value: { subject: value as string } };
    case DESCRIPTION:
      return { ok: true, value: { description: value as RichText } };
    case 'status':
      return wrap(nativeStatus(c, system, value as CanonicalStatus), (status) => ({ status }));
    case 'priority':
      return wrap(nativePriority(c, system, value as never), (priority) => ({ priority }));
    case 'group':
      return wrap(nativeGroup(c, system, value as string | null), (group) => ({ group }));
    case 'tags': {
      // Stamps and custom-field value tags on the target are not content: a tags write keeps them.
      const managed = managedTags(c);
      const kept = target.tags.filter((t) => isReservedTag(t, managed));
      return { ok: true, value: { tags: [...(value as string[]), ...kept] } };
    }
    default: {
      const map = c.customFields.find((m) => `cf:${m.name}` === spec.key)!;
      return { ok: true, value: { customFields: { [customFieldId(map, system)]: nativeCustom(map, system, value) } } };
    }
  }
}

function mergePatch(into: TicketPatch, add: TicketPatch): void {
  const { customFields, ...rest } = add;
  Object.assign(into, rest);
  if (customFields) into.customFields = { ...into.customFields, ...customFields };
}

function newerSide(z: Ticket, j: Ticket, origin: SystemName): SystemName {
  const zt = Date.parse(z.updatedAt);
  const jt = Date.parse(j.updatedAt);
  return zt > jt ? 'zendesk' : jt > zt ? 'jsm' : origin;
}

/** Three-way sync of a linked pair: field updates, comment copies, conflicts, closed/stamp handling. */
export function planPair(input: PairInput): Op[] {
  const { connection: c, zendesk: z, jsm: j, base } = input;
  const zc = toCanonical(c, z);
  const jc = toCanonical(c, j);
  if (!zc.ok || !jc.ok) return [...(zc.ok ? [] : [deadLetterFor(z, zc.problems)]), ...(jc.ok ? [] : [deadLetterFor(j, jc.problems)])];

  const tickets = { zendesk: z, jsm: j };
  const writes: Record<SystemName, Writes> = {
    zendesk: { patch: {}, fields: [], base: {} },
    jsm: { patch: {}, fields: [], base: {} },
  };
  const baseSet: BaseFingerprints = {};
  const conflicts: ConflictOp[] = [];
  const problems: Record<SystemName, Unmappable[]> = { zendesk: [], jsm: [] };
  let note: CommentOp | null = null;
  const newest = newerSide(z, j, input.origin);

  for (const spec of fieldSpecs(c)) {
    const values = { zendesk: spec.value(zc.value), jsm: spec.value(jc.value) };
    const fps = { zendesk: fieldFingerprint(spec.key, values.zendesk), jsm: fieldFingerprint(spec.key, values.jsm) };
    const zBase = spec.key === DESCRIPTION ? (base[DESCRIPTION_ON_ZENDESK] ?? base[DESCRIPTION]) : base[spec.key];
    const jBase = base[spec.key];
    const d = decideField({
      rule: spec.rule,
      origin: input.origin,
      newest,
      zendesk: { fp: fps.zendesk, base: zBase, empty: isEmptyValue(values.zendesk), portable: portable(spec, 'jsm', values.zendesk) },
      jsm: { fp: fps.jsm, base: jBase, empty: isEmptyValue(values.jsm), portable: portable(spec, 'zendesk', values.jsm) },
    });
    // Whenever the description's base moves, Zendesk's own (immutable) description is remembered with it.
    const entries = (fp: string): BaseFingerprints => (spec.key === DESCRIPTION ? { [DESCRIPTION]: fp, [DESCRIPTION_ON_ZENDESK]: fps.zendesk } : { [spec.key]: fp });

    if (d.action === 'none') {
      if (d.base !== undefined) Object.assign(baseSet, entries(d.base));
      continue;
    }
    if (d.action === 'flag') {
      const marker = sha256(`${fps.zendesk}:${fps.jsm}`);
      if (base[conflictMarkerKey(spec.key)] !== marker)
        conflicts.push({ kind: 'conflict', field: spec.name, policy: d.policy, winner: null, base: { [conflictMarkerKey(spec.key)]: marker } });
      continue;
    }
    if (d.conflict) conflicts.push({ kind: 'conflict', field: spec.name, policy: d.conflict.policy, winner: d.conflict.winner, base: {} });
    const to = otherSystem(d.from);
    if (spec.key === DESCRIPTION && to === 'zendesk') {
      // Zendesk descriptions cannot be edited: an internal note carries the new one. A fresh link only records the base.
      if (zBase === undefined || jBase === undefined) Object.assign(baseSet, entries(d.base));
      else note = descriptionNote(j, z.ref.id, fps.jsm, entries(d.base));
      continue;
    }
    const fragment = nativeFragment(c, spec, tickets[to], values[d.from]);
    if (!fragment.ok) {
      problems[d.from].push(fragment.problem);
      continue;
    }
    mergePatch(writes[to].patch, fragment.value);
    writes[to].fields.push(spec.name);
    Object.assign(writes[to].base, entries(d.base));
  }

  const commentOps = oldestFirst([
    ...planCommentCopies(c, input.sides.zendesk, { system: 'jsm', ticketId: j.ref.id, side: input.sides.jsm }),
    ...planCommentCopies(c, input.sides.jsm, { system: 'zendesk', ticketId: z.ref.id, side: input.sides.zendesk }),
  ]);
  const toZendeskComments = commentOps.filter((op): op is CommentOp => op.kind === 'comment' && op.target === 'zendesk');

  let zendeskWrites = true;
  const closedOps: Op[] = [];
  if (z.closed) {
    zendeskWrites = false;
    const fields = [...writes.zendesk.fields, ...(note ? ['description'] : [])];
    if (fields.length > 0 || toZendeskComments.length > 0) {
      if (c.closedTickets === 'followup')
        return [
          closedTicket(z, j, 'followup', fields, toZendeskComments.length, {}),
          ...planCreate({ connection: c, source: j, sourceSide: input.sides.jsm, pendingIntent: input.pendingFollowUp, followUpOf: z.ref.id }),
        ];
      const key = sha256(stableJson({ fields: writes.zendesk.base, note: note?.sourceCommentId ?? null, comments: toZendeskComments.map((op) => op.sourceCommentId) }));
      if (base[CLOSED_REPORT_KEY] !== key) closedOps.push(closedTicket(z, j, 'report', fields, toZendeskComments.length, { [CLOSED_REPORT_KEY]: key }));
    }
  }

  const ops: Op[] = [];
  for (const target of ['jsm', 'zendesk'] as const) {
    const w = writes[target];
    if (w.fields.length === 0 || (target === 'zendesk' && !zendeskWrites)) continue;
    const update: UpdateOp = { kind: 'update', target, ticketId: tickets[target].ref.id, patch: w.patch, fields: w.fields, base: w.base };
    ops.push(update);
  }
  if (note && zendeskWrites) ops.push(note);
  ops.push(...commentOps.filter((op) => zendeskWrites || op.kind !== 'comment' || op.target !== 'zendesk'));
  ops.push(...stampRepairs(z, j, zendeskWrites));
  // A conflict won by JSM cannot land on a closed Zendesk ticket: the closed-ticket report speaks for it.
  ops.push(...closedOps, ...conflicts.filter((op) => zendeskWrites || op.winner !== 'jsm'));
  for (const system of ['zendesk', 'jsm'] as const) if (problems[system].length > 0) ops.push(deadLetterFor(tickets[system], problems[system]));
  const changed = Object.fromEntries(Object.entries(baseSet).filter(([k, v]) => base[k] !== v));
  if (Object.keys(changed).length > 0) ops.push({ kind: 'base', set: changed });
  return ops;
}

function closedTicket(z: Ticket, j: Ticket, mode: 'report' | 'followup', fields: string[], comments: number, base: BaseFingerprints): ClosedTicketOp {
  return { kind: 'closed-ticket', mode, zendeskId: z.ref.id, jsmId: j.ref.id, fields, comments, base };
}

/** A side that lost (or never got) its stamp gets it back; a stamp naming something else is left alone. */
function stampRepairs(z: Ticket, j: Ticket, zendeskWritable: boolean): StampOp[] {
  const ops: StampOp[] = [];
  if (z.linkStamp === null && zendeskWritable)
    ops.push({ kind: 'stamp', target: 'zendesk', ticketId: z.ref.id, counterpart: { system: 'jsm', id: j.ref.id } });
  if (j.linkStamp === null) ops.push({ kind: 'stamp', target: 'jsm', ticketId: j.ref.id, counterpart: { system: 'zendesk', id: z.ref.id } });
  return ops;
}
