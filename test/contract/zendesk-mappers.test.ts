import { describe, expect, it } from 'vitest';
import { Invalid } from '../../src/http/errors.ts';
import { plainDoc } from '../../src/model/index.ts';
import { createPayload, nativeStatus, parseNativeStatus, resolveGroupId, toComment, updatePayload } from '../../src/systems/zendesk/mappers.ts';
import { ZdComment, ZdCustomStatus } from '../../src/systems/zendesk/schemas.ts';
import { isIdempotentWrite, routeTemplate } from '../../src/systems/zendesk/transport.ts';
import { richTextToPlain } from '../../src/text/index.ts';
import { load } from '../fixtures/zendesk/nock-zendesk.ts';

/** Pure mapping rules of the Zendesk adapter, one table per rule set. */

const statuses = new Map(
  [
    { id: 2, status_category: 'open', agent_label: 'Open', default: true },
    { id: 7001, status_category: 'open', agent_label: 'Investigating', default: false },
    { id: 7002, status_category: 'hold', agent_label: 'Awaiting supplier', default: false },
  ].map((s) => [s.id, ZdCustomStatus.parse(s)]),
);

describe('native status', () => {
  it.each([
    { status: 'open', custom_status_id: 7001, native: 'custom:7001' },
    { status: 'hold', custom_status_id: 7002, native: 'custom:7002' },
    { status: 'open', custom_status_id: 2, native: 'open' },
    { status: 'open', custom_status_id: null, native: 'open' },
    { status: 'pending', custom_status_id: 424242, native: 'pending' },
    { status: 'closed', custom_status_id: undefined, native: 'closed' },
  ])('reads $status with custom status $custom_status_id as $native', ({ status, custom_status_id, native }) => {
    expect(nativeStatus({ status, custom_status_id }, statuses)).toBe(native);
  });

  it.each([
    { native: 'custom:7001', write: { customStatusId: 7001 } },
    { native: 'solved', write: { status: 'solved' } },
  ])('writes $native as $write', ({ native, write }) => {
    expect(parseNativeStatus(native)).toEqual(write);
  });

  it.each(['custom:', 'custom:abc', 'custom:-4'])('refuses the malformed custom status %s', (bad) => {
    expect(() => parseNativeStatus(bad)).toThrow(Invalid);
  });
});

