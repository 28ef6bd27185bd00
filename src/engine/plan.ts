import type { Connection } from '../config/schema.ts';
import { otherSystem, type Link, type PersonRef, type SystemName, type Ticket } from '../model/index.ts';
import type { BaseFingerprints, CreateIntent } from '../ports/state-store.ts';
import { toCanonical } from './canonical.ts';
import { allowsFrom } from './decide.ts';
import { DESCRIPTION, DESCRIPTION_ON_ZENDESK, fieldFingerprint, fieldSpecs } from './fingerprint.ts';
import type { DeletedOp, LinkOp, Op } from './ops.ts';
import { commentsToCopy, type CommentSide } from './plan-comments.ts';
import { planCreate } from './plan-create.ts';
import { planPair } from './plan-pair.ts';
import { scopeVerdict, stampedCounterpart } from './scope.ts';

/**
 * planTicket: everything to do for one ticket or linked pair, as data. PURE: no I/O, no clock; the
 * caller reads both sides, the link, the base and the comment map, and `applyOps` carries the result out.
 */
export interface PlanInput {
  connection: Connection;
  /** The Zendesk ticket with its comments; null when absent (unlinked JSM issue, or deleted). */
  zendesk: Ticket | null;
  /** The JSM issue with its comments; null when absent. */
  jsm: Ticket | null;
  /** The stored link, if the pair is linked. */
  link: Link | null;
  /** Base fingerprints of the pair (null: never synced). */
  base: BaseFingerprints | null;
  /** Comment ids per side that the comment map already holds. */
  mappedComments: { zendesk: readonly string[]; jsm: readonly string[] };
  /** The integration user of each side (comments it wrote are never copied). */
  me: Record<SystemName, PersonRef>;
  /** Pending create intents for these tickets (an earlier create whose outcome is unknown). */
  intents: readonly CreateIntent[];
}

function side(input: PlanInput, t: Ticket): CommentSide {
  const system = t.ref.system;
  return { ticket: t, mapped: new Set(input.mappedComments[system]), me: input.me[system] };
}

const hasIntent = (input: PlanInput, target: SystemName, sourceId: string): boolean =>
  input.intents.some((i) => i.target === target && i.sourceId === sourceId && i.connection === input.connection.id);

export function planTicket(input: PlanInput): Op[] {
  const { connection: c, zendesk: z, jsm: j, link } = input;
  if (link) {
    const gone: DeletedOp[] = [];
    if (!z || z.deleted) gone.push({ kind: 'deleted', system: 'zendesk', ticketId: link.zendeskId });
    if (!j || j.deleted) gone.push({ kind: 'deleted', system: 'jsm', ticketId: link.jsmId });
    if (gone.length > 0 || !z || !j) return gone;
    return planPair({
      connection: c,
      zendesk: z,
      jsm: j,
      origin: link.origin,
      base: input.base ?? {},
      sides: { zendesk: side(input, z), jsm: side(input, j) },
      pendingFollowUp: hasIntent(input, 'zendesk', j.ref.id),
    });
  }
  if (z && j) return planAdoption(input, z, j);
  const source = z ?? j;
  if (!source || !scopeVerdict(c, source).in) return [];
  const target = otherSystem(source.ref.system);
  return planCreate({ connection: c, source, sourceSide: side(input, source), pendingIntent: hasIntent(input, target, source.ref.id) });
}

/**
 * Two unlinked tickets stamped for each other (a lost or fresh store): link them and sync as a fresh
 * link, the older ticket counting as the origin. Comments the integration already copied are mapped.
 */
function planAdoption(input: PlanInput, z: Ticket, j: Ticket): Op[] {
  const c = input.connection;
  const zNames = stampedCounterpart(c, z);
  const jNames = stampedCounterpart(c, j);
  const consistent = (zNames === null || zNames.id === j.ref.id) && (jNames === null || jNames.id === z.ref.id) && (zNames || jNames);
  if (!consistent || z.deleted || j.deleted) return [];
  const origin: SystemName = Date.parse(j.createdAt) < Date.parse(z.createdAt) ? 'jsm' : 'zendesk';
  const linkOp: LinkOp = { kind: 'link', zendeskId: z.ref.id, jsmId: j.ref.id, jsmKey: j.ref.key ?? j.ref.id, origin };
  const pair = planPair({
    connection: c,
    zendesk: z,
    jsm: j,
    origin,
    base: input.base ?? {},
    sides: { zendesk: side(input, z), jsm: side(input, j) },
    pendingFollowUp: false,
  });
  return [linkOp, ...pair];
}

export interface NewsInput {
  connection: Connection;
  ticket: Ticket;
  base: BaseFingerprints | null;
  mappedComments: readonly string[];
  me: PersonRef;
}

/**
 * Whether one side of a linked pair holds anything the other side has not seen: a field that differs
 * from the base (and may flow out of this side), an uncopied comment, a missing stamp, an unmappable
 * value. False means the item is an echo of our own writes (or a repeat) and the counterpart need not
 * be read at all: the other side's own changes reach us through its own feed.
 */
export function sideHasNews(input: NewsInput): boolean {
  const { connection: c, ticket: t, base } = input;
  const system = t.ref.system;
  if (!base || t.deleted || t.linkStamp === null) return true;
  const canon = toCanonical(c, t);
  if (!canon.ok) return true;
  for (const spec of fieldSpecs(c)) {
    if (spec.rule.direction === 'none') continue;
    const b = spec.key === DESCRIPTION && system === 'zendesk' ? (base[DESCRIPTION_ON_ZENDESK] ?? base[DESCRIPTION]) : base[spec.key];
    if (b === undefined) return true; // never settled (e.g. a JSM status after a create): look at both sides
    if (allowsFrom(spec.rule.direction, system) && b !== fieldFingerprint(spec.key, spec.value(canon.value))) return true;
  }
  if (!c.comments.sync) return false;
  return commentsToCopy({ ticket: t, mapped: new Set(input.mappedComments), me: input.me }).length > 0;
}
