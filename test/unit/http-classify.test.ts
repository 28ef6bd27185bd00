import { describe, expect, it } from 'vitest';
import { apiMessage, classifyResponse, parseRetryAfter } from '../../src/http/classify.ts';
import { Invalid, RateLimited, Transient } from '../../src/http/errors.ts';

const ctx = { system: 'zendesk' as const, method: 'PUT', route: 'PUT /api/v2/tickets/{id}.json' };

describe('classifyResponse', () => {
  const cases = [
    { status: 200, headers: {}, kind: null },
    { status: 302, headers: {}, kind: null },
    { status: 429, headers: { 'retry-after': '7' }, kind: 'RateLimited' },
    { status: 401, headers: {}, kind: 'AuthFailed' },
    { status: 403, headers: {}, kind: 'AuthFailed' },
    { status: 404, headers: {}, kind: 'NotFound' },
    { status: 410, headers: {}, kind: 'NotFound' },
    { status: 409, headers: {}, kind: 'Conflict' },
    { status: 422, headers: {}, kind: 'Invalid' },
    { status: 400, headers: {}, kind: 'Invalid' },
    { status: 408, headers: {}, kind: 'Transient' },
    { status: 500, headers: {}, kind: 'Transient' },
    { status: 503, headers: {}, kind: 'Transient' },
    { status: 503, headers: { 'retry-after': '30' }, kind: 'RateLimited' },
  ];
  it.each(cases)('classifies $status $headers as $kind', ({ status, headers, kind }) => {
    expect(classifyResponse(status, headers, {}, ctx, true)?.kind ?? null).toBe(kind);
  });

  it('reads Retry-After seconds into the RateLimited wait', () => {
    const err = classifyResponse(429, { 'retry-after': '7' }, {}, ctx, false);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterMs).toBe(7_000);
  });

  it('marks a 5xx on a write as outcome unknown and on a read as known', () => {
    expect((classifyResponse(502, {}, {}, ctx, true) as Transient).outcomeUnknown).toBe(true);
    expect((classifyResponse(502, {}, {}, ctx, false) as Transient).outcomeUnknown).toBe(false);
  });

  it('keeps the API message of a Zendesk 422 on a closed ticket', () => {
    const body = { error: 'RecordInvalid', description: 'Record validation errors', details: { status: [{ description: 'Status: closed prevents ticket update' }] } };
    const err = classifyResponse(422, {}, body, ctx, true) as Invalid;
    expect(err).toBeInstanceOf(Invalid);
    expect(err.apiMessage).toContain('closed prevents ticket update');
    expect(err.message).toContain('→ 422');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-03T10:00:00Z');
  it.each([
    { value: '1', ms: 1_000 },
    { value: '0.5', ms: 500 },
    { value: '0', ms: 0 },
    { value: 'Mon, 03 Mar 2025 10:00:30 GMT', ms: 30_000 },
    { value: 'Mon, 03 Mar 2025 09:59:00 GMT', ms: 0 },
    { value: 'soon', ms: undefined },
    { value: '', ms: undefined },
    { value: undefined, ms: undefined },
  ])('reads "$value" as $ms ms', ({ value, ms }) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});

describe('apiMessage', () => {
  it.each([
    { name: 'a Zendesk error', data: { error: 'RecordNotFound', description: 'Not found' }, text: 'RecordNotFound; Not found' },
    { name: 'a Zendesk OAuth error', data: { error: { title: 'Forbidden', message: 'You do not have access' } }, text: 'You do not have access' },
    { name: 'Jira errorMessages', data: { errorMessages: ['Issue does not exist'], errors: {} }, text: 'Issue does not exist' },
    { name: 'Jira field errors', data: { errorMessages: [], errors: { customfield_10050: 'Impact is required.' } }, text: 'customfield_10050: Impact is required.' },
    { name: 'a plain text body', data: 'Bad gateway', text: 'Bad gateway' },
    { name: 'nothing useful', data: null, text: '' },
  ])('reads $name', ({ data, text }) => {
    expect(apiMessage(data)).toBe(text);
  });
});
