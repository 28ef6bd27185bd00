import type { PathIssue, PathSegment } from './problem.ts';
import { formatPath } from './problem.ts';
import { suggestion } from './suggest.ts';

/**
 * Status and priority maps, both sides: every canonical value must be writable on each side
 * (a native value maps to it, or a `toZendesk`/`toJsm` override names one), and an override must
 * name a native value of that side that reads back as the same canonical value — otherwise a
 * write would echo as a different value and the two systems would flap.
 */
export interface SideMaps<C extends string> {
  /** Undefined when that side's map is not a mapping at all (the schema reports it; nothing to check). */
  zendesk: Record<string, C> | undefined;
  jsm: Record<string, C> | undefined;
  toZendesk: Partial<Record<C, string>>;
  toJsm: Partial<Record<C, string>>;
}

const SIDES = [
  { side: 'zendesk', to: 'toZendesk', label: 'Zendesk' },
  { side: 'jsm', to: 'toJsm', label: 'JSM' },
] as const;

export function checkSideMaps<C extends string>(
  kind: 'status' | 'priority',
  canonical: readonly C[],
  maps: SideMaps<C>,
  base: readonly PathSegment[],
): PathIssue[] {
  const issues: PathIssue[] = [];
  const section = String(base.at(-1));
  for (const { side, to, label } of SIDES) {
    const native = maps[side];
    if (native === undefined) continue;
    const overrides: Partial<Record<C, string>> = maps[to];
    const mapped = new Set(Object.values(native));
    const unmapped = canonical.filter((c) => !mapped.has(c) && overrides[c] === undefined);
    if (unmapped.length === 1) {
      issues.push({
        path: [...base, side],
        message: `canonical ${kind} "${unmapped[0]}" is unmapped on the ${label} side (map a ${label} ${kind} to it, or set ${section}.${to}.${unmapped[0]})`,
      });
    } else if (unmapped.length > 1) {
      const plural = kind === 'status' ? 'statuses' : 'priorities';
      issues.push({
        path: [...base, side],
        message: `canonical ${plural} ${unmapped.map((c) => `"${c}"`).join(', ')} are unmapped on the ${label} side (map a ${label} ${kind} to each, or set ${section}.${to}.<${kind}>)`,
      });
    }
    for (const c of canonical) {
      const name = overrides[c];
      if (name === undefined) continue;
      const readsAs = native[name];
      if (readsAs === undefined) {
        const keys = Object.keys(native);
        const hint = suggestion(name, keys);
        issues.push({
          path: [...base, to, c],
          message: `"${name}" is not a ${label} ${kind} of ${section}.${side}${hint || ' (which is empty)'}`,
        });
      } else if (readsAs !== c) {
        issues.push({
          path: [...base, to, c],
          message: `"${name}" maps to ${readsAs} in ${formatPath([section, side])}, not ${c}: a write would read back as ${readsAs} (expected a ${label} ${kind} that maps to ${c})`,
        });
      }
    }
  }
  return issues;
}
