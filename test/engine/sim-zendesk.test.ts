import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZendeskApiError, ZendeskSimulator } from '../../src/simulators/zendesk/index.ts';

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
const AUTH = basic('sync-bot@example.gov.uk/token', 'zd-test-token');

interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

function client(base: string) {
  return async (method: string, path: string, body?: unknown, authorization: string | null = AUTH): Promise<Reply> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (authorization) headers.authorization = authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
}

describe('Zendesk simulator: tickets API', () => {
  let sim: ZendeskSimulator;
  let api: ReturnType<typeof client>;

  beforeEach(async () => {
    sim = new ZendeskSimulator({ seed: 3 });
    api = client(await sim.listen());
  });
  afterEach(() => sim.close());

  const create = async (ticket: Record<string, unknown>) => {
    const r = await api('POST', '/api/v2/tickets.json', { ticket: { subject: 'Cannot sign in', comment: { body: 'It fails.' }, ...ticket } });
    expect(r.status).toBe(201);
    return r.body.ticket;
  };

  it.each([
    ['a wrong API token', basic('sync-bot@example.gov.uk/token', 'wrong')],
    ['a password instead of a token', basic('sync-bot@example.gov.uk', 'zd-test-token')],
    ['an end user email', basic('oliver.smith@example.org/token', 'zd-test-token')],
    ['a wrong bearer token', 'Bearer nope'],
    ['no Authorization header', null],
  ])('answers 401 to %s', async (_name, authorization) => {
    const r = await api('GET', '/api/v2/users/me.json', undefined, authorization);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: "Couldn't authenticate you" });
  });

  it('accepts an OAuth bearer token as the integration user', async () => {
    const r = await api('GET', '/api/v2/users/me', undefined, 'Bearer zd-oauth-token');
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ id: 100, name: 'Deskbridge Sync', email: 'sync-bot@example.gov.uk', role: 'admin' });
  });

  it('creates a ticket whose first comment becomes the description and which names its creator', async () => {
    const r = await api('POST', '/api/v2/tickets', {
      ticket: {
        subject: 'Outage on the grants portal',
        comment: { html_body: '<p>All users <strong>affected</strong>.</p><script>alert(1)</script>' },
        external_id: 'deskbridge_c1_jsm_10001',
        group_id: 9003,
        priority: 'urgent',
        type: 'incident',
        tags: ['Outage', 'alert'],
        custom_fields: [{ id: 360001, value: 'impact_high' }],
        requester: { name: 'Ava Patel', email: 'ava.patel@example.org' },
      },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toMatch(/\/api\/v2\/tickets\/\d+\.json$/);
    const t = r.body.ticket;
    expect(t).toMatchObject({
      status: 'new',
      custom_status_id: 1,
      description: 'All users affected.',
      submitter_id: 100,
      group_id: 9003,
      priority: 'urgent',
      external_id: 'deskbridge_c1_jsm_10001',
      via: { channel: 'api' },
      is_public: true,
    });
    expect(t.tags).toEqual(['outage', 'alert', 'impact_high']);
    expect(t.custom_fields).toEqual([{ id: 360001, value: 'impact_high' }]);
    expect(t.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(sim.user(t.requester_id)).toMatchObject({ role: 'end-user', email: 'ava.patel@example.org' });
    const [first] = sim.comments(t.id);
    expect(first).toMatchObject({ author_id: 100, public: true, plain_body: 'All users affected.' });
    expect(first!.html_body).not.toContain('script');
  });

  it('adds a comment through a ticket update and returns its id in the audit', async () => {
    const t = await create({});
    const r = await api('PUT', `/api/v2/tickets/${t.id}.json`, { ticket: { comment: { html_body: '<p>Checked the logs.</p>', public: false }, status: 'open' } });
    expect(r.status).toBe(200);
    const commentEvent = r.body.audit.events.find((e: { type: string }) => e.type === 'Comment');
    expect(commentEvent).toMatchObject({ public: false, author_id: 100 });
    expect(r.body.audit.events).toContainEqual(expect.objectContaining({ type: 'Change', field_name: 'status', value: 'open', previous_value: 'new' }));
    const list = await api('GET', `/api/v2/tickets/${t.id}/comments.json?page[size]=100`);
    expect(list.body.comments.map((c: { id: number }) => c.id)).toEqual([expect.any(Number), commentEvent.id]);
    expect(list.body.comments[1]).toMatchObject({ public: false, plain_body: 'Checked the logs.', type: 'Comment' });
    expect(list.body.meta.has_more).toBe(false);
  });

  it('pages comments with page[size] and page[after] until has_more is false', async () => {
    const t = await create({});
    for (let i = 0; i < 4; i++) sim.addCommentDirect(t.id, { body: `Reply ${i}` });
    const seen: number[] = [];
    let path: string | null = `/api/v2/tickets/${t.id}/comments?page[size]=2`;
    while (path) {
      const r = await api('GET', path);
      seen.push(...r.body.comments.map((c: { id: number }) => c.id));
      path = r.body.meta.has_more ? new URL(r.body.links.next).pathname + new URL(r.body.links.next).search : null;
    }
    expect(seen).toEqual(sim.comments(t.id).map((c) => c.id));
    expect(seen).toHaveLength(5);
  });

  it('rejects any update of a closed ticket with 422 and the documented body', async () => {
    const t = await create({ assignee_id: 101 });
    expect((await api('PUT', `/api/v2/tickets/${t.id}`, { ticket: { status: 'closed' } })).status).toBe(200);
    const r = await api('PUT', `/api/v2/tickets/${t.id}`, { ticket: { comment: { body: 'One more thing' } } });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { status: [{ description: 'Status: closed prevents ticket update', error: 'ClosedTicket' }] },
    });
    expect(() => sim.updateTicketDirect(t.id, { priority: 'high' })).toThrow(ZendeskApiError);
    expect(sim.comments(t.id)).toHaveLength(1);
  });

  it('finds a ticket by external_id and nothing for an unknown one', async () => {
    const t = await create({ external_id: 'deskbridge_c1_jsm_10042' });
    await create({ external_id: 'deskbridge_c1_jsm_10043' });
    const hit = await api('GET', '/api/v2/tickets.json?external_id=deskbridge_c1_jsm_10042');
    expect(hit.body.tickets.map((x: { id: number }) => x.id)).toEqual([t.id]);
    expect(hit.body.count).toBe(1);
    const miss = await api('GET', '/api/v2/tickets?external_id=deskbridge_c1_jsm_99999');
    expect(miss.body).toMatchObject({ tickets: [], count: 0 });
  });

  it('answers 409 to a safe update carrying a stale updated_stamp', async () => {
    const t = await create({});
    sim.clock.advance(5_000);
    sim.updateTicketDirect(t.id, { priority: 'high' });
    const r = await api('PUT', `/api/v2/tickets/${t.id}`, { ticket: { priority: 'low', safe_update: true, updated_stamp: t.updated_at } });
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('UpdateConflict');
    const fresh = (await api('GET', `/api/v2/tickets/${t.id}`)).body.ticket;
    const ok = await api('PUT', `/api/v2/tickets/${t.id}`, { ticket: { priority: 'low', safe_update: true, updated_stamp: fresh.updated_at } });
    expect(ok.status).toBe(200);
  });

  it.each([
    ['an unknown status', { status: 'waiting' }, 'status'],
    ['a group that does not exist', { group_id: 4242 }, 'group'],
    ['an end user as assignee', { assignee_id: 1000 }, 'assignee'],
    ['an agent outside the group', { group_id: 9001, assignee_id: 107 }, 'assignee'],
    ['an unknown Impact value', { custom_fields: [{ id: 360001, value: 'impact_huge' }] }, 'custom_fields.360001'],
    ['an inactive custom status id', { custom_status_id: 999 }, 'custom_status_id'],
  ])('answers 422 RecordInvalid naming the field for %s', async (_name, change, field) => {
    const t = await create({});
    const r = await api('PUT', `/api/v2/tickets/${t.id}`, { ticket: change });
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('RecordInvalid');
    expect(Object.keys(r.body.details)).toEqual([field]);
  });

  it('maps a custom status to its category and a plain status to the default custom status', async () => {
    const t = await create({ group_id: 9002, assignee_id: 104 });
    expect(t).toMatchObject({ status: 'open', custom_status_id: 2 });
    const held = await api('PUT', `/api/v2/tickets/${t.id}`, { ticket: { custom_status_id: 7002 } });
    expect(held.body.ticket).toMatchObject({ status: 'hold', custom_status_id: 7002 });
    const pending = await api('PUT', `/api/v2/tickets/${t.id}`, { ticket: { status: 'pending' } });
    expect(pending.body.ticket).toMatchObject({ status: 'pending', custom_status_id: 3 });
  });

  it('soft-deletes a ticket: 404 afterwards, shown as deleted to direct inspection', async () => {
    const t = await create({});
    expect((await api('DELETE', `/api/v2/tickets/${t.id}.json`)).status).toBe(204);
    const r = await api('GET', `/api/v2/tickets/${t.id}.json`);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    expect(sim.ticket(t.id)).toMatchObject({ status: 'deleted' });
  });

  it('shows many tickets, skipping unknown ids', async () => {
    const a = await create({});
    const b = await create({});
    const r = await api('GET', `/api/v2/tickets/show_many.json?ids=${a.id},${b.id},9999`);
    expect(r.body.tickets.map((x: { id: number }) => x.id)).toEqual([a.id, b.id]);
  });

  it('runs update_many as a job whose status completes with per-ticket results', async () => {
    const a = await create({ assignee_id: 101 });
    const b = await create({ assignee_id: 101 });
    await api('PUT', `/api/v2/tickets/${b.id}`, { ticket: { status: 'closed' } });
    const job = await api('PUT', `/api/v2/tickets/update_many.json?ids=${a.id},${b.id}`, { ticket: { priority: 'high' } });
    expect(job.body.job_status.status).toBe('queued');
    const done = await api('GET', `/api/v2/job_statuses/${job.body.job_status.id}.json`);
    expect(done.body.job_status).toMatchObject({ status: 'completed', total: 2, progress: 2 });
    expect(done.body.job_status.results).toEqual([
      { id: a.id, action: 'update', success: true, status: 'Updated' },
      expect.objectContaining({ id: b.id, success: false, error: 'RecordInvalid' }),
    ]);
    expect(sim.ticket(a.id)).toMatchObject({ priority: 'high' });
  });

  it('serves the seed universe: groups, custom statuses, the Impact field and user search', async () => {
    const groups = await api('GET', '/api/v2/groups.json');
    expect(groups.body.groups.map((g: { id: number; name: string }) => [g.id, g.name])).toEqual([
      [9001, '1st line'],
      [9002, '2nd line'],
      [9003, '3rd line'],
    ]);
    const statuses = (await api('GET', '/api/v2/custom_statuses.json')).body.custom_statuses;
    expect(statuses.filter((s: { default: boolean }) => s.default).map((s: { status_category: string }) => s.status_category)).toEqual(['new', 'open', 'pending', 'hold', 'solved']);
    expect(statuses).toContainEqual(expect.objectContaining({ id: 7001, agent_label: 'Investigating', status_category: 'open', default: false }));
    expect(statuses).toContainEqual(expect.objectContaining({ id: 7002, agent_label: 'Awaiting supplier', status_category: 'hold' }));
    const fields = (await api('GET', '/api/v2/ticket_fields.json')).body.ticket_fields;
    const impact = fields.find((f: { id: number }) => f.id === 360001);
    expect(impact.custom_field_options.map((o: { value: string }) => o.value)).toEqual(['impact_low', 'impact_medium', 'impact_high']);
    const found = await api('GET', `/api/v2/users/search.json?query=${encodeURIComponent('email:sync-bot@example.gov.uk')}`);
    expect(found.body.users.map((u: { id: number }) => u.id)).toEqual([100]);
  });
});