describe('write payloads', () => {
  const doc = plainDoc('Cannot log in to the portal.');

  it('creates with the description as the first, public comment and the link stamp as external_id', () => {
    const { ticket } = createPayload({ subject: 'Login failure', description: doc, priority: 'high', tags: ['portal'] }, 'deskbridge_c1_jsm_10001', 9002);
    expect(ticket).toEqual({
      subject: 'Login failure',
      priority: 'high',
      group_id: 9002,
      tags: ['portal'],
      comment: { html_body: expect.stringContaining('Cannot log in to the portal.'), public: true },
      external_id: 'deskbridge_c1_jsm_10001',
    });
  });

  it.each([
    { name: 'an empty description', description: plainDoc(''), subject: 'Disk 95% on web-01', body: 'Disk 95% on web-01' },
    { name: 'a whitespace description', description: plainDoc('  \n  '), subject: 'Disk 95% on web-01', body: 'Disk 95% on web-01' },
    { name: 'no description and no subject', description: plainDoc(''), subject: '', body: '(no description)' },
  ])('creates a ticket from $name with a description Zendesk accepts', ({ description, subject, body }) => {
    const { ticket } = createPayload({ subject, description }, 'stamp', undefined);
    expect((ticket.comment as { html_body: string }).html_body).toContain(body);
  });

  it('creates a follow-up of a closed ticket through via_followup_source_id', () => {
    expect(createPayload({ subject: 's', description: doc, followUpOf: '812' }, 'stamp', undefined).ticket.via_followup_source_id).toBe(812);
  });

  const updates = [
    { name: 'a custom status', patch: { status: 'custom:7002' }, ticket: { custom_status_id: 7002 } },
    { name: 'a plain status', patch: { status: 'pending' }, ticket: { status: 'pending' } },
    { name: 'a cleared priority', patch: { priority: null }, ticket: { priority: null } },
    { name: 'a requester by Zendesk id', patch: { requester: { id: '1003' } }, ticket: { requester_id: 1003 } },
    { name: 'a requester known only by email', patch: { requester: { id: 'qm:abc', email: 'owen.price@example.org', name: 'Owen Price' } }, ticket: { requester: { email: 'owen.price@example.org', name: 'Owen Price' } } },
    { name: 'a requester cleared (left as it is)', patch: { requester: null }, ticket: {} },
    { name: 'an assignee by email', patch: { assignee: { id: '557058:x', email: 'priya.raman@example.gov.uk' } }, ticket: { assignee_email: 'priya.raman@example.gov.uk' } },
    { name: 'an unassignment', patch: { assignee: null }, ticket: { assignee_id: null } },
    { name: 'custom fields by field id', patch: { customFields: { '360001': 'impact_low' } }, ticket: { custom_fields: [{ id: 360001, value: 'impact_low' }] } },
    { name: 'replaced tags', patch: { tags: ['a', 'b'] }, ticket: { tags: ['a', 'b'] } },
    { name: 'nothing', patch: {}, ticket: {} },
  ];
  it.each(updates)('updates $name', ({ patch, ticket }) => {
    expect(updatePayload(patch, undefined)).toEqual({ ticket });
  });

  it.each([
    { name: 'a description (Zendesk comments cannot be edited)', patch: { description: doc } },
    { name: 'a custom field keyed by name', patch: { customFields: { Impact: 'impact_low' } } },
    { name: 'an assignee with neither id nor email', patch: { assignee: { id: 'someone' } } },
  ])('refuses $name as Invalid before any call', ({ patch }) => {
    expect(() => updatePayload(patch, undefined)).toThrow(Invalid);
  });

  const groups = [
    { id: 9001, name: '1st line' },
    { id: 9003, name: '3rd line' },
  ];
  it.each([
    { group: undefined, id: undefined },
    { group: null, id: null },
    { group: { id: '9001' }, id: 9001 },
    { group: { id: '3rd line', name: '3rd line' }, id: 9003 },
    { group: { id: '3RD LINE ' }, id: 9003 },
  ])('resolves group $group to $id', ({ group, id }) => {
    expect(resolveGroupId(group, groups)).toBe(id);
  });

  it('refuses a group name the account does not have', () => {
    expect(() => resolveGroupId({ id: '4th line' }, groups)).toThrow(/no Zendesk group named "4th line"/);
  });
});

describe('comments', () => {
  it("maps the vendor's documented comment, attachments included", () => {
    const c = toComment(ZdComment.parse(load('./comment.docs-example.json')), new Map());
    expect(c).toMatchObject({ id: '1274', public: true, author: { id: '123123' }, createdAt: '2009-07-20T22:55:29Z' });
    expect(richTextToPlain(c.body)).toContain('Thanks for your help!');
    expect(c.attachments).toEqual([
      { id: '928374', fileName: 'payment-letter.pdf', contentType: 'application/pdf', size: 166144, url: 'https://company.zendesk.com/attachments/token/xyz123/?name=payment-letter.pdf' },
    ]);
  });

  it('falls back to the plain body when a comment has no HTML', () => {
    const c = toComment(ZdComment.parse({ id: 1, public: false, created_at: '2025-01-01T00:00:00Z', body: 'Called the requester.' }), new Map());
    expect(c.body).toEqual(plainDoc('Called the requester.'));
  });
});

describe('SDK transport', () => {
  it.each([
    { path: '/api/v2/tickets/123.json', route: '/api/v2/tickets/{id}.json' },
    { path: '/api/v2/tickets/123/comments.json?page[size]=100', route: '/api/v2/tickets/{id}/comments.json' },
    { path: '/api/v2/users/me.json', route: '/api/v2/users/me.json' },
    { path: '/api/v2/custom_statuses/7001', route: '/api/v2/custom_statuses/{id}' },
  ])('files $path under $route', ({ path, route }) => {
    expect(routeTemplate(path)).toBe(route);
  });

  it.each([
    { method: 'GET' as const, body: undefined, idempotent: true },
    { method: 'POST' as const, body: { ticket: { subject: 'x' } }, idempotent: false },
    { method: 'PUT' as const, body: { ticket: { priority: 'high' } }, idempotent: true },
    { method: 'PUT' as const, body: { ticket: { status: 'open', comment: { body: 'x' } } }, idempotent: false },
    { method: 'DELETE' as const, body: undefined, idempotent: true },
  ])('treats $method $body as idempotent: $idempotent', ({ method, body, idempotent }) => {
    expect(isIdempotentWrite(method, body)).toBe(idempotent);
  });
});
