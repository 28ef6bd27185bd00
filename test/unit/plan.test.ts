import { describe, expect, it } from 'vitest';
import type { CommentOp, ConflictOp, CreateOp, DeadLetterOp, Op, UpdateOp } from '../../src/engine/index.ts';
import { plainDoc, type Ticket } from '../../src/model/index.ts';
import { testConnection } from '../support/engine-world.ts';
import { J_ID, LINK, Z_ID, baseOf, comment, jTicket, kinds, plan, writes, zTicket } from '../support/plan-fixtures.ts';

const updates = (ops: Op[]) => ops.filter((op): op is UpdateOp => op.kind === 'update');
const comments = (ops: Op[]) => ops.filter((op): op is CommentOp => op.kind === 'comment');
const text = (op: CommentOp) => JSON.stringify(op.draft.body);

describe('planTicket: a linked pair in sync', () => {
  it('plans nothing when neither side changed (the echo of our own write)', () => {
    expect(plan()).toEqual([]);
  });

  it('plans nothing for a many-to-one status: JSM "Waiting for support" and Zendesk open are both open', () => {
    expect(plan({ jsm: jTicket({ status: 'Waiting for support' }) })).toEqual([]);
  });

  it('does not flap when two request types share one Zendesk group', () => {
    const base = baseOf(zTicket({ group: { id: '9003', name: '3rd line' } }));
    const ops = plan({ zendesk: zTicket({ group: { id: '9003', name: '3rd line' } }), jsm: jTicket({ group: { id: '13', name: 'Report an outage' } }), base });
    expect(ops).toEqual([]);
  });

  it('ignores link stamps and letter case in tags', () => {
    expect(plan({ jsm: jTicket({ tags: ['Printer', 'floor_3', 'deskbridge_demo_zendesk_4242'] }) })).toEqual([]);
  });

  it('ignores the tag Zendesk adds for a drop-down field value (it syncs as the field)', () => {
    expect(plan({ zendesk: zTicket({ tags: ['printer', 'floor_3', 'impact_medium'] }) })).toEqual([]);
  });

  it('keeps stamp and drop-down value tags on the target when writing tags', () => {
    const ops = plan({ zendesk: zTicket({ tags: ['printer', 'floor_3', 'impact_medium'] }), jsm: jTicket({ tags: ['printer', 'floor_3', 'urgent', 'deskbridge_demo_zendesk_4242'] }) });
    expect(updates(ops).map((u) => [u.target, u.patch])).toEqual([['zendesk', { tags: ['floor_3', 'printer', 'urgent', 'impact_medium'] }]]);
    const back = plan({ zendesk: zTicket({ tags: ['printer'] }), jsm: jTicket({ tags: ['printer', 'floor_3', 'deskbridge_demo_zendesk_4242'] }) });
    expect(updates(back).map((u) => [u.target, u.patch])).toEqual([['jsm', { tags: ['printer', 'deskbridge_demo_zendesk_4242'] }]]);
  });
});

