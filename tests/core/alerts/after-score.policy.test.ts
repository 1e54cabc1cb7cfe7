import { evaluateAfterScore } from '../../../cloudfunctions/core/alerts/alert.policy';
import { DEFAULT_POLICY_SET } from '../../../cloudfunctions/core/alerts/alert.policy-set';
import { policiesWith, score } from './support/alert.factories';

describe('after scoring: red line and low score', () => {
  it('raises a red-line alert with the red-line hits as evidence', () => {
    const s = score({ total: 40, passed: false, redLine: true }, [
      { ruleId: 'rude-language', redLine: true, span: [0, 4], excerpt: '爱买不买' },
      { ruleId: 'greeting-missing', points: -5 },
    ]);
    const [draft, ...rest] = evaluateAfterScore(s, DEFAULT_POLICY_SET);
    expect(rest).toEqual([]);
    expect(draft).toMatchObject({ policy: 'red-line', severity: 'critical', score: 40 });
    expect(draft.evidence).toEqual([{ messageIndex: 0, span: [0, 4], excerpt: '爱买不买', ruleId: 'rude-language' }]);
  });

  it('raises a low-score alert, high below severeBelow', () => {
    expect(evaluateAfterScore(score({ total: 70, passed: false }), DEFAULT_POLICY_SET)).toEqual([
      expect.objectContaining({ policy: 'score-low', severity: 'medium' }),
    ]);
    expect(evaluateAfterScore(score({ total: 50, passed: false }), DEFAULT_POLICY_SET)).toEqual([
      expect.objectContaining({ policy: 'score-low', severity: 'high' }),
    ]);
  });

  it('follows the threshold of the policy in force', () => {
    const set = policiesWith({ id: 'score-low', severeBelow: 75 });
    expect(evaluateAfterScore(score({ total: 70, passed: false }), set)[0].severity).toBe('high');
  });

  it('raises nothing for a passed session', () => {
    expect(evaluateAfterScore(score({ total: 95, passed: true }), DEFAULT_POLICY_SET)).toEqual([]);
  });

  it('reports a failed red-line session as low score when red-line alerts are off', () => {
    const set = policiesWith({ id: 'red-line', enabled: false });
    expect(evaluateAfterScore(score({ total: 40, passed: false, redLine: true }), set)).toEqual([
      expect.objectContaining({ policy: 'score-low', severity: 'high' }),
    ]);
  });

  it('raises nothing for a failed session when low-score alerts are off', () => {
    const set = policiesWith({ id: 'score-low', enabled: false });
    expect(evaluateAfterScore(score({ total: 40, passed: false }), set)).toEqual([]);
  });
});
