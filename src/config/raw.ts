/**
 * Lenient readers of the file as written, for the cross-checks: they take what is well-formed and
 * skip the rest (the schema reports the rest), so one bad entry does not hide problems elsewhere.
 */

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A name or id: YAML reads `9001` as a number, deskbridge treats ids as strings. */
export const nameOf = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/** The named items of a list, with their index in the file. */
export function namesIn(v: unknown): { index: number; item: string }[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x, index) => {
    const item = nameOf(x);
    return item === undefined ? [] : [{ index, item }];
  });
}

/** The items of a list that are mappings, with their index in the file. */
export function recordsIn(v: unknown): { index: number; item: Record<string, unknown> }[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((item, index) => (isRecord(item) ? [{ index, item }] : []));
}

/** The entries of a mapping whose value is one of `allowed` (undefined when it is not a mapping). */
export function entriesWithValues<C extends string>(v: unknown, allowed: readonly C[]): Record<string, C> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, C> = {};
  for (const [k, value] of Object.entries(v)) if ((allowed as readonly unknown[]).includes(value)) out[k] = value as C;
  return out;
}

/** The entries of a mapping whose key is one of `allowed` and whose value is a name. */
export function entriesWithKeys<C extends string>(v: unknown, allowed: readonly C[]): Partial<Record<C, string>> {
  const out: Partial<Record<C, string>> = {};
  if (!isRecord(v)) return out;
  for (const [k, value] of Object.entries(v)) {
    const name = nameOf(value);
    if ((allowed as readonly string[]).includes(k) && name !== undefined) out[k as C] = name;
  }
  return out;
}

/**
 * Paths of values that are not plain data. YAML tags such as `!!binary`, `!!set` or `!!timestamp`
 * build buffers, sets and dates, which a mapping file has no use for.
 */
export function nonPlainPaths(value: unknown, path: (string | number)[] = [], seen = new WeakSet<object>()): (string | number)[][] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  if (Array.isArray(value)) return value.flatMap((v, i) => nonPlainPaths(v, [...path, i], seen));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return [path];
  return Object.entries(value).flatMap(([k, v]) => nonPlainPaths(v, [...path, k], seen));
}
