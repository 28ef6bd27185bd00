import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainDoc } from '../../src/model/index.ts';
import {
  commentBody,
  commentFromJira,
  createIssueBody,
  customValueFromJira,
  customValueToJira,
  editIssueFields,
  isPublicComment,
  issueToTicket,
  pickLinkStamp,
  tagsFromLabels,
} from '../../src/systems/jsm/mappers.ts';
import { JiraComment, JiraFields, JiraIssue, JiraSearchPage } from '../../src/systems/jsm/schemas.ts';
import { richTextToPlain } from '../../src/text/index.ts';

const shared = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/vendor/${name}`, import.meta.url), 'utf8'));
const local = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/jsm/${name}`, import.meta.url), 'utf8'));
const fieldMeta = new Map(JiraFields.parse(local('fields.json')).map((f) => [f.id, f]));

const STAMP = 'deskbridge_dwp_zendesk_4711';
const OTHER = 'deskbridge_hmrc_zendesk_99';

describe('custom field values', () => {
  it.each([
    { name: 'an option becomes its value', raw: { self: 'x', value: 'High', id: '10202' }, model: 'High' },
    { name: 'options become values', raw: [{ value: 'A' }, { value: 'B' }], model: ['A', 'B'] },
    { name: 'a user becomes its accountId', raw: { accountId: 'qm:1', displayName: 'Fred' }, model: 'qm:1' },
    { name: 'a number stays', raw: 3, model: 3 },
    { name: 'text stays', raw: 'free text', model: 'free text' },
    { name: 'empty is null', raw: null, model: null },
    { name: 'an ADF document stays as it is', raw: { type: 'doc', version: 1, content: [] }, model: { type: 'doc', version: 1, content: [] } },
  ])('reading: $name', ({ raw, model }) => {
    expect(customValueFromJira(raw)).toEqual(model);
  });

  it.each([
    { name: 'an option field wraps a string as {value}', id: 'customfield_10050', model: 'Medium', raw: { value: 'Medium' } },
    { name: 'a cleared option field is null', id: 'customfield_10050', model: null, raw: null },
    { name: 'a field without a schema is sent as it is', id: 'customfield_99999', model: 'x', raw: 'x' },
    { name: 'a text field stays text', id: 'summary', model: 'x', raw: 'x' },
  ])('writing: $name', ({ id, model, raw }) => {
    expect(customValueToJira(fieldMeta.get(id), model)).toEqual(raw);
  });

  it('writing: user and multi-option fields follow their schema', () => {
    expect(customValueToJira({ id: 'c1', schema: { type: 'user' } }, 'qm:1')).toEqual({ accountId: 'qm:1' });
    expect(customValueToJira({ id: 'c2', schema: { type: 'array', items: 'option' } }, ['A', 'B'])).toEqual([{ value: 'A' }, { value: 'B' }]);
  });
});

describe('comment visibility (never widened)', () => {
  const base = { id: '1', body: 'x', created: '2025-03-03T09:00:00.000+0000' };
  it.each([
    { name: 'jsdPublic true is public', extra: { jsdPublic: true }, public: true },
    { name: 'jsdPublic false is internal', extra: { jsdPublic: false }, public: false },
    { name: 'the sd.public.comment property internal:true is internal', extra: { properties: [{ key: 'sd.public.comment', value: { internal: true } }] }, public: false },
    { name: 'the sd.public.comment property internal:false is public', extra: { properties: [{ key: 'sd.public.comment', value: { internal: false } }] }, public: true },
    { name: 'jsdPublic wins over the property', extra: { jsdPublic: false, properties: [{ key: 'sd.public.comment', value: { internal: false } }] }, public: false },
    { name: 'a role-restricted comment is internal', extra: { visibility: { type: 'role', value: 'Administrators' } }, public: false },
    { name: 'no signal at all is internal', extra: {}, public: false },
  ])('$name', ({ extra, public: expected }) => {
    expect(isPublicComment(JiraComment.parse({ ...base, ...extra }))).toBe(expected);
  });

  it('reads the vendor ADF comment example as an internal comment with its author and rich text', () => {
    const c = commentFromJira(JiraComment.parse(shared('jira_rest_v3_comment_response_adf_vendor_example.json')));
    expect(c).toMatchObject({ id: '10000', public: false, author: { id: '5b10a2844c20165700ede21g', name: 'Mia Krystof' }, createdAt: '2021-01-17T12:34:00.000Z' });
    expect(richTextToPlain(c.body)).toContain('Lorem ipsum dolor sit amet');
  });
});

