/**
 * The audit log is append-only: no code path updates, replaces or removes an entry, and no
 * client reaches the collection (its security rule denies reads and writes; the cloud functions
 * write through the server SDK, which rules do not bind). The scan reads every cloud-function
 * source for the collection and the methods chained on it (a handle kept in a variable would
 * escape the scan: the module keeps the collection behind `audit()` alone).
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const ROOT = join(__dirname, '..', '..');
const FUNCTIONS = join(ROOT, 'cloudfunctions');
/** What may follow `collection(<auditLog>)`: appending and reading. */
const ALLOWED = new Set(['add', 'where', 'orderBy', 'skip', 'limit', 'field', 'get', 'count']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every method chained on the audit collection, with where it is. */
function auditLogCalls(text: string): string[] {
  const calls: string[] = [];
  const start = /collection\(\s*(?:COLLECTIONS\.auditLog|['"]auditLog['"])\s*\)/g;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const chain = /^\s*\.\s*(\w+)\s*\(/;
    let rest = text.slice(m.index + m[0].length);
    for (let c = chain.exec(rest); c; c = chain.exec(rest)) {
      calls.push(c[1]);
      // Skip the call's arguments (balanced parentheses) to reach the next link.
      let depth = 0;
      let i = c[0].length - 1;
      for (; i < rest.length; i++) {
        if (rest[i] === '(') depth++;
        else if (rest[i] === ')' && --depth === 0) break;
      }
      rest = rest.slice(i + 1);
    }
  }
  return calls;
}

describe('the audit log is append-only', () => {
  it('finds the chained calls it checks (the scan itself works)', () => {
    expect(auditLogCalls('db.collection(COLLECTIONS.auditLog).doc(id).update({ data: { a: f(1) } })')).toEqual([
      'doc',
      'update',
    ]);
    expect(auditLogCalls("database().collection('auditLog').where({ by }).orderBy('at', 'desc').get()")).toEqual([
      'where',
      'orderBy',
      'get',
    ]);
  });

  it('no cloud-function code does anything to it but add and read', () => {
    const found = sources(FUNCTIONS).flatMap((file) =>
      auditLogCalls(readFileSync(file, 'utf8')).map((call) => `${relative(ROOT, file)}: ${call}`),
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((f) => !ALLOWED.has(f.split(': ')[1]))).toEqual([]);
  });

  it("clients can neither read nor write it (the collection's security rule)", () => {
    const rule = JSON.parse(readFileSync(join(FUNCTIONS, 'database-rules', 'auditLog.rules.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(rule).toEqual({ read: false, write: false });
  });
});
