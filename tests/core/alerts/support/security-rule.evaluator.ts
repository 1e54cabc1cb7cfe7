/**
 * A tiny evaluator for the WeChat Cloud security-rule expressions this project uses (`==`, `!=`,
 * `in`, `&&`, `||`, `!`, parentheses, string and array literals, `auth.*` and `doc.*`, and the
 * system function `get(path)` with a template-string path and a field of its answer, e.g.
 * ``get(`database.users.${auth.openid}`).role``), in two modes:
 * - on a stored document: may this user read/write it?
 * - on a query (WeChat's check for client queries and `watch()`): `doc` is the query's
 *   conditions, and the rule must follow from them, i.e. every document the query can match is
 *   allowed. A condition the query does not pin down is unknown, and unknown is a denial.
 */
type Expr =
  | { k: 'lit'; v: unknown }
  | { k: 'ref'; path: string[] }
  | { k: 'arr'; items: Expr[] }
  | { k: 'not'; e: Expr }
  | { k: 'tmpl'; parts: (string | Expr)[] }
  | { k: 'get'; path: Expr }
  | { k: 'member'; obj: Expr; path: string[] }
  | { k: 'bin'; op: '==' | '!=' | 'in' | '&&' | '||'; l: Expr; r: Expr };

const TOKEN = /\s*(==|!=|&&|\|\||[!()[\],]|'[^']*'|"[^"]*"|`[^`]*`|\.[A-Za-z_][\w.]*|[A-Za-z_][\w.]*)/y;

/** `` `database.users.${auth.openid}` `` → its literal parts and parsed `${…}` expressions. */
function parseTemplate(tok: string): Expr {
  const body = tok.slice(1, -1);
  const parts: (string | Expr)[] = [];
  const re = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m.index > last) parts.push(body.slice(last, m.index));
    parts.push(parseRule(m[1]));
    last = m.index + m[0].length;
  }
  if (last < body.length) parts.push(body.slice(last));
  return { k: 'tmpl', parts };
}

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const m = TOKEN.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
      throw new Error(`unexpected input at ${TOKEN.lastIndex}: ${src.slice(TOKEN.lastIndex)}`);
    }
    out.push(m[1]);
  }
  return out;
}

