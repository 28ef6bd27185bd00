import { z } from 'zod';
import type { PathSegment } from './problem.ts';

/**
 * Reads the schema itself to learn what a config level allows, so that error messages can list
 * the keys or values that were expected there (and suggest the closest one to a typo).
 */

/** Strips wrappers that do not change what a level accepts: optional, default, preprocess, transform. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodPrefault) {
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) {
      s = (s.in instanceof z.ZodTransform ? s.out : s.in) as z.ZodType;
    } else return s;
  }
}

/** The schema that validates the value at `path`, or undefined when the path leaves the schema. */
export function schemaAt(root: z.ZodType, path: readonly PathSegment[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const seg of path) {
    if (current === undefined) return undefined;
    current = child(unwrap(current), seg);
  }
  return current === undefined ? undefined : unwrap(current);
}

function child(s: z.ZodType, seg: PathSegment): z.ZodType | undefined {
  if (s instanceof z.ZodObject) return (s.shape as Record<string, z.ZodType>)[String(seg)];
  if (s instanceof z.ZodArray) return typeof seg === 'number' ? (s.element as z.ZodType) : undefined;
  if (s instanceof z.ZodRecord) return s.valueType as z.ZodType;
  if (s instanceof z.ZodUnion) {
    for (const option of s.options as readonly z.ZodType[]) {
      const found = child(unwrap(option), seg);
      if (found) return found;
    }
  }
  return undefined;
}

/** The keys a map at this level may hold: an object's keys, or a record's enumerable key names. */
export function allowedKeys(schema: z.ZodType | undefined): string[] {
  if (schema === undefined) return [];
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return Object.keys(s.shape);
  if (s instanceof z.ZodRecord) return enumValues(s.keyType as z.ZodType);
  if (s instanceof z.ZodUnion) return [...new Set((s.options as readonly z.ZodType[]).flatMap((o) => allowedKeys(o)))];
  return [];
}

/** The finite set of values a schema accepts (enum members, literals); empty for open-ended ones. */
export function enumValues(schema: z.ZodType): string[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodEnum) return s.options.map(String);
  if (s instanceof z.ZodLiteral) return [...s.values].map(String);
  return [];
}
