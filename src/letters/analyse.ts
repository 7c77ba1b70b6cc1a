import Handlebars from 'handlebars';
import { BUILT_IN_HELPERS, HELPER_NAMES } from './helpers.js';
import type { Mode, TemplateSource, TemplateStore } from './templates.js';

/** One problem at one line of one template file: `file:line: rule: text`. */
export interface Finding {
  file: string;
  line: number;
  rule: string;
  text: string;
}

/** What a template may name, inferred from a context where every list and option is filled in. */
export type Shape = { kind: 'scalar' } | { kind: 'any' } | { kind: 'object'; keys: Map<string, Shape> } | { kind: 'array'; of: Shape };

export function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return { kind: 'array', of: value.length > 0 ? shapeOf(value[0]) : { kind: 'any' } };
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', keys: new Map(Object.entries(value).map(([k, v]) => [k, shapeOf(v)])) };
  }
  return { kind: 'scalar' };
}

/** Template source: an optional `---` block with `subject:`, then the body. Lines are the file's. */
export function splitTemplate(source: string): { subject: string; subjectLine: number; body: string; bodyLine: number } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (!m) return { subject: '', subjectLine: 1, body: source, bodyLine: 1 };
  const front = m[1]!.split(/\r?\n/);
  const at = front.findIndex((l) => /^subject:/.test(l));
  const subject = at < 0 ? '' : front[at]!.replace(/^subject:\s*/, '').trim();
  return { subject, subjectLine: at + 2, body: source.slice(m[0].length), bodyLine: m[0].split('\n').length };
}

/** The line a Handlebars parse error names ("Parse error on line 3"), else 1. */
export function parseErrorLine(e: unknown): number {
  return Number(/line (\d+)/.exec((e as Error).message)?.[1] ?? 1);
}

/**
 * Syntax trees by source text: a partial is analysed once per letter that calls it, in each
 * mode, and `run` analyses every template before drafting. The walk only reads the trees.
 */
const trees = new Map<string, hbs.AST.Program>();
function parsed(text: string): hbs.AST.Program {
  let ast = trees.get(text);
  if (!ast) {
    ast = Handlebars.parse(text);
    if (trees.size >= 1000) trees.clear();
    trees.set(text, ast);
  }
  return ast;
}

interface Scope {
  shape: Shape;
  /** Data variables (`@index`) valid here. */
  data: Set<string>;
  blockParams: Map<string, Shape>;
}

const HELPERS = new Set<string>([...HELPER_NAMES, ...BUILT_IN_HELPERS]);
const ROOT_DATA = new Set(['root']);
const EACH_DATA = new Set(['root', 'index', 'first', 'last', 'key']);

/**
 * Reads a template's syntax tree and reports every name it cannot resolve: a variable the
 * letter context does not have, a helper or a partial that does not exist. Strict mode finds
 * the same at render time, but only on the paths a sample happens to take, and Handlebars
 * looks up helper arguments leniently (`{{#if personalNot}}` is quietly false).
 */
export class Analyser {
  readonly findings: Finding[] = [];
  /** Partial files reached, per mode, for the tone check. */
  readonly partials: Record<Mode, TemplateSource[]> = { text: [], html: [] };
  private readonly stack: string[] = [];

  constructor(
    private readonly store: TemplateStore,
    private readonly lang: string,
    private readonly root: Shape,
  ) {}

  /** Analyses a letter template's subject and body in both modes. */
  letter(src: TemplateSource): void {
    const { subject, subjectLine, body, bodyLine } = splitTemplate(src.text);
    this.source(src, subject, subjectLine, 'text');
    for (const mode of ['text', 'html'] as const) this.source(src, body, bodyLine, mode);
  }

  private source(src: TemplateSource, text: string, firstLine: number, mode: Mode, scopes?: Scope[]): void {
    let ast: hbs.AST.Program;
    try {
      ast = parsed(text);
    } catch (e) {
      this.add(src.path, firstLine + parseErrorLine(e) - 1, 'syntax', (e as Error).message.split('\n').pop()!);
      return;
    }
    const top = scopes ?? [{ shape: this.root, data: ROOT_DATA, blockParams: new Map() }];
    new Walk(this, src.path, firstLine - 1, mode, top).program(ast);
  }

  add(file: string, line: number, rule: string, text: string): void {
    if (!this.findings.some((f) => f.file === file && f.line === line && f.text === text)) this.findings.push({ file, line, rule, text });
  }

  /** A partial call: check it exists, then analyse it in the caller's scope. */
  partial(name: string, mode: Mode, scopes: Scope[]): boolean {
    const src = this.store.partial(this.lang, name, mode);
    if (!src) return false;
    if (!this.partials[mode].some((p) => p.path === src.path)) this.partials[mode].push(src);
    if (this.stack.includes(src.path)) return true; // a partial that includes itself: once is enough
    this.stack.push(src.path);
    this.source(src, src.text, 1, mode, scopes);
    this.stack.pop();
    return true;
  }
}

class Walk {
  constructor(
    private readonly a: Analyser,
    private readonly file: string,
    private readonly offset: number,
    private readonly mode: Mode,
    private scopes: Scope[],
  ) {}

  private line(node: hbs.AST.Node): number {
    return this.offset + (node.loc?.start.line ?? 1);
  }

  program(p: hbs.AST.Program | undefined): void {
    for (const s of p?.body ?? []) this.statement(s);
  }

