import { createHash } from 'node:crypto';
import type { RichText } from '../model/rich-text.ts';
import { canonicalRichText } from './canonical.ts';

/** JSON with keys sorted at every level, so equal trees serialise to equal strings. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256 (hex) of the body's meaning. The engine compares it with the synced base to tell whether a side
 * changed a body, so an HTML body and its ADF echo (and back) must hash equal: see canonicalRichText.
 */
export function richTextFingerprint(doc: RichText): string {
  return createHash('sha256').update(stableJson(canonicalRichText(doc))).digest('hex');
}