describe('issues to tickets', () => {
  it('parses the vendor search example loosely (plain-string description, odd values) without failing', () => {
    const page = JiraSearchPage.parse(shared('jira_rest_v3_search_jql_response_vendor_example.json'));
    expect(page.isLast).toBe(true);
    expect(page.nextPageToken).toBeUndefined();
    const t = issueToTicket(page.issues[0]!, { siteUrl: 'https://dwp.atlassian.net' });
    expect(t.ref).toEqual({ system: 'jsm', id: '10002', key: 'ED-1', url: 'https://dwp.atlassian.net/browse/ED-1' });
    expect(richTextToPlain(t.description)).toContain('Main order flow broken');
    expect(t).toMatchObject({ group: null, priority: null, linkStamp: null, tags: [], closed: false, deleted: false, channel: null });
  });

  it('maps the recorded issue shape: request type as group, option field by id, stamps kept out of tags', () => {
    const raw = local('issue.json') as { fields: Record<string, unknown> };
    raw.fields.labels = ['vip', OTHER, STAMP];
    raw.fields.customfield_10050 = { value: 'Low', id: '10200' };
    raw.fields.summary = 'Printer on fire';
    const t = issueToTicket(JiraIssue.parse(raw), { siteUrl: 'https://dwp.atlassian.net/', connectionId: 'dwp', customFieldIds: ['customfield_10050', 'customfield_10099'] });
    expect(t).toMatchObject({
      subject: 'Printer on fire',
      status: 'Open',
      priority: 'Medium',
      group: { id: '11', name: 'Report an incident' },
      tags: ['vip'],
      linkStamp: STAMP,
      customFields: { customfield_10050: 'Low', customfield_10099: null },
      createdAt: '2025-03-03T09:00:00.000Z',
    });
    expect(t.ref.url).toBe('https://dwp.atlassian.net/browse/HELP-1');
  });

  it.each([
    { labels: [OTHER, STAMP], connectionId: 'dwp', stamp: STAMP },
    { labels: [OTHER], connectionId: 'dwp', stamp: OTHER },
    { labels: ['deskbridge-ish', 'x'], connectionId: 'dwp', stamp: null },
  ])('picks the stamp $stamp from $labels', ({ labels, connectionId, stamp }) => {
    expect(pickLinkStamp(labels, connectionId)).toBe(stamp);
    expect(tagsFromLabels(labels)).toEqual(labels.filter((l) => l !== STAMP && l !== OTHER));
  });
});

describe('request bodies', () => {
  it('creates with request type, stamp label (once), link property, reporter and wrapped option in one body', () => {
    const body = createIssueBody(
      {
        subject: 'S',
        description: plainDoc('D'),
        priority: 'High',
        tags: ['a', STAMP],
        requester: { id: 'qm:1', email: 'fred@example.org' },
        assignee: { id: '712020:abc' },
        customFields: { customfield_10050: 'High' },
      },
      { projectKey: 'HELP', issueTypeId: '10101', requestTypeId: '11', linkStamp: STAMP, fieldMeta },
    );
    expect(body.fields).toMatchObject({
      project: { key: 'HELP' },
      issuetype: { id: '10101' },
      summary: 'S',
      labels: ['a', STAMP],
      customfield_10010: '11',
      priority: { name: 'High' },
      reporter: { accountId: 'qm:1' },
      assignee: { accountId: '712020:abc' },
      customfield_10050: { value: 'High' },
    });
    expect(body.fields.description).toMatchObject({ type: 'doc', version: 1 });
    expect(body.properties).toEqual([{ key: 'deskbridge.link', value: { stamp: STAMP, connection: 'dwp', system: 'zendesk', id: '4711' } }]);
  });

  it('edits only what the patch names, keeps stamps with new tags, and leaves status to a transition', () => {
    const fields = editIssueFields(
      { tags: ['x', OTHER], priority: null, status: 'Resolved', assignee: null, group: { id: '10' } },
      { keepLabels: [STAMP], fieldMeta, requestTypeId: '10' },
    );
    expect(fields).toEqual({ labels: ['x', STAMP], priority: null, assignee: null, customfield_10010: '10' });
  });

  it('writes nothing for an empty patch', () => {
    expect(editIssueFields({}, { keepLabels: [STAMP], fieldMeta })).toEqual({});
  });

  it.each([
    { public: true, internal: false },
    { public: false, internal: true },
  ])('states comment visibility explicitly (public $public)', ({ public: isPublic, internal }) => {
    const body = commentBody({ body: plainDoc('hello'), public: isPublic });
    expect(body.properties).toEqual([{ key: 'sd.public.comment', value: { internal } }]);
    expect(body.body).toMatchObject({ type: 'doc', version: 1 });
  });
});