describe('Zendesk simulator: seeding', () => {
  it('seeds realistic tickets in every status, deterministically for a seed, older than a minute', () => {
    const a = new ZendeskSimulator({ seed: 11 });
    const b = new ZendeskSimulator({ seed: 11 });
    const c = new ZendeskSimulator({ seed: 12 });
    for (const s of [a, b, c]) s.seed(40);
    const shape = (s: ZendeskSimulator) => s.tickets().map((t) => [t.subject, t.status, t.custom_status_id, t.group_id, t.priority, s.comments(t.id as number).length]);
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a)).not.toEqual(shape(c));

    const tickets = a.tickets();
    expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(['new', 'open', 'pending', 'hold', 'solved', 'closed']));
    expect(tickets.map((t) => t.custom_status_id)).toEqual(expect.arrayContaining([7001, 7002]));
    expect(new Set(tickets.map((t) => t.group_id))).toEqual(new Set([9001, 9002, 9003]));
    expect(new Set(tickets.map((t) => (t.via as { channel: string }).channel))).toEqual(new Set(['web', 'email', 'api']));
    const comments = tickets.flatMap((t) => a.comments(t.id as number));
    expect(comments.some((x) => x.public === false)).toBe(true);
    expect(comments.some((x) => /<(ol|ul|pre|table|a) /.test(String(x.html_body)) || /<(ol|ul|pre|table)>/.test(String(x.html_body)))).toBe(true);
    const cutoff = Math.floor(a.clock.now() / 1000) - 60;
    expect(tickets.every((t) => (t.generated_timestamp as number) <= cutoff)).toBe(true);
  });
});
