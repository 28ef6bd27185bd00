import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigFile } from '../../src/config/index.ts';
import { allowedKeys, schemaAt } from '../../src/config/schema-walk.ts';
import type { PathSegment } from '../../src/config/problem.ts';

/** Every key path the schema defines (maps of data, such as status maps, are not descended into). */
function schemaKeys(path: PathSegment[] = []): string[] {
  const here = schemaAt(ConfigFile, path);
  if (here instanceof z.ZodArray) return schemaKeys([...path, 0]);
  if (!(here instanceof z.ZodObject || here instanceof z.ZodUnion)) return [];
  return allowedKeys(here).flatMap((key) => [[...path, key].join('.'), ...schemaKeys([...path, key])]);
}

describe('config/sync.example.yaml', () => {
  const text = readFileSync('config/sync.example.yaml', 'utf8');
  const keys = schemaKeys();

  it('knows the schema (sanity check of the walk)', () => {
    expect(keys).toContain('connections.0.zendesk.auth.accessToken');
    expect(keys).toContain('connections.0.groups.0.jsm.queue');
    expect(keys).toContain('store.postgres');
    expect(keys).not.toContain('connections.0.statuses.zendesk.new');
  });

  it.each(keys)('documents %s', (path) => {
    const key = path.split('.').at(-1)!;
    // As a key, or in a comment that shows how to write it (alternatives such as `postgres:`).
    expect(text).toMatch(new RegExp(`(^|[\\s{#,])${key}:`, 'm'));
  });

  it('explains its keys with comments', () => {
    const comments = text.split('\n').filter((l) => l.trim().startsWith('#')).length;
    expect(comments).toBeGreaterThan(60);
  });
});
