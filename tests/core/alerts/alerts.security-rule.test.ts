import { readFileSync } from 'fs';
import { join } from 'path';
import { Query as MingoQuery } from 'mingo';
import { ACTION_ACCESS } from '../../../cloudfunctions/core/api.contract';
import type { Role } from '../../../cloudfunctions/core/model';
import { allows, queryAllowed, type RuleSource } from './support/security-rule.evaluator';

const RULE = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'cloudfunctions', 'database-rules', 'alerts.rules.json'), 'utf8'),
) as { read: RuleSource; write: RuleSource };

/** The `users` collection as the rule's `get()` reads it. */
const USERS: Record<string, { role: Role }> = {
  'admin-1': { role: 'admin' },
  'sup-1': { role: 'supervisor' },
  'sup-2': { role: 'supervisor' },
  'sup-3': { role: 'supervisor' },
  'insp-1': { role: 'inspector' },
  'agent-1': { role: 'agent' },
  'ex-sup': { role: 'agent' },
};
const get = (path: string) => {
  const m = /^database\.users\.(.+)$/.exec(path);
  return m ? (USERS[m[1]] ?? null) : null;
};

const alerts = [
  { _id: 'a1', status: 'new', routedTo: ['sup-1', 'sup-3'] },
  { _id: 'a2', status: 'new', routedTo: ['sup-2'] },
  { _id: 'a3', status: 'resolved', routedTo: ['sup-1'] },
];

/** The `watch()` query the supervisors' alert page uses, as the SDK serialises it. */
const watchQuery = (openid: string) => ({ routedTo: { $elemMatch: { $eq: openid } } });

describe('alerts security rule', () => {
  it('lets a supervisor read an alert routed to them', () => {
    expect(allows(RULE.read, { auth: { openid: 'sup-1' }, doc: alerts[0], get })).toBe(true);
  });

  it('refuses a supervisor an alert routed to someone else', () => {
    expect(allows(RULE.read, { auth: { openid: 'sup-1' }, doc: alerts[1], get })).toBe(false);
  });

  it('refuses a caller without an openid', () => {
    expect(allows(RULE.read, { auth: {}, doc: alerts[0], get })).toBe(false);
  });

  it('refuses a deactivated supervisor an alert routed to them (issue 14), and reads again once reactivated', () => {
    const as = (deactivated?: boolean) => (path: string) =>
      path === 'database.users.sup-1'
        ? { role: 'supervisor', ...(deactivated === undefined ? {} : { deactivated }) }
        : null;
    expect(allows(RULE.read, { auth: { openid: 'sup-1' }, doc: alerts[0], get: as(true) })).toBe(false);
    expect(allows(RULE.read, { auth: { openid: 'sup-1' }, doc: alerts[0], get: as(false) })).toBe(true);
    expect(allows(RULE.read, { auth: { openid: 'sup-1' }, doc: alerts[0], get: as() })).toBe(true);
  });

  it('lets nobody write from the client', () => {
    for (const doc of alerts) expect(allows(RULE.write, { auth: { openid: doc.routedTo[0] }, doc, get })).toBe(false);
  });

  it("accepts the watch query on the supervisor's own openid as a subset of the rule", () => {
    expect(queryAllowed(RULE.read, { openid: 'sup-1' }, watchQuery('sup-1'), get)).toBe(true);
    expect(queryAllowed(RULE.read, { openid: 'sup-1' }, { routedTo: 'sup-1', status: 'new' }, get)).toBe(true);
  });

  it("rejects queries that are not a subset: everything, another supervisor's, by status only", () => {
    expect(queryAllowed(RULE.read, { openid: 'sup-1' }, {}, get)).toBe(false);
    expect(queryAllowed(RULE.read, { openid: 'sup-1' }, watchQuery('sup-2'), get)).toBe(false);
    expect(queryAllowed(RULE.read, { openid: 'sup-1' }, { status: 'new' }, get)).toBe(false);
  });

  it('every document the accepted watch query matches is readable under the rule', () => {
    for (const openid of ['sup-1', 'sup-2', 'sup-3']) {
      const matched = new MingoQuery(watchQuery(openid)).find(alerts).all();
      expect(matched.length).toBeGreaterThan(0);
      for (const doc of matched)
        expect(allows(RULE.read, { auth: { openid }, doc: doc as Record<string, unknown>, get })).toBe(true);
    }
  });

  it('refuses an openid left in routedTo once its user is no longer a supervisor or admin', () => {
    const stale = { _id: 'a4', status: 'new', routedTo: ['ex-sup', 'o-gone'] };
    expect(allows(RULE.read, { auth: { openid: 'ex-sup' }, doc: stale, get })).toBe(false);
    expect(allows(RULE.read, { auth: { openid: 'o-gone' }, doc: stale, get })).toBe(false);
    expect(queryAllowed(RULE.read, { openid: 'ex-sup' }, watchQuery('ex-sup'), get)).toBe(false);
  });
});

/**
 * The same matrix as the api doors (tests/cloud/api.doors.test.ts): every caller × an alert of
 * their own (routed to them; for an agent, about their session) and one of someone else's.
 * Reading straight from the client (`watch()`) never reaches further than `alerts/get` through
 * the api does for that role: exactly the alerts routed to a caller the api lets in. Here every
 * "own" alert is routed to its caller, whatever the role, to show the role check is the rule's.
 */
describe('alerts security rule × the api door matrix', () => {
  type Caller = { label: string; openid?: string; role: Role | null };
  const CALLERS: Caller[] = [
    { label: 'admin', openid: 'admin-1', role: 'admin' },
    { label: 'supervisor', openid: 'sup-1', role: 'supervisor' },
    { label: 'inspector', openid: 'insp-1', role: 'inspector' },
    { label: 'agent', openid: 'agent-1', role: 'agent' },
    { label: 'unknown openid', openid: 'o-stranger', role: null },
    { label: 'no openid', role: null },
  ];
  const alertsOf = (caller: Caller) => ({
    own: { _id: 'own', agentId: 'kf001', routedTo: [caller.openid ?? 'undefined'] },
    other: { _id: 'other', agentId: 'kf006', routedTo: ['sup-2'] },
  });
  /** Whether `alerts/get` through the api serves this caller this alert (ACTION_ACCESS). */
  const apiServes = (caller: Caller, doc: { routedTo: string[] }) => {
    const scope = caller.role ? ACTION_ACCESS['alerts/get'][caller.role] : undefined;
    if (scope === 'all') return true;
    if (scope === 'routed') return caller.openid !== undefined && doc.routedTo.includes(caller.openid);
    expect(scope).toBeUndefined(); // a new scope for alerts/get needs its meaning here
    return false;
  };

  const cases = CALLERS.flatMap((caller) => (['own', 'other'] as const).map((which) => ({ caller, which })));

  it.each(cases)('$caller.label, $which alert', ({ caller, which }) => {
    const doc = alertsOf(caller)[which];
    const auth = caller.openid ? { openid: caller.openid } : {};
    const read = allows(RULE.read, { auth, doc, get });
    const routedToCaller = caller.openid !== undefined && doc.routedTo.includes(caller.openid);
    expect(read).toBe(routedToCaller && apiServes(caller, doc));
    expect(allows(RULE.write, { auth, doc, get })).toBe(false);
    const watch = queryAllowed(RULE.read, auth, watchQuery(caller.openid ?? 'undefined'), get);
    expect(watch).toBe(caller.role !== null && apiServes(caller, { routedTo: [caller.openid!] }));
  });
});
