import type { PathIssue, PathSegment } from './problem.ts';
import { isRecord, nameOf, namesIn, recordsIn } from './raw.ts';
import { suggestion } from './suggest.ts';

/**
 * Names that must agree across a connection: group maps and scope name declared Zendesk groups and
 * JSM request types; group names, custom field names and field ids are unique.
 */

function undeclared(what: string, name: string, declared: readonly string[], where: string): string {
  if (declared.length === 0) return `${what} "${name}" is not declared (list it in ${where})`;
  return `${what} "${name}" is not declared in ${where}${suggestion(name, declared)}`;
}

/** An issue for each repeat of a value in a list, pointing at the repeat and naming the first. */
function duplicates(items: { index: number; item: string | undefined }[], path: (index: number) => PathSegment[], what: string, listPath: string) {
  const first = new Map<string, number>();
  const issues: PathIssue[] = [];
  for (const { index, item } of items) {
    if (item === undefined) continue;
    const seen = first.get(item);
    if (seen === undefined) first.set(item, index);
    else issues.push({ path: path(index), message: `duplicate ${what} "${item}" (already used by ${listPath}[${seen}])` });
  }
  return issues;
}

const field = (r: Record<string, unknown>, ...keys: string[]): unknown =>
  keys.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), r);

export function checkNames(c: Record<string, unknown>, base: readonly PathSegment[]): { errors: PathIssue[]; warnings: PathIssue[] } {
  const errors: PathIssue[] = [];
  const warnings: PathIssue[] = [];
  const p = (...rest: PathSegment[]) => [...base, ...rest];

  const zdGroupList = namesIn(field(c, 'zendesk', 'groups'));
  const requestTypeList = namesIn(field(c, 'jsm', 'requestTypes'));
  const zdGroups = zdGroupList.map((g) => g.item);
  const requestTypes = requestTypeList.map((r) => r.item);
  errors.push(...duplicates(zdGroupList, (i) => p('zendesk', 'groups', i), 'Zendesk group', 'zendesk.groups'));
  errors.push(...duplicates(requestTypeList, (i) => p('jsm', 'requestTypes', i), 'request type', 'jsm.requestTypes'));
  const defaultRequestType = nameOf(field(c, 'jsm', 'defaultRequestType'));
  if (defaultRequestType !== undefined && requestTypes.length > 0 && !requestTypes.includes(defaultRequestType)) {
    errors.push({ path: p('jsm', 'defaultRequestType'), message: undeclared('request type', defaultRequestType, requestTypes, 'jsm.requestTypes') });
  }

  const groups = recordsIn(c.groups).map(({ index, item }) => ({
    index,
    name: nameOf(item.name),
    zendesk: nameOf(item.zendesk),
    requestType: nameOf(field(item, 'jsm', 'requestType')),
  }));
  errors.push(...duplicates(groups.map((g) => ({ index: g.index, item: g.name })), (i) => p('groups', i, 'name'), 'group name', 'groups'));
  for (const g of groups) {
    if (g.zendesk !== undefined && zdGroups.length > 0 && !zdGroups.includes(g.zendesk)) {
      errors.push({ path: p('groups', g.index, 'zendesk'), message: undeclared('Zendesk group', g.zendesk, zdGroups, 'zendesk.groups') });
    }
    if (g.requestType !== undefined && requestTypes.length > 0 && !requestTypes.includes(g.requestType)) {
      errors.push({ path: p('groups', g.index, 'jsm', 'requestType'), message: undeclared('request type', g.requestType, requestTypes, 'jsm.requestTypes') });
    }
  }

  // Scope names what zendesk.groups / jsm.requestTypes declare, or, when those lists are empty, what the group maps use.
  const knownGroups = zdGroups.length > 0 ? zdGroups : unique(groups.map((g) => g.zendesk));
  for (const { index, item } of namesIn(field(c, 'scope', 'zendesk', 'groups'))) {
    if (!knownGroups.includes(item)) errors.push({ path: p('scope', 'zendesk', 'groups', index), message: undeclared('Zendesk group', item, knownGroups, 'zendesk.groups') });
  }
  const knownTypes = requestTypes.length > 0 ? requestTypes : unique([...groups.map((g) => g.requestType), defaultRequestType]);
  for (const { index, item } of namesIn(field(c, 'scope', 'jsm', 'requestTypes'))) {
    if (!knownTypes.includes(item)) errors.push({ path: p('scope', 'jsm', 'requestTypes', index), message: undeclared('request type', item, knownTypes, 'jsm.requestTypes') });
  }
  const included = namesIn(field(c, 'scope', 'zendesk', 'tags')).map((t) => t.item);
  for (const { index, item } of namesIn(field(c, 'scope', 'zendesk', 'excludeTags'))) {
    if (included.includes(item)) errors.push({ path: p('scope', 'zendesk', 'excludeTags', index), message: `tag "${item}" is both included (scope.zendesk.tags) and excluded` });
  }

  const fields = recordsIn(c.customFields);
  const column = (key: string) => fields.map(({ index, item }) => ({ index, item: nameOf(item[key]) }));
  errors.push(...duplicates(column('name'), (i) => p('customFields', i, 'name'), 'custom field name', 'customFields'));
  errors.push(...duplicates(column('zendesk'), (i) => p('customFields', i, 'zendesk'), 'Zendesk field id', 'customFields'));
  errors.push(...duplicates(column('jsm'), (i) => p('customFields', i, 'jsm'), 'JSM field id', 'customFields'));
  for (const { index, item } of fields) warnings.push(...valueMapWarnings(item, p('customFields', index)));
  return { errors, warnings };
}

/** JSM → Zendesk reverses a value map: two Zendesk values onto one JSM value cannot both come back. */
function valueMapWarnings(f: Record<string, unknown>, at: PathSegment[]): PathIssue[] {
  if (f.direction === 'to_jsm' || f.direction === 'none' || !isRecord(f.values)) return [];
  const back = new Map<string, string>();
  const issues: PathIssue[] = [];
  for (const [zdValue, v] of Object.entries(f.values)) {
    const jsmValue = nameOf(v);
    if (jsmValue === undefined) continue;
    const earlier = back.get(jsmValue);
    if (earlier === undefined) back.set(jsmValue, zdValue);
    else {
      issues.push({
        path: [...at, 'values', zdValue],
        message: `"${zdValue}" and "${earlier}" both map to "${jsmValue}": a "${jsmValue}" from JSM is written to Zendesk as "${earlier}"`,
      });
    }
  }
  return issues;
}

const unique = (xs: (string | undefined)[]): string[] => [...new Set(xs.filter((x): x is string => x !== undefined))];