describe('planTicket: one side changed', () => {
  const cases: { name: string; z?: Partial<Ticket>; j?: Partial<Ticket>; target: 'zendesk' | 'jsm'; patch: Record<string, unknown> }[] = [
    { name: 'Zendesk subject', z: { subject: 'Printer on floor 4 offline' }, target: 'jsm', patch: { subject: 'Printer on floor 4 offline' } },
    { name: 'JSM subject', j: { subject: 'Printers offline' }, target: 'zendesk', patch: { subject: 'Printers offline' } },
    { name: 'Zendesk status pending', z: { status: 'pending' }, target: 'jsm', patch: { status: 'Waiting for customer' } },
    { name: 'JSM status', j: { status: 'Resolved' }, target: 'zendesk', patch: { status: 'solved' } },
    { name: 'Zendesk priority', z: { priority: 'low' }, target: 'jsm', patch: { priority: 'Low' } },
    { name: 'JSM priority', j: { priority: 'Highest' }, target: 'zendesk', patch: { priority: 'urgent' } },
    { name: 'Zendesk group', z: { group: { id: '9003', name: '3rd line' } }, target: 'jsm', patch: { group: { id: 'Report a security breach', name: 'Report a security breach' } } },
    { name: 'JSM request type', j: { group: { id: '10', name: 'Get IT help' } }, target: 'zendesk', patch: { group: { id: '1st line', name: '1st line' } } },
    { name: 'Zendesk tags', z: { tags: ['printer'] }, target: 'jsm', patch: { tags: ['printer'] } },
    { name: 'JSM labels', j: { tags: ['printer', 'floor_3', 'Urgent_Fix'] }, target: 'zendesk', patch: { tags: ['floor_3', 'printer', 'urgent_fix'] } },
    { name: 'Zendesk custom field', z: { customFields: { '360001': 'impact_high' } }, target: 'jsm', patch: { customFields: { customfield_10050: 'High' } } },
    { name: 'JSM custom field', j: { customFields: { customfield_10050: 'Low' } }, target: 'zendesk', patch: { customFields: { '360001': 'impact_low' } } },
  ];

  it.each(cases)('copies a $name change to the other side, and only that field', ({ z, j, target, patch }) => {
    const ops = plan({ zendesk: zTicket(z), jsm: jTicket(j) });
    const [update, ...rest] = writes(ops);
    expect(rest).toEqual([]);
    expect(update).toMatchObject({ kind: 'update', target, ticketId: target === 'zendesk' ? Z_ID : J_ID, patch });
    expect(Object.keys((update as UpdateOp).patch)).toEqual(Object.keys(patch));
  });

  it('plans nothing for a Zendesk custom status that maps to the same canonical status', () => {
    expect(plan({ zendesk: zTicket({ status: 'custom:7001' }) })).toEqual([]);
  });

  it('records the written fingerprint as the new base of the written field only', () => {
    const [update] = updates(plan({ zendesk: zTicket({ priority: 'urgent' }) }));
    expect(Object.keys(update!.base)).toEqual(['priority']);
    expect(update!.base.priority).toBe(baseOf(zTicket({ priority: 'urgent' })).priority);
  });

  it('keeps both when different fields changed on each side', () => {
    const ops = plan({ zendesk: zTicket({ priority: 'urgent' }), jsm: jTicket({ subject: 'Printer offline (floor 3)' }) });
    const ups = updates(ops);
    expect(ups.map((u) => [u.target, u.fields])).toEqual([
      ['jsm', ['priority']],
      ['zendesk', ['subject']],
    ]);
    expect(ops.some((op) => op.kind === 'conflict')).toBe(false);
  });

  it('turns a JSM description change into an internal note on Zendesk, never a description write', () => {
    const ops = plan({ jsm: jTicket({ description: plainDoc('Now on floor 4 too.') }) });
    expect(updates(ops)).toEqual([]);
    const [note] = comments(ops);
    expect(note).toMatchObject({ target: 'zendesk', ticketId: Z_ID, mapped: false, draft: { public: false } });
    expect(text(note!)).toContain('Description updated in Jira Service Management:');
    expect(text(note!)).toContain('Now on floor 4 too.');
    expect(note!.base).toMatchObject({ description: baseOf(jTicket({ description: plainDoc('Now on floor 4 too.') })).description });
  });

  it('does not read the unchanged Zendesk description as a change after such a note', () => {
    const changed = jTicket({ description: plainDoc('Now on floor 4 too.') });
    const [note] = comments(plan({ jsm: changed }));
    const base = { ...baseOf(zTicket()), ...note!.base };
    expect(plan({ jsm: changed, base })).toEqual([]);
  });

  it('writes a Zendesk description change to JSM', () => {
    const [update] = updates(plan({ zendesk: zTicket({ description: plainDoc('Redacted.') }) }));
    expect(update).toMatchObject({ target: 'jsm', fields: ['description'] });
  });
});

