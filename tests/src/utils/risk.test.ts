import type { LiveSession } from '@core/api.contract';
import { rankByRisk, riskLevel, riskScore } from '../../../src/utils/risk';
import { NOW, makeAlert, makeSession } from '../support/factories';

const MIN = 60_000;
function live(id: string, waitingMs: number, over: Partial<LiveSession> = {}): LiveSession {
  return { ...makeSession({ _id: id, status: 'open', lastAt: NOW }), waitingMs, ...over };
}
const order = (sessions: LiveSession[], alerts = [] as ReturnType<typeof makeAlert>[]) =>
  rankByRisk(sessions, alerts).map((r) => r.session._id);

describe('risk', () => {
  test('a longer wait ranks higher', () => {
    expect(order([live('short', 1 * MIN), live('long', 6 * MIN), live('none', 0)])).toEqual(['long', 'short', 'none']);
  });

  test('an open alert outranks a moderate wait, and a more severe alert ranks higher', () => {
    const alerts = [
      makeAlert({ _id: 'x', sessionId: 'medium-alert', severity: 'medium' }),
      makeAlert({ _id: 'y', sessionId: 'critical-alert', severity: 'critical' }),
    ];
    expect(order([live('waiting', 2 * MIN), live('medium-alert', 0), live('critical-alert', 0)], alerts)).toEqual([
      'critical-alert',
      'medium-alert',
      'waiting',
    ]);
  });

  test('a customer waiting beyond the reply limit (3 min) is at least medium risk, six minutes high', () => {
    expect(rankByRisk([live('w3', 3 * MIN)], [])[0].level).toBe('medium');
    expect(rankByRisk([live('w6', 6 * MIN)], [])[0].level).toBe('high');
  });

  test('closed alerts do not count', () => {
    const alerts = [makeAlert({ sessionId: 'handled', status: 'resolved', severity: 'critical' })];
    const [ranked] = rankByRisk([live('handled', 0)], alerts);
    expect(ranked.openAlerts).toEqual([]);
    expect(ranked.level).toBe('low');
  });

  test('an angry customer (an open customer-angry alert) adds to the risk', () => {
    const calm = riskScore({ waitingMs: 0, openAlerts: [{ severity: 'medium' }], negativeCustomer: false });
    const angry = riskScore({ waitingMs: 0, openAlerts: [{ severity: 'medium' }], negativeCustomer: true });
    expect(angry).toBeGreaterThan(calm);
    const [ranked] = rankByRisk(
      [live('s', 0)],
      [makeAlert({ sessionId: 's', policy: 'customer-angry', severity: 'medium' })],
    );
    expect(ranked.negativeCustomer).toBe(true);
  });

  test('the wait’s share is capped so a forgotten session cannot outrank a red line with a short wait', () => {
    const alerts = [makeAlert({ sessionId: 'red-line', severity: 'critical', policy: 'red-line' })];
    expect(order([live('forgotten', 600 * MIN), live('red-line', 2 * MIN)], alerts)).toEqual(['red-line', 'forgotten']);
  });

  test('equal risks keep the longer wait, then the latest activity first', () => {
    expect(order([live('b', 0, { lastAt: NOW - MIN }), live('a', 0, { lastAt: NOW })])).toEqual(['a', 'b']);
  });

  test('levels: 60 and above high, 25 and above medium', () => {
    expect([riskLevel(60), riskLevel(59), riskLevel(25), riskLevel(24)]).toEqual(['high', 'medium', 'medium', 'low']);
  });
});
