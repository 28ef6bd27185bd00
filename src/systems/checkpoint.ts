import type { z } from 'zod';
import type { SystemName } from '../model/index.ts';

/**
 * Reads a stored feed checkpoint. A damaged one is an error, never a silent restart from the beginning
 * (which would re-read the whole history) or from now (which would skip changes).
 */
export function decodeStoredCheckpoint<S extends z.ZodType>(schema: S, raw: string, system: SystemName): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`${system} feed checkpoint is not JSON: the stored checkpoint is damaged`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${system} feed checkpoint is not valid: the stored checkpoint is damaged`);
  return parsed.data;
}