describe('planTicket: both sides changed the same field', () => {
  const z = zTicket({ priority: 'urgent', updatedAt: '2025-03-02T10:00:00Z' });
  const j = jTicket({ priority: 'Low', updatedAt: '2025-03-02T11:00:00Z' });
  const cases = [
    { policy: 'zendesk', winner: 'zendesk', target: 'jsm', value: 'Highest', zAt: undefined },
    { policy: 'jsm', winner: 'jsm', target: 'zendesk', value: 'low', zAt: undefined },
    { policy: 'newest', winner: 'jsm', target: 'zendesk', value: 'low', zAt: undefined },
    { policy: 'newest', winner: 'zendesk', target: 'jsm', value: 'Highest', zAt: '2025-03-02T12:00:00Z' },
  ] as const;

  it.each(cases)('resolves by policy $policy: $winner wins', ({ policy, winner, target, value, zAt }) => {
    const c = testConnection({ fields: { priority: { direction: 'both', conflict: policy } } });
    const ops = plan({ connection: c, zendesk: zAt ? { ...z, updatedAt: zAt } : z, jsm: j, base: baseOf(zTicket(), c) });
    expect(updates(ops)).toEqual([expect.objectContaining({ target, patch: { priority: value }, fields: ['priority'] })]);
    expect(ops.find((op): op is ConflictOp => op.kind === 'conflict')).toMatchObject({ field: 'priority', policy, winner });
  });

  it('flags for a human with policy flag: no write, one conflict op with a marker', () => {
    const c = testConnection({ fields: { priority: { direction: 'both', conflict: 'flag' } } });
    const base = baseOf(zTicket(), c);
    const ops = plan({ connection: c, zendesk: z, jsm: j, base });
    expect(kinds(ops)).toEqual(['conflict']);
    const flagged = ops[0] as ConflictOp;
    expect(flagged.winner).toBeNull();
    expect(plan({ connection: c, zendesk: z, jsm: j, base: { ...base, ...flagged.base } })).toEqual([]);
  });

  it('takes the one-way source side whatever the policy', () => {
    const c = testConnection({ fields: { priority: { direction: 'to_zendesk', conflict: 'zendesk' } } });
    const ops = plan({ connection: c, zendesk: z, jsm: j, base: baseOf(zTicket(), c) });
    expect(updates(ops)).toEqual([expect.objectContaining({ target: 'zendesk', patch: { priority: 'low' } })]);
  });

  it('records the agreed value without writing when both changed to the same value', () => {
    const ops = plan({ zendesk: zTicket({ priority: 'urgent' }), jsm: jTicket({ priority: 'Highest' }) });
    expect(kinds(ops)).toEqual(['base']);
  });
});

describe('planTicket: field direction', () => {
  const cases = [
    { direction: 'to_jsm', z: true, j: false },
    { direction: 'to_zendesk', z: false, j: true },
    { direction: 'none', z: false, j: false },
    { direction: 'both', z: true, j: true },
  ] as const;
  it.each(cases)('direction $direction: Zendesk change copied=$z, JSM change copied=$j', ({ direction, z, j }) => {
    const c = testConnection({ fields: { subject: { direction, conflict: 'newest' } } });
    const base = baseOf(zTicket(), c);
    expect(updates(plan({ connection: c, base, zendesk: zTicket({ subject: 'Z edit' }) })).length).toBe(z ? 1 : 0);
    expect(updates(plan({ connection: c, base, jsm: jTicket({ subject: 'J edit' }) })).length).toBe(j ? 1 : 0);
  });
});

describe('planTicket: fresh link without a base', () => {
  it('lets the origin side win every differing field', () => {
    const ops = plan({ base: null, zendesk: zTicket({ subject: 'Zendesk wording' }), jsm: jTicket({ subject: 'JSM wording', priority: 'Low' }) });
    expect(updates(ops)).toEqual([expect.objectContaining({ target: 'jsm', patch: { subject: 'Zendesk wording', priority: 'High' } })]);
  });

  it('lets a JSM origin win, recording the description without an internal note', () => {
    const ops = plan({ base: null, link: { ...LINK, origin: 'jsm' }, zendesk: zTicket({ subject: 'Zendesk wording', description: plainDoc('Other') }), jsm: jTicket({ subject: 'JSM wording' }) });
    expect(updates(ops)).toEqual([expect.objectContaining({ target: 'zendesk', patch: { subject: 'JSM wording' } })]);
    expect(comments(ops)).toEqual([]);
  });

  it('fills an empty value from the other side instead of the origin overwriting it', () => {
    const ops = plan({ base: null, zendesk: zTicket({ priority: null }) });
    expect(updates(ops)).toEqual([expect.objectContaining({ target: 'zendesk', patch: { priority: 'high' } })]);
  });
});

