import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/config/suggest.ts';

describe('edit distance', () => {
  it.each([
    ['', '', 0],
    ['statuses', 'statuses', 0],
    ['statuse', 'statuses', 1],
    ['stauses', 'statuses', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('between "%s" and "%s" is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('did you mean', () => {
  const keys = ['id', 'zendesk', 'jsm', 'direction', 'scope', 'statuses', 'priorities', 'groups', 'fields', 'customFields'];
  it.each([
    ['statuse', 'statuses'],
    ['Statuses', 'statuses'],
    ['prioritys', 'priorities'],
    ['zendsk', 'zendesk'],
    ['custom_fields', 'customFields'],
    ['waiting', undefined],
    ['colour', undefined],
  ])('suggests for "%s": %s', (word, expected) => {
    expect(closestMatch(word, keys)).toBe(expected);
  });

  it('suggests a canonical value the word is the start of', () => {
    expect(closestMatch('waiting', ['new', 'open', 'waiting_on_customer', 'on_hold'])).toBe('waiting_on_customer');
  });
});
