import { platformError } from '../errors.ts';

/**
 * A recursive-descent parser for the JQL subset the simulator understands: field clauses joined by AND / OR / NOT
 * with parentheses, lists, EMPTY, functions, and ORDER BY. Syntax errors read like Jira's.
 * https://support.atlassian.com/jira-service-management-cloud/docs/use-advanced-search-with-jira-query-language-jql/
 */

export type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type Operand =
  | { kind: 'value'; value: string; pos: number }
  | { kind: 'fn'; name: string; args: string[]; pos: number }
  | { kind: 'list'; items: Operand[]; pos: number }
  | { kind: 'empty'; pos: number };

export type Clause =
  | { kind: 'and' | 'or'; items: Clause[] }
  | { kind: 'not'; clause: Clause }
  | { kind: 'term'; field: string; op: Op; operand: Operand; pos: number };

export interface SortKey {
  field: string;
  dir: 'asc' | 'desc';
  pos: number;
}

export interface Query {
  where: Clause | null;
  orderBy: SortKey[];
}

type Tok =
  | { t: 'str' | 'word'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: '(' | ')' | ','; v: string; pos: number }
  | { t: 'eof'; v: 'EOF'; pos: number };

const OPS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~'];
const WORD_END = /[\s()",'=!<>~]/;

export const jqlError = (msg: string, pos?: number) =>
  platformError(400, [`Error in the JQL Query: ${msg}${pos === undefined ? '' : ` (line 1, character ${pos + 1})`}`]);

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')' || c === ',') { out.push({ t: c, v: c, pos: i++ }); continue; }
    if (c === '"' || c === "'") {
      const start = i++;
      let v = '';
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        v += src[i++];
      }
      if (i >= src.length) throw jqlError(`The quoted string '${v}' has not been completed.`, start);
      i++;
      out.push({ t: 'str', v, pos: start });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) { out.push({ t: 'op', v: op, pos: i }); i += op.length; continue; }
    const start = i;
    while (i < src.length && !WORD_END.test(src[i]!)) i++;
    if (i === start) throw jqlError(`The character '${c}' is a reserved JQL character.`, i);
    out.push({ t: 'word', v: src.slice(start, i), pos: start });
  }
  out.push({ t: 'eof', v: 'EOF', pos: src.length });
  return out;
}

const VALID_OPS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

class Parser {
  private i = 0;
  private readonly toks: Tok[];
  constructor(toks: Tok[]) {
    this.toks = toks;
  }
  private peek(): Tok {
    return this.toks[this.i]!;
  }
  private next(): Tok {
    return this.toks[this.i++]!;
  }
  private isWord(w: string, tok = this.peek()): boolean {
    return tok.t === 'word' && tok.v.toLowerCase() === w;
  }

  query(): Query {
    let where: Clause | null = null;
    if (this.peek().t !== 'eof' && !this.isWord('order')) where = this.or();
    const orderBy: SortKey[] = [];
    if (this.isWord('order')) {
      this.next();
      if (!this.isWord('by')) throw jqlError(`Expecting 'BY' but got '${this.peek().v}'.`, this.peek().pos);
      this.next();
      for (;;) {
        const f = this.next();
        if (f.t !== 'word' && f.t !== 'str') throw jqlError(`Expecting a field name but got '${f.v}'.`, f.pos);
        let dir: 'asc' | 'desc' = 'asc';
        if (this.isWord('asc') || this.isWord('desc')) dir = this.next().v.toLowerCase() as 'asc' | 'desc';
        orderBy.push({ field: f.v, dir, pos: f.pos });
        if (this.peek().t !== ',') break;
        this.next();
      }
    }
    const end = this.peek();
    if (end.t !== 'eof') throw jqlError(`Expecting either 'OR' or 'AND' but got '${end.v}'.`, end.pos);
    return { where, orderBy };
  }

  private or(): Clause {
    const items = [this.and()];
    while (this.isWord('or')) { this.next(); items.push(this.and()); }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): Clause {
    const items = [this.not()];
    while (this.isWord('and')) { this.next(); items.push(this.not()); }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private not(): Clause {
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', clause: this.not() };
    }
    if (this.peek().t === '(') {
      this.next();
      const inner = this.or();
      const close = this.next();
      if (close.t !== ')') throw jqlError(`Expecting ')' but got '${close.v}'.`, close.pos);
      return inner;
    }
    return this.term();
  }

  private term(): Clause {
    const f = this.next();
    if (f.t !== 'word' && f.t !== 'str') throw jqlError(`Expecting a field name but got '${f.v}'.`, f.pos);
    const opTok = this.next();
    let op: Op;
    if (opTok.t === 'op' && OPS.includes(opTok.v)) op = opTok.v as Op;
    else if (this.isWord('in', opTok)) op = 'in';
    else if (this.isWord('not', opTok) && this.isWord('in')) { this.next(); op = 'not in'; }
    else if (this.isWord('is', opTok)) {
      op = 'is';
      if (this.isWord('not')) { this.next(); op = 'is not'; }
    } else if (['was', 'changed'].includes(opTok.v.toLowerCase()))
      throw jqlError(`The history operator '${opTok.v.toUpperCase()}' is not supported by the simulator.`, opTok.pos);
    else throw jqlError(`Expecting operator but got '${opTok.v}'. ${VALID_OPS}`, opTok.pos);
    return { kind: 'term', field: f.v, op, operand: this.operand(op === 'in' || op === 'not in'), pos: f.pos };
  }

  private operand(wantList: boolean): Operand {
    const tok = this.peek();
    if (tok.t === '(') {
      this.next();
      const items: Operand[] = [];
      for (;;) {
        items.push(this.operand(false));
        const sep = this.next();
        if (sep.t === ')') break;
        if (sep.t !== ',') throw jqlError(`Expecting ',' or ')' but got '${sep.v}'.`, sep.pos);
      }
      return { kind: 'list', items, pos: tok.pos };
    }
    // IN takes a list or a function returning one
    if (wantList && !(tok.t === 'word' && this.toks[this.i + 1]?.t === '(')) throw jqlError(`Expecting '(' but got '${tok.v}'.`, tok.pos);
    if (tok.t === 'str') { this.next(); return { kind: 'value', value: tok.v, pos: tok.pos }; }
    if (tok.t === 'word') {
      this.next();
      const low = tok.v.toLowerCase();
      if (low === 'empty' || low === 'null') return { kind: 'empty', pos: tok.pos };
      if (['and', 'or', 'not', 'order', 'in', 'is'].includes(low))
        throw jqlError(`Expecting either a value, list or function but got '${tok.v}'. You must surround '${tok.v}' in quotation marks to use it as a value.`, tok.pos);
      if (this.peek().t === '(') {
        this.next();
        const args: string[] = [];
        while (this.peek().t !== ')') {
          const a = this.next();
          if (a.t === 'eof') throw jqlError(`Expecting ')' but got 'EOF'.`, a.pos);
          if (a.t !== ',') args.push(a.v);
        }
        this.next();
        return { kind: 'fn', name: tok.v, args, pos: tok.pos };
      }
      return { kind: 'value', value: tok.v, pos: tok.pos };
    }
    throw jqlError(`Expecting either a value, list or function but got '${tok.v}'.`, tok.pos);
  }
}

export function parseJql(src: string): Query {
  return new Parser(lex(src)).query();
}