describe('planTicket: comments', () => {
  const visibility = [
    { from: 'zendesk', public: false },
    { from: 'zendesk', public: true },
    { from: 'jsm', public: false },
    { from: 'jsm', public: true },
  ] as const;
  it.each(visibility)('copies a $from comment with public=$public keeping exactly that visibility', ({ from, public: isPublic }) => {
    const c = comment(from === 'zendesk' ? '501' : '20501', { public: isPublic });
    const ops = from === 'zendesk' ? plan({ zendesk: zTicket({ comments: [c] }) }) : plan({ jsm: jTicket({ comments: [c] }) });
    const [copy] = comments(ops);
    expect(copy).toMatchObject({ target: from === 'zendesk' ? 'jsm' : 'zendesk', sourceCommentId: c.id, draft: { public: isPublic }, mapped: true });
    expect(text(copy!)).toContain(`Priya Shah via ${from === 'zendesk' ? 'Zendesk' : 'Jira Service Management'}`);
  });

  it('does not copy a comment written by the integration user', () => {
    expect(plan({ zendesk: zTicket({ comments: [comment('501', { author: { id: '100', name: 'Deskbridge Sync' } })] }) })).toEqual([]);
    expect(plan({ jsm: jTicket({ comments: [comment('20501', { author: { id: '557058:deskbridge-sync' } })] }) })).toEqual([]);
  });

  it('does not copy a comment already in the comment map', () => {
    expect(plan({ zendesk: zTicket({ comments: [comment('501')] }), mappedComments: { zendesk: ['501'], jsm: [] } })).toEqual([]);
  });

  it('copies both ways oldest first', () => {
    const ops = plan({
      zendesk: zTicket({ comments: [comment('502', { createdAt: '2025-03-02T12:00:00Z' })] }),
      jsm: jTicket({ comments: [comment('20501', { createdAt: '2025-03-02T11:00:00Z' })] }),
    });
    expect(comments(ops).map((op) => op.sourceCommentId)).toEqual(['20501', '502']);
  });

  it('maps instead of re-posting when the integration copy is already on the target', () => {
    const original = comment('501');
    const first = comments(plan({ zendesk: zTicket({ comments: [original] }) }))[0]!;
    const copy = comment('20900', { author: { id: '557058:deskbridge-sync' }, body: first.draft.body });
    const ops = plan({ zendesk: zTicket({ comments: [original] }), jsm: jTicket({ comments: [copy] }) });
    expect(ops).toEqual([{ kind: 'comment-map', source: 'zendesk', zendeskCommentId: '501', jsmCommentId: '20900', zendeskTicketId: Z_ID }]);
  });

  it('copies no comment when comment sync is off', () => {
    const c = testConnection({ comments: { sync: false } });
    expect(plan({ connection: c, base: baseOf(zTicket(), c), zendesk: zTicket({ comments: [comment('501')] }) })).toEqual([]);
  });
});

