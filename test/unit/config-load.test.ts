import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_ENV } from '../fixtures/config/env.ts';
import { formatProblem, loadConfigFile, parseConfigText, type Problem } from '../../src/config/index.ts';

const FIXTURE = 'test/fixtures/config/valid.yaml';
const base = readFileSync(FIXTURE, 'utf8');
const FULL_ENV = CONFIG_ENV;

/** The base file with each `from` (which must occur exactly once) replaced by `to`. */
function edit(...pairs: [from: string, to: string][]): string {
  return pairs.reduce((text, [from, to]) => {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`edit target must occur once: ${JSON.stringify(from)}`);
    return text.slice(0, at) + to + text.slice(at + from.length);
  }, base);
}

function problemsOf(text: string): Problem[] {
  const result = parseConfigText(text, 'sync.yaml', FULL_ENV);
  return result.ok ? [] : result.problems;
}

describe('good mapping files', () => {
  it.each(['config/sync.example.yaml', 'config/demo.yaml', FIXTURE])('%s validates', async (file) => {
    const result = await loadConfigFile(file, FULL_ENV);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fills the defaults a file leaves out', () => {
    const result = parseConfigText(base, 'sync.yaml', FULL_ENV);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const c = result.config.connections[0]!;
    expect(c.fields.status).toEqual({ direction: 'both', conflict: 'newest' });
    expect(c.priorities.zendesk).toEqual({ low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' });
    expect(c.jsm.serviceDeskId).toBe('1');
    expect(c.customFields[0]!.zendesk).toBe('360001');
    expect(c.closedTickets).toBe('report');
    expect(c.zendesk.url).toBe('${ZENDESK_URL}');
  });
});

// Each variant breaks the base fixture in one way; lines and columns refer to the edited text.
const broken: { name: string; text: string; path: string; line: number; col: number; message: RegExp; count?: number }[] = [
  {
    name: 'an unknown key, with the key it most likely meant',
    text: edit(['      projectKey: HELP\n', '      projectKey: HELP\n      requestsPerMinut: 100\n']),
    path: 'connections[0].jsm.requestsPerMinut',
    line: 21,
    col: 7,
    message: /^unknown key "requestsPerMinut" \(did you mean "requestsPerMinute"\?\)$/,
  },
  {
    name: 'a misspelt section name',
    text: edit(['    scope:\n', '    scopes:\n']),
    path: 'connections[0].scopes',
    line: 25,
    col: 5,
    message: /did you mean "scope"/,
  },
  {
    name: 'a status mapped to a value that is not canonical',
    text: edit(['pending: waiting_on_customer', 'pending: waiting']),
    path: 'connections[0].statuses.zendesk.pending',
    line: 32,
    col: 9,
    message:
      /^"waiting" is not a canonical status \(expected one of: new, open, waiting_on_customer, on_hold, resolved, closed\) \(did you mean "waiting_on_customer"\?\)$/,
    count: 2, // and waiting_on_customer is then unmapped on the Zendesk side
  },
  {
    name: 'a canonical status left unmapped on the Zendesk side',
    text: edit(['        hold: on_hold\n', '']),
    path: 'connections[0].statuses.zendesk',
    line: 29,
    col: 7,
    message: /canonical status "on_hold" is unmapped on the Zendesk side .*statuses\.toZendesk\.on_hold/,
  },
  {
    name: 'a canonical priority left unmapped on the JSM side',
    text: edit(['        Highest: urgent\n', '']),
    path: 'connections[0].priorities.jsm',
    line: 47,
    col: 7,
    message: /canonical priority "urgent" is unmapped on the JSM side/,
  },
  {
    name: 'an inline token instead of a ${VAR} reference',
    text: edit(['token: ${JSM_TOKEN}', 'token: s3cr3t-value']),
    path: 'connections[0].jsm.auth.token',
    line: 19,
    col: 9,
    message: /^an inline secret is not allowed \(expected a \$\{VAR\} reference/,
  },
  {
    name: 'a group map naming an undeclared Zendesk group',
    text: edit(['zendesk: 2nd line', 'zendesk: 3rd line']),
    path: 'connections[0].groups[1].zendesk',
    line: 58,
    col: 9,
    message: /^Zendesk group "3rd line" is not declared in zendesk\.groups/,
  },
  {
    name: 'a group map naming an undeclared request type',
    text: edit(['{ requestType: Get IT help }', '{ requestType: Get IT hlp }']),
    path: 'connections[0].groups[0].jsm.requestType',
    line: 55,
    col: 16,
    message: /^request type "Get IT hlp" is not declared in jsm\.requestTypes \(did you mean "Get IT help"\?\)$/,
  },
  {
    name: 'a scope naming an undeclared Zendesk group',
    text: edit(['groups: [2nd line]', 'groups: [2nd lines]']),
    path: 'connections[0].scope.zendesk.groups[0]',
    line: 27,
    col: 18,
    message: /Zendesk group "2nd lines" is not declared/,
  },
  {
    name: 'a default request type that is not declared',
    text: edit(['defaultRequestType: Get IT help', 'defaultRequestType: Ask a question']),
    path: 'connections[0].jsm.defaultRequestType',
    line: 23,
    col: 7,
    message: /request type "Ask a question" is not declared/,
  },
  {
    name: 'a toJsm override naming a status the JSM map does not have',
    text: edit(['open: In progress', 'open: In Progres']),
    path: 'connections[0].statuses.toJsm.open',
    line: 45,
    col: 9,
    message: /^"In Progres" is not a JSM status of statuses\.jsm \(did you mean "In progress"\?\)$/,
  },
  {
    name: 'a toJsm override that reads back as another status',
    text: edit(['open: In progress', 'open: Resolved']),
    path: 'connections[0].statuses.toJsm.open',
    line: 45,
    col: 9,
    message: /"Resolved" maps to resolved in statuses\.jsm, not open/,
  },
  {
    name: 'two connections with the same id',
    text: `${base}${base.slice(base.indexOf('  - id: helpdesk'))}`,
    path: 'connections[1].id',
    line: 65,
    col: 5,
    message: /^duplicate connection id "helpdesk" \(already used by connections\[0\]\)$/,
  },
  {
    name: 'two group maps with the same name',
    text: edit(['name: second-line', 'name: first-line']),
    path: 'connections[0].groups[1].name',
    line: 56,
    col: 9,
    message: /^duplicate group name "first-line"/,
  },
  {
    name: 'a value outside an enum',
    text: edit(['direction: both', 'direction: bothways']),
    path: 'connections[0].direction',
    line: 24,
    col: 5,
    message: /^"bothways" is not valid \(expected one of: both, to_jsm, to_zendesk, none\) \(did you mean "both"\?\)$/,
  },
  {
    name: 'a missing required key, placed at its parent',
    text: edit(['      projectKey: HELP\n', '']),
    path: 'connections[0].jsm.projectKey',
    line: 14,
    col: 5,
    message: /^missing required key "projectKey" \(expected a string\)$/,
  },
  {
    name: 'a misspelt auth type',
    text: edit(['type: token\n        email: ${JSM_EMAIL}', 'type: tokn\n        email: ${JSM_EMAIL}']),
    path: 'connections[0].jsm.auth.type',
    line: 17,
    col: 9,
    message: /expected one of: token, oauth\) \(did you mean "token"\?\)/,
  },
  {
    name: 'a Zendesk status map key that is not a Zendesk status',
    text: edit(['hold: on_hold', 'onhold: on_hold']),
    path: 'connections[0].statuses.zendesk.onhold',
    line: 33,
    col: 9,
    message: /^key "onhold" is not a Zendesk status .*custom:<id>.* \(did you mean "hold"\?\)$/,
  },
  {
    name: 'a Jira custom field id in the wrong form',
    text: edit(['jsm: customfield_10050', 'jsm: impact_field']),
    path: 'connections[0].customFields[0].jsm',
    line: 63,
    col: 9,
    message: /^"impact_field" is not valid \(expected a Jira field id such as customfield_10050\)$/,
  },
  {
    name: 'a malformed ${VAR} reference',
    text: edit(['url: ${JSM_URL}', 'url: ${JSM_URL']),
    path: 'connections[0].jsm.url',
    line: 15,
    col: 7,
    message: /^malformed \$\{VAR\} reference/,
  },
  {
    name: 'a postgres URL with an inline password',
    text: edit(['sqlite: ${DESKBRIDGE_STORE}', 'postgres: postgres://sync:hunter2@db.internal/deskbridge']),
    path: 'store.postgres',
    line: 4,
    col: 3,
    message: /without an inline password/,
  },
  {
    name: 'a YAML tag that builds something other than plain data',
    text: edit(['serviceDeskId: 1', 'serviceDeskId: !!binary aGVscA==']),
    path: 'connections[0].jsm.serviceDeskId',
    line: 21,
    col: 7,
    message: /^unsupported YAML value/,
  },
  {
    name: 'a duplicate YAML key',
    text: edit(['        new: new\n', '        new: new\n        open: open\n']),
    path: '(yaml)',
    line: 32,
    col: 9,
    message: /Map keys must be unique/,
  },
  {
    name: 'a YAML syntax error',
    text: edit(['type: token\n        email: ${JSM_EMAIL}', 'type: "token\n        email: ${JSM_EMAIL}']),
    path: '(yaml)',
    line: 17,
    col: 21,
    message: /Missing closing "quote/,
  },
];

describe('broken mapping files', () => {
  it.each(broken)('reports $name at $path (line $line)', ({ text, path, line, col, message, count }) => {
    const problems = problemsOf(text);
    const found = problems.filter((p) => p.path === path);
    expect(found, problems.map(formatProblem).join('\n')).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'sync.yaml', line, col });
    expect(found[0]!.message).toMatch(message);
    expect(problems).toHaveLength(count ?? 1);
  });

  it('never quotes an inline secret back', () => {
    const problems = problemsOf(edit(['token: ${JSM_TOKEN}', 'token: s3cr3t-value'], ['sqlite: ${DESKBRIDGE_STORE}', 'postgres: postgres://u:hunter2@db/x']));
    const text = problems.map(formatProblem).join('\n');
    expect(problems).toHaveLength(2);
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('hunter2');
  });

  it('lists every problem of a file, in file order, not only the first', () => {
    const problems = problemsOf(
      edit(
        ['version: 1', 'version: 2'],
        ['    scope:\n', '    scopes:\n'],
        ['pending: waiting_on_customer', 'pending: waiting'],
        ['zendesk: 2nd line', 'zendesk: 3rd line'],
        ['jsm: customfield_10050', 'jsm: impact_field'],
      ),
    );
    expect(problems.map((p) => `${p.line} ${p.path}`)).toEqual([
      '2 version',
      '25 connections[0].scopes',
      '29 connections[0].statuses.zendesk',
      '32 connections[0].statuses.zendesk.pending',
      '58 connections[0].groups[1].zendesk',
      '63 connections[0].customFields[0].jsm',
    ]);
  });

  it('survives a self-referencing YAML alias', () => {
    expect(problemsOf('version: 1\nconnections: &c\n  - *c\n').map(formatProblem)).toEqual([
      'sync.yaml:3:5  connections[0]  expected a mapping, got a list',
    ]);
  });

  it('reports an empty file as one problem', () => {
    expect(problemsOf('# nothing here\n')).toEqual([
      { file: 'sync.yaml', line: 1, col: 1, path: '(root)', message: 'the file is empty (expected a mapping with version and connections)' },
    ]);
  });
});

describe('value maps and warnings', () => {
  it('warns when two Zendesk values map onto one JSM value of a field that flows back', () => {
    const result = parseConfigText(edit(['{ impact_low: Low, impact_high: High }', '{ impact_low: Low, impact_none: Low }']), 'sync.yaml', FULL_ENV);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.path, w.line])).toEqual([['connections[0].customFields[0].values.impact_none', 64]]);
  });

  it('formats a problem as file:line:col, path and what was expected', () => {
    const [problem] = problemsOf(edit(['pending: waiting_on_customer', 'pending: waiting'])).filter((p) => p.path.endsWith('pending'));
    expect(formatProblem(problem!)).toBe(
      'sync.yaml:32:9  connections[0].statuses.zendesk.pending  "waiting" is not a canonical status (expected one of: new, open, waiting_on_customer, on_hold, resolved, closed) (did you mean "waiting_on_customer"?)',
    );
  });

  it('quotes a key that is not a plain name in the path', () => {
    const problems = problemsOf(edit(['Waiting for customer: waiting_on_customer', 'Waiting for customer: waiting']));
    expect(problems.map((p) => p.path)).toContain('connections[0].statuses.jsm["Waiting for customer"]');
  });
});