  private statement(s: hbs.AST.Statement): void {
    switch (s.type) {
      case 'MustacheStatement':
      case 'SubExpression':
        return this.call(s as hbs.AST.MustacheStatement);
      case 'BlockStatement':
        return this.block(s as hbs.AST.BlockStatement);
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return this.partial(s as hbs.AST.PartialStatement);
    }
  }

  private expression(e: hbs.AST.Expression): Shape {
    if (e.type === 'SubExpression') {
      this.call(e as hbs.AST.SubExpression);
      return { kind: 'any' };
    }
    if (e.type === 'PathExpression') return this.resolve(e as hbs.AST.PathExpression);
    return { kind: 'scalar' };
  }

  private args(n: { params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }): void {
    for (const p of n.params) this.expression(p);
    for (const pair of n.hash?.pairs ?? []) this.expression(pair.value);
  }

  /** `{{name}}`, `{{helper arg}}` or `(helper arg)`. */
  private call(m: hbs.AST.MustacheStatement | hbs.AST.SubExpression): void {
    if (m.path.type !== 'PathExpression') return;
    const path = m.path as hbs.AST.PathExpression;
    const hasArgs = m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0 || m.type === 'SubExpression';
    if (this.isHelper(path)) this.args(m);
    else if (hasArgs) this.a.add(this.file, this.line(m), 'strict', `unknown helper "${path.original}"`);
    else this.resolve(path);
  }

  private isHelper(p: hbs.AST.PathExpression): boolean {
    return !p.data && p.depth === 0 && p.parts.length === 1 && HELPERS.has(p.parts[0]!) && !this.scopes[0]!.blockParams.has(p.parts[0]!);
  }

  private block(b: hbs.AST.BlockStatement): void {
    const name = b.path.original;
    let inner: Shape | null = null;
    let data = this.scopes[0]!.data;
    if (this.isHelper(b.path)) {
      const shapes = b.params.map((p) => this.expression(p));
      for (const pair of b.hash?.pairs ?? []) this.expression(pair.value);
      if (name === 'each') {
        const s = shapes[0] ?? { kind: 'any' };
        inner = s.kind === 'array' ? s.of : { kind: 'any' };
        data = EACH_DATA;
      } else if (name === 'with') inner = shapes[0] ?? { kind: 'any' };
    } else if (b.params.length > 0) {
      this.a.add(this.file, this.line(b), 'strict', `unknown helper "${name}"`);
    } else {
      // A section, `{{#invoices}}…{{/invoices}}`: iterates a list, enters an object.
      const s = this.resolve(b.path);
      inner = s.kind === 'array' ? s.of : s.kind === 'object' ? s : null;
    }
    const params = new Map<string, Shape>(b.program?.blockParams?.map((n, i) => [n, i === 0 && inner ? inner : { kind: 'any' }]) ?? []);
    if (inner) this.scopes = [{ shape: inner, data, blockParams: params }, ...this.scopes];
    this.program(b.program);
    if (inner) this.scopes = this.scopes.slice(1);
    this.program(b.inverse);
  }

  private partial(p: hbs.AST.PartialStatement): void {
    if (p.name.type !== 'PathExpression') return; // a dynamic partial name: nothing to check statically
    const scope = p.params[0] ? { ...this.scopes[0]!, shape: this.expression(p.params[0]) } : this.scopes[0]!;
    for (const pair of p.hash?.pairs ?? []) this.expression(pair.value);
    const name = (p.name as hbs.AST.PathExpression).original;
    if (!this.a.partial(name, this.mode, [scope, ...this.scopes.slice(1)])) {
      this.a.add(this.file, this.line(p), 'strict', `unknown partial "${name}"`);
    }
    if (p.type === ('PartialBlockStatement' as string)) this.program((p as unknown as hbs.AST.PartialBlockStatement).program);
  }

  /** The shape a path names, reporting the first part that does not exist. */
  private resolve(p: hbs.AST.PathExpression): Shape {
    const problem = (what: string): Shape => {
      this.a.add(this.file, this.line(p), 'strict', `unknown variable "${what}"`);
      return { kind: 'any' };
    };
    let parts = p.parts;
    let shape: Shape;
    if (p.data) {
      const scope = this.scopes[p.depth] ?? this.scopes[this.scopes.length - 1]!;
      if (parts[0] === 'root') shape = this.scopes[this.scopes.length - 1]!.shape;
      else if (scope.data.has(parts[0]!)) return { kind: 'scalar' };
      else return problem(`@${p.parts.join('.')}`);
      parts = parts.slice(1);
    } else {
      const scope = this.scopes[p.depth];
      if (!scope) return problem(p.original);
      if (p.depth === 0 && parts.length > 0 && scope.blockParams.has(parts[0]!)) {
        shape = scope.blockParams.get(parts[0]!)!;
        parts = parts.slice(1);
      } else shape = scope.shape;
    }
    for (const part of parts) {
      if (shape.kind === 'any') return shape;
      if (shape.kind === 'object' && shape.keys.has(part)) shape = shape.keys.get(part)!;
      else if (shape.kind === 'array' && part === 'length') shape = { kind: 'scalar' };
      else if (shape.kind === 'array' && /^\d+$/.test(part)) shape = shape.of;
      else return problem(p.original);
    }
    return shape;
  }
}
