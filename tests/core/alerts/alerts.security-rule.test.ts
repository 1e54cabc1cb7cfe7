import { readFileSync } from 'fs';
import { join } from 'path';
import { Query as MingoQuery } from 'mingo';
import { allows, queryAllowed, type RuleSource } from './support/security-rule.evaluator';

const RULE = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'cloudfunctions', 'database-rules', 'alerts.rules.json'), 'utf8'),
) as { read: RuleSource; write: RuleSource };

const alerts = [
  { _id: 'a1', status: 'new', routedTo: ['sup-1', 'sup-3'] },
  { _id: 'a2', status: 'new', routedTo: ['sup-2'] },
  { _id: 'a3', status: 'resolved', routedTo: ['sup-1'] },
];

/** The `watch()` query the supervisors' alert page uses, as the SDK serialises it. */
const watchQuery = (openid: string) => ({ routedTo: { $elemMatch: { $eq: openid } } });

describe('alerts security rule', () => {
  it('lets a supervisor read an alert routed to them', () => {
    expect(allows(RULE.read, { auth: { openid: 'sup-1' }, doc: alerts[0] })).toBe(true);
  });

  it('refuses a supervisor an alert routed to someone else', () => {
    expect(allows(RULE.read, { auth: { openid: 'sup-1' }, doc: alerts[1] })).toBe(false);
  });

  it('refuses a caller without an openid', () => {
    expect(allows(RULE.read, { auth: {}, doc: alerts[0] })).toBe(false);
  });

  it('lets nobody write from the client', () => {
    for (const doc of alerts) expect(allows(RULE.write, { auth: { openid: doc.routedTo[0] }, doc })).toBe(false);
  });

  it("accepts the watch query on the supervisor's own openid as a subset of the rule", () => {
    expect(queryAllowed(RULE.read, { openid: 'sup-1' }, watchQuery('sup-1'))).toBe(true);
    expect(queryAllowed(RULE.read, { openid: 'sup-1' }, { routedTo: 'sup-1', status: 'new' })).toBe(true);
  });

  it("rejects queries that are not a subset: everything, another supervisor's, by status only", () => {
    expect(queryAllowed(RULE.read, { openid: 'sup-1' }, {})).toBe(false);
    expect(queryAllowed(RULE.read, { openid: 'sup-1' }, watchQuery('sup-2'))).toBe(false);
    expect(queryAllowed(RULE.read, { openid: 'sup-1' }, { status: 'new' })).toBe(false);
  });

  it('every document the accepted watch query matches is readable under the rule', () => {
    for (const openid of ['sup-1', 'sup-2', 'sup-3']) {
      const matched = new MingoQuery(watchQuery(openid)).find(alerts).all();
      expect(matched.length).toBeGreaterThan(0);
      for (const doc of matched)
        expect(allows(RULE.read, { auth: { openid }, doc: doc as Record<string, unknown> })).toBe(true);
    }
  });
});