describe('planTicket: closed, deleted, unmappable', () => {
  const closedZ = zTicket({ status: 'closed', closed: true });
  const closedBase = baseOf(closedZ);
  const jChange = jTicket({ status: 'Closed', priority: 'Highest', comments: [comment('20501', { public: false })] });

  it('reports a JSM change for a closed Zendesk ticket and writes nothing to it (report)', () => {
    const ops = plan({ zendesk: closedZ, base: closedBase, jsm: jChange });
    expect(kinds(writes(ops))).toEqual(['closed-ticket']);
    expect(ops[0]).toMatchObject({ mode: 'report', zendeskId: Z_ID, jsmId: J_ID, fields: ['priority'], comments: 1 });
  });

  it('plans a follow-up carrying the new comment and relinking the JSM issue (followup)', () => {
    const c = testConnection({ closedTickets: 'followup' });
    const ops = plan({ connection: c, zendesk: closedZ, base: baseOf(closedZ, c), jsm: jChange });
    expect(kinds(ops)).toEqual(['closed-ticket', 'create', 'comment', 'stamp']);
    const create = ops[1] as CreateOp;
    expect(create).toMatchObject({ target: 'zendesk', sourceId: J_ID, relinkFrom: Z_ID, draft: { followUpOf: Z_ID, status: 'open' } });
    expect(ops[2]).toMatchObject({ kind: 'comment', target: 'zendesk', ticketId: null, draft: { public: false } });
    expect(ops[3]).toEqual({ kind: 'stamp', target: 'jsm', ticketId: J_ID, counterpart: { system: 'zendesk', id: null } });
  });

  it('still copies Zendesk changes of a closed ticket to JSM', () => {
    const ops = plan({ zendesk: closedZ });
    expect(updates(ops)).toEqual([expect.objectContaining({ target: 'jsm', patch: { status: 'Closed' } })]);
  });

  it('writes nothing when a side was deleted, and says so', () => {
    expect(plan({ jsm: null })).toEqual([{ kind: 'deleted', system: 'jsm', ticketId: J_ID }]);
    expect(plan({ zendesk: zTicket({ deleted: true }) })).toEqual([{ kind: 'deleted', system: 'zendesk', ticketId: Z_ID }]);
  });

  it('dead-letters an unmappable status, naming the config path to fix', () => {
    const ops = plan({ jsm: jTicket({ status: 'Awaiting parts', subject: 'changed' }) });
    expect(ops).toHaveLength(1);
    const dl = ops[0] as DeadLetterOp;
    expect(dl).toMatchObject({ kind: 'dead-letter', system: 'jsm', ticketId: J_ID, errorKind: 'Unmappable' });
    expect(dl.reason).toContain('statuses.jsm["Awaiting parts"]');
  });

  it.each([
    { name: 'priority', t: { priority: 'Blocker' }, path: 'priorities.jsm["Blocker"]' },
    { name: 'request type', t: { group: { id: '99', name: 'Order a laptop' } }, path: 'groups[].jsm.requestType' },
  ])('dead-letters an unmappable $name, naming $path', ({ t, path }) => {
    const [dl] = plan({ jsm: jTicket(t) }) as DeadLetterOp[];
    expect(dl!.reason).toContain(path);
  });
});

