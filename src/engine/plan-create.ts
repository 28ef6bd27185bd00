import type { Connection, Direction } from '../config/schema.ts';
import { linkStamp, otherSystem, plainDoc, type PersonRef, type SystemName, type Ticket, type TicketDraft } from '../model/index.ts';
import type { BaseFingerprints } from '../ports/state-store.ts';
import {
  customFieldId,
  nativeCustom,
  nativeGroup,
  nativePriority,
  nativeStatus,
  toCanonical,
  type CanonicalTicket,
  type Unmappable,
} from './canonical.ts';
import { allowsFrom } from './decide.ts';
import { DESCRIPTION, DESCRIPTION_ON_ZENDESK, fieldFingerprint, fieldSpecs } from './fingerprint.ts';
import type { CreateOp, DeadLetterOp, Op, StampOp } from './ops.ts';
import { oldestFirst, planCommentCopies, type CommentSide } from './plan-comments.ts';

/**
 * The draft of a counterpart ticket, in the target's native values, with the base fingerprints of the
 * fields it carries. JSM gets no status in the draft: a JSM create lands in the workflow's initial
 * status and a failed transition after a committed create would read as a failed create; the status
 * has no base yet, so the next look at the pair moves it (origin wins) through an ordinary update.
 * People are not mapped by id across systems; see `requesterFor` for the one exception.
 */
export function draftFor(
  c: Connection,
  target: SystemName,
  canon: CanonicalTicket,
): { ok: true; draft: TicketDraft; base: BaseFingerprints } | { ok: false; problems: Unmappable[] } {
  const source = otherSystem(target);
  const flows = (direction: Direction): boolean => allowsFrom(direction, source);
  const problems: Unmappable[] = [];
  // A ticket needs a subject and a description whatever the field directions say.
  const draft: TicketDraft = { subject: canon.subject, description: canon.description };
  const base: BaseFingerprints = {
    subject: fieldFingerprint('subject', canon.subject),
    [DESCRIPTION]: fieldFingerprint(DESCRIPTION, canon.description),
  };
  if (target === 'zendesk') {
    // A Zendesk description is its first comment and cannot be blank: an empty JSM description becomes the
    // subject there, remembered as Zendesk's equivalent of "empty" so that it never reads as a change.
    if (canon.description.blocks.length === 0) draft.description = plainDoc(canon.subject.trim() || 'No description');
    base[DESCRIPTION_ON_ZENDESK] = fieldFingerprint(DESCRIPTION, draft.description);
  }
  if (flows(c.fields.tags.direction)) {
    draft.tags = canon.tags;
    base.tags = fieldFingerprint('tags', canon.tags);
  }
  if (target === 'zendesk' && flows(c.fields.status.direction)) {
    const status = nativeStatus(c, target, canon.status);
    if (status.ok) {
      draft.status = status.value;
      base.status = fieldFingerprint('status', canon.status);
    } else problems.push(status.problem);
  }
  if (canon.priority !== null && flows(c.fields.priority.direction)) {
    const priority = nativePriority(c, target, canon.priority);
    if (priority.ok) {
      draft.priority = priority.value;
      base.priority = fieldFingerprint('priority', canon.priority);
    } else problems.push(priority.problem);
  }
  if (canon.group !== null && fieldSpecs(c).some((f) => f.key === 'group') && flows(c.fields.group.direction)) {
    const group = nativeGroup(c, target, canon.group);
    if (group.ok) {
      draft.group = group.value;
      base.group = fieldFingerprint('group', canon.group);
    } else problems.push(group.problem);
  }
  const custom: Record<string, unknown> = {};
  for (const m of c.customFields) {
    const value = canon.custom[m.name] ?? null;
    if (value === null || !flows(m.direction)) continue;
    custom[customFieldId(m, target)] = nativeCustom(m, target, value);
    base[`cf:${m.name}`] = fieldFingerprint(`cf:${m.name}`, value);
  }
  if (Object.keys(custom).length > 0) draft.customFields = custom;
  return problems.length > 0 ? { ok: false, problems } : { ok: true, draft, base };
}

/**
 * A Zendesk ticket made from a JSM issue gets the reporter as requester, by email (Zendesk finds or
 * creates the end user). Without it the integration user would be the requester, and Zendesk treats
 * every comment we copy as the requester's reply, reopening pending and solved tickets. A JSM issue
 * made from Zendesk keeps the integration user as reporter: JSM wants an account id, which an email
 * alone does not give.
 */
export function requesterFor(target: SystemName, source: Ticket, sourceMe: PersonRef): PersonRef | undefined {
  const r = source.requester;
  if (target !== 'zendesk' || !r?.email || r.id === sourceMe.id) return undefined;
  return { id: `${source.ref.system}:${r.id}`, email: r.email, ...(r.name ? { name: r.name } : {}) };
}

export function deadLetterFor(t: Ticket, problems: readonly Unmappable[]): DeadLetterOp {
  return {
    kind: 'dead-letter',
    system: t.ref.system,
    ticketId: t.ref.id,
    errorKind: 'Unmappable',
    reason: problems.map((p) => `${p.message} [config: ${p.path}]`).join('; '),
  };
}

export interface CreatePlanInput {
  connection: Connection;
  source: Ticket;
  sourceSide: CommentSide;
  /** A create intent for this source is pending (an earlier create's outcome is unknown). */
  pendingIntent: boolean;
  /** Follow-up of this closed Zendesk ticket (source is then the JSM issue). */
  followUpOf?: string;
}

/**
 * Create the counterpart of an unlinked ticket (or a Zendesk follow-up of a closed one): the create
 * (stamped with the source), the source's comments onto the new ticket, then the stamp on the source.
 */
export function planCreate(input: CreatePlanInput): Op[] {
  const { connection: c, source } = input;
  const target = otherSystem(source.ref.system);
  const canon = toCanonical(c, source);
  if (!canon.ok) return [deadLetterFor(source, canon.problems)];
  const followUp = input.followUpOf !== undefined;
  // A finished matter gets no counterpart; a follow-up is live by definition.
  if (!followUp && canon.value.status === 'closed') return [];
  const drafted = draftFor(c, target, canon.value);
  if (!drafted.ok) return [deadLetterFor(source, drafted.problems)];
  let draft: TicketDraft = drafted.draft;
  const requester = requesterFor(target, source, input.sourceSide.me);
  if (requester) draft.requester = requester;
  if (followUp) {
    draft = { ...draft, followUpOf: input.followUpOf };
    // Never create a follow-up closed (it could take no change at all: every change would need another follow-up).
    // It opens; its base keeps the JSM status, so the reopening reads as a Zendesk change and moves JSM too.
    if (canon.value.status === 'closed') {
      const open = nativeStatus(c, 'zendesk', 'open');
      if (!open.ok) return [deadLetterFor(source, [open.problem])];
      draft.status = open.value;
    }
  }
  const create: CreateOp = {
    kind: 'create',
    target,
    sourceId: source.ref.id,
    ...(source.ref.key !== undefined ? { sourceKey: source.ref.key } : {}),
    draft,
    stamp: linkStamp(c.id, source.ref),
    base: drafted.base,
    resume: input.pendingIntent,
    ...(input.followUpOf !== undefined ? { relinkFrom: input.followUpOf } : {}),
  };
  const comments = oldestFirst(planCommentCopies(c, input.sourceSide, { system: target, ticketId: null, side: null }));
  const stamp: StampOp = { kind: 'stamp', target: source.ref.system, ticketId: source.ref.id, counterpart: { system: target, id: null } };
  return [create, ...comments, stamp];
}