export function parseRule(src: string): Expr {
  const t = tokenize(src);
  let i = 0;
  const peek = () => t[i];
  const take = (want?: string) => {
    const tok = t[i++];
    if (want !== undefined && tok !== want) throw new Error(`expected ${want}, got ${tok}`);
    return tok;
  };
  const or = (): Expr => {
    let l = and();
    while (peek() === '||') l = { k: 'bin', op: (take(), '||'), l, r: and() };
    return l;
  };
  const and = (): Expr => {
    let l = cmp();
    while (peek() === '&&') l = { k: 'bin', op: (take(), '&&'), l, r: cmp() };
    return l;
  };
  const cmp = (): Expr => {
    const l = unary();
    const op = peek();
    if (op === '==' || op === '!=' || op === 'in') {
      take();
      return { k: 'bin', op, l, r: unary() };
    }
    return l;
  };
  const unary = (): Expr => {
    if (peek() === '!') {
      take();
      return { k: 'not', e: unary() };
    }
    if (peek() === '(') {
      take('(');
      const e = or();
      take(')');
      return e;
    }
    if (peek() === '[') {
      take('[');
      const items: Expr[] = [];
      while (peek() !== ']') {
        items.push(or());
        if (peek() === ',') take(',');
      }
      take(']');
      return { k: 'arr', items };
    }
    const tok = take();
    if (tok === undefined) throw new Error('unexpected end of rule');
    if (tok === 'true' || tok === 'false') return { k: 'lit', v: tok === 'true' };
    if (/^['"]/.test(tok)) return { k: 'lit', v: tok.slice(1, -1) };
    if (tok.startsWith('`')) return parseTemplate(tok);
    if (tok === 'get' && peek() === '(') {
      take('(');
      const path = or();
      take(')');
      let e: Expr = { k: 'get', path };
      while (peek()?.startsWith('.')) e = { k: 'member', obj: e, path: take().slice(1).split('.') };
      return e;
    }
    return { k: 'ref', path: tok.split('.') };
  };
  const e = or();
  if (i !== t.length) throw new Error(`trailing input: ${t.slice(i).join(' ')}`);
  return e;
}

export interface RuleEnv {
  auth: { openid?: string };
  doc: Record<string, unknown>;
  /** The database as `get('database.<collection>.<id>')` sees it: the document or null. */
  get?: (path: string) => Record<string, unknown> | null | undefined;
}

function walk(v: unknown, path: string[]): unknown {
  for (const p of path) v = v == null ? undefined : (v as Record<string, unknown>)[p];
  return v;
}

function value(e: Expr, env: RuleEnv): unknown {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'arr':
      return e.items.map((x) => value(x, env));
    case 'ref': {
      const [root, ...rest] = e.path;
      let v: unknown = root === 'auth' ? env.auth : root === 'doc' ? env.doc : undefined;
      for (const p of rest) v = v == null ? undefined : (v as Record<string, unknown>)[p];
      return v;
    }
    case 'not':
      return !value(e.e, env);
    case 'tmpl':
      return e.parts.map((p) => (typeof p === 'string' ? p : String(value(p, env)))).join('');
    case 'get': {
      const path = value(e.path, env);
      return typeof path === 'string' ? (env.get?.(path) ?? null) : null;
    }
    case 'member':
      return walk(value(e.obj, env), e.path);
    case 'bin': {
      if (e.op === '&&') return Boolean(value(e.l, env)) && Boolean(value(e.r, env));
      if (e.op === '||') return Boolean(value(e.l, env)) || Boolean(value(e.r, env));
      const l = value(e.l, env);
      const r = value(e.r, env);
      if (e.op === 'in') return l !== undefined && Array.isArray(r) && r.includes(l);
      return e.op === '==' ? l !== undefined && l === r : l !== r;
    }
  }
}

/** A rule as written in a `*.rules.json` file: a boolean or an expression. */
export type RuleSource = boolean | string;

export function allows(rule: RuleSource, env: RuleEnv): boolean {
  if (typeof rule === 'boolean') return rule;
  return Boolean(value(parseRule(rule), env));
}

/** A query condition on one field, as plain data: a value or `{ $eq }`, `{ $elemMatch: { $eq } }`, `{ $in }`. */
export type Query = Record<string, unknown>;

function docRef(e: Expr): string | null {
  return e.k === 'ref' && e.path[0] === 'doc' && e.path.length === 2 ? e.path[1] : null;
}

/** The values the query pins a scalar field to (null: not pinned). */
function pinnedValues(cond: unknown): unknown[] | null {
  if (cond === undefined) return null;
  if (cond !== null && typeof cond === 'object' && !Array.isArray(cond)) {
    const c = cond as Record<string, unknown>;
    if ('$eq' in c) return [c.$eq];
    if ('$in' in c && Array.isArray(c.$in)) return c.$in;
    return null;
  }
  return [cond];
}

/** Whether the query makes an array field contain `x` in every match. */
function forcesContains(cond: unknown, x: unknown): boolean {
  if (cond === undefined) return false;
  if (cond !== null && typeof cond === 'object' && !Array.isArray(cond)) {
    const c = cond as Record<string, unknown>;
    if ('$elemMatch' in c) {
      const m = c.$elemMatch as Record<string, unknown>;
      return m !== null && typeof m === 'object' && '$eq' in m && m.$eq === x;
    }
    if ('$all' in c && Array.isArray(c.$all)) return c.$all.includes(x);
    return false;
  }
  // `{ field: x }` on an array field matches the documents whose array contains x.
  return cond === x;
}

/** Does the rule hold for every document the query can match? */
export function queryAllowed(rule: RuleSource, auth: RuleEnv['auth'], query: Query, get?: RuleEnv['get']): boolean {
  if (typeof rule === 'boolean') return rule;
  const proves = (e: Expr): boolean => {
    if (e.k === 'lit') return e.v === true;
    if (e.k === 'bin' && e.op === '&&') return proves(e.l) && proves(e.r);
    if (e.k === 'bin' && e.op === '||') return proves(e.l) || proves(e.r);
    if (e.k === 'bin' && e.op === 'in') {
      const field = docRef(e.r);
      if (field) return forcesContains(query[field], value(e.l, { auth, doc: {}, get }));
      const own = docRef(e.l);
      if (own) {
        const allowed = value(e.r, { auth, doc: {}, get });
        const pinned = pinnedValues(query[own]);
        return Array.isArray(allowed) && pinned !== null && pinned.every((v) => allowed.includes(v));
      }
      return Boolean(value(e, { auth, doc: {}, get }));
    }
    if (e.k === 'bin' && e.op === '==') {
      const field = docRef(e.l) ?? docRef(e.r);
      if (field) {
        const other = value(docRef(e.l) ? e.r : e.l, { auth, doc: {}, get });
        const pinned = pinnedValues(query[field]);
        return other !== undefined && pinned !== null && pinned.length > 0 && pinned.every((v) => v === other);
      }
      return Boolean(value(e, { auth, doc: {}, get }));
    }
    // `!=` and `!` over document fields cannot be proven from positive conditions.
    if (e.k === 'ref' && e.path[0] === 'doc') return false;
    return e.k !== 'not' && Boolean(value(e, { auth, doc: {}, get }));
  };
  return proves(parseRule(rule));
}