describe('planTicket: unlinked tickets', () => {
  const unlinked = { link: null, base: null } as const;

  it('creates the JSM counterpart with native values, copies comments with their visibility, then stamps the origin', () => {
    const z = zTicket({ linkStamp: null, comments: [comment('501', { public: false }), comment('502')] });
    const ops = plan({ ...unlinked, zendesk: z, jsm: null });
    expect(kinds(ops)).toEqual(['create', 'comment', 'comment', 'stamp']);
    const create = ops[0] as CreateOp;
    expect(create).toMatchObject({
      target: 'jsm',
      sourceId: Z_ID,
      stamp: 'deskbridge_demo_zendesk_4242',
      draft: { subject: 'Printer on floor 3 offline', priority: 'High', group: { id: 'Report an incident' }, tags: ['floor_3', 'printer'], customFields: { customfield_10050: 'Medium' } },
    });
    expect(create.draft.status).toBeUndefined();
    expect(create.draft.requester).toBeUndefined();
    expect(create.base.status).toBeUndefined();
    expect(comments(ops).map((op) => [op.ticketId, op.draft.public])).toEqual([
      [null, false],
      [null, true],
    ]);
  });

  it('gives a Zendesk ticket made from a JSM issue without description the subject instead, as its synced equivalent', () => {
    const empty = jTicket({ linkStamp: null, description: { type: 'doc', blocks: [] } });
    const [create] = plan({ ...unlinked, zendesk: null, jsm: empty }) as CreateOp[];
    expect(create!.draft.description).toEqual(plainDoc('Printer on floor 3 offline'));
    // Once linked, that Zendesk description is not a change, and the empty JSM one is not either.
    const z = zTicket({ description: plainDoc('Printer on floor 3 offline') });
    expect(plan({ zendesk: z, jsm: jTicket({ description: { type: 'doc', blocks: [] } }), base: { ...baseOf(z), ...create!.base } })).toEqual([]);
  });

  it('makes the JSM reporter the Zendesk requester (by email), never the integration user', () => {
    const reporter = { id: 'qm:1', name: 'Jack Morgan', email: 'jack.morgan@example.org' };
    const [create] = plan({ ...unlinked, zendesk: null, jsm: jTicket({ linkStamp: null, requester: reporter }) }) as CreateOp[];
    expect(create!.draft.requester).toEqual({ id: 'jsm:qm:1', name: 'Jack Morgan', email: 'jack.morgan@example.org' });
    const [own] = plan({ ...unlinked, zendesk: null, jsm: jTicket({ linkStamp: null, requester: { id: '557058:deskbridge-sync', email: 'sync-bot@example.gov.uk' } }) }) as CreateOp[];
    expect(own!.draft.requester).toBeUndefined();
  });

  it('creates no counterpart for a JSM issue that is already closed', () => {
    expect(plan({ ...unlinked, zendesk: null, jsm: jTicket({ linkStamp: null, status: 'Closed' }) })).toEqual([]);
  });

  it('creates a Zendesk ticket from a JSM issue with its status', () => {
    const ops = plan({ ...unlinked, zendesk: null, jsm: jTicket({ linkStamp: null }) });
    expect(ops[0]).toMatchObject({ kind: 'create', target: 'zendesk', sourceKey: 'HELP-77', draft: { status: 'open', priority: 'high', group: { id: '2nd line' } } });
  });

  it.each([
    { name: 'without a scope tag', scope: { zendesk: { tags: ['sync_me'] } }, t: {} },
    { name: 'with an excluded tag', scope: { zendesk: { excludeTags: ['Printer'] } }, t: {} },
    { name: 'in an out-of-scope group', scope: { zendesk: { groups: ['3rd line'] } }, t: {} },
    { name: 'closed', scope: {}, t: { status: 'closed', closed: true } },
  ])('does not create a Zendesk ticket $name', ({ scope, t }) => {
    const c = testConnection({ scope });
    expect(plan({ ...unlinked, connection: c, zendesk: zTicket({ linkStamp: null, ...t }), jsm: null })).toEqual([]);
  });

  it('honours the connection direction for creates', () => {
    const c = testConnection({ direction: 'to_zendesk' });
    expect(plan({ ...unlinked, connection: c, zendesk: zTicket({ linkStamp: null }), jsm: null })).toEqual([]);
    expect(kinds(plan({ ...unlinked, connection: c, zendesk: null, jsm: jTicket({ linkStamp: null }) }))).toEqual(['create', 'stamp']);
  });

  it('does not create JSM issues outside the scoped request types', () => {
    const c = testConnection({ scope: { jsm: { requestTypes: ['Report an outage'] } } });
    expect(plan({ ...unlinked, connection: c, zendesk: null, jsm: jTicket({ linkStamp: null }) })).toEqual([]);
  });

  it('resumes a pending create (read back first) instead of planning a fresh one', () => {
    const intent = { id: 'i1', connection: 'demo', target: 'jsm' as const, sourceId: Z_ID, linkStamp: 'deskbridge_demo_zendesk_4242', createdAt: '2025-03-02T09:00:00Z' };
    const [create] = plan({ ...unlinked, zendesk: zTicket({ linkStamp: null }), jsm: null, intents: [intent] }) as CreateOp[];
    expect(create!.resume).toBe(true);
  });

  it('relinks two tickets stamped for each other (a rebuilt store) instead of creating', () => {
    const ops = plan({ ...unlinked });
    expect(ops).toEqual([{ kind: 'link', zendeskId: Z_ID, jsmId: J_ID, jsmKey: 'HELP-77', origin: 'zendesk' }, expect.objectContaining({ kind: 'base' })]);
  });
});
