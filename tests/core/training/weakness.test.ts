/** The weakness profile and the recommendations with their reason, on a constructed team. */
import { weaknessProfile, type RuleOutcome } from '../../../cloudfunctions/core/training/weakness';
import type { TrainingItem } from '../../../cloudfunctions/core/kb/kb.model';

const item = (id: string, ruleIds: string[]): TrainingItem => ({
  _id: id,
  title: `课程 ${id}`,
  link: '',
  description: '',
  ruleIds,
  skills: [],
  updatedBy: 'admin-1',
  updatedAt: 0,
});

/** `n` sessions of `agentId`, the first `k` failing `rule`. */
const sessions = (agentId: string, n: number, fails: Record<string, number>): RuleOutcome[] =>
  Array.from({ length: n }, (_, i) => ({
    sessionId: `${agentId}-${i}`,
    agentId,
    at: i,
    failedRules: Object.entries(fails).flatMap(([rule, k]) => (i < k ? [rule] : [])),
  }));

describe('weaknessProfile', () => {
  // kf001: 12/40 slow replies; the team (kf001 + 3 colleagues, 200 sessions): 16/200 = 8%.
  // Everyone fails greeting at about the same rate: a team problem, no recommendation.
  const team = [
    ...sessions('kf001', 40, { 'slow-reply': 12, greeting: 10 }),
    ...sessions('kf002', 60, { 'slow-reply': 2, greeting: 15 }),
    ...sessions('kf003', 50, { 'slow-reply': 1, greeting: 12 }),
    ...sessions('kf004', 50, { 'slow-reply': 1, greeting: 13 }),
  ];
  const names = new Map([
    ['slow-reply', '回复超时'],
    ['greeting', '未问候'],
  ]);
  const catalogue = [
    item('t-speed', ['slow-reply']),
    item('t-greet', ['greeting']),
    item('t-both', ['slow-reply', 'greeting']),
  ];

  it('counts failures and rates against the team and recommends with the reason', () => {
    const p = weaknessProfile({ agentId: 'kf001', days: 30, team, ruleNames: names, catalogue });
    expect(p.sessions).toBe(40);
    expect(p.teamSessions).toBe(200);
    expect(p.rules[0]).toMatchObject({
      ruleId: 'slow-reply',
      failures: 12,
      sessions: 40,
      rate: 0.3,
      teamFailures: 16,
      teamRate: 0.08,
    });
    expect(p.rules[1]).toMatchObject({
      ruleId: 'greeting',
      failures: 10,
      rate: 0.25,
      teamFailures: 50,
      teamRate: 0.25,
    });
    expect(p.recommendations.map((r) => r.itemId)).toEqual(['t-speed', 't-both']);
    expect(p.recommendations[0].reason).toBe('近30天「回复超时」规则失败 12/40 次（30%），团队为 8%');
  });

  it('recommends nothing to an agent at the team rate or with too few failures', () => {
    expect(weaknessProfile({ agentId: 'kf002', days: 30, team, ruleNames: names, catalogue }).recommendations).toEqual(
      [],
    );
    const few = [...sessions('kf009', 5, { 'slow-reply': 2 }), ...team];
    expect(
      weaknessProfile({ agentId: 'kf009', days: 30, team: few, ruleNames: names, catalogue }).recommendations,
    ).toEqual([]);
  });
});
