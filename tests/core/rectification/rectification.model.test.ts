/** The rectification lifecycle and the timer's steps (core/rectification/rectification.model.ts). */
import {
  acknowledge,
  confirmDone,
  deadlineFor,
  REMIND_BEFORE_MS,
  timerStep,
  type Rectification,
} from '../../../cloudfunctions/core/rectification/rectification.model';
import { teamRuleFailures } from '../../../cloudfunctions/core/rectification/department.feedback';

const DAY = 86_400_000;
const T0 = 1_800_000_000_000;

function notice(patch: Partial<Rectification> = {}): Rectification {
  return {
    _id: 'r1',
    source: 'manual',
    agentId: 'kf001',
    to: 'agent-1',
    sessionId: 's1',
    problem: 'p',
    evidence: [],
    requirement: 'q',
    deadline: deadlineFor('manual', T0),
    status: 'open',
    createdBy: 'sup-1',
    createdByName: '林主管',
    createdAt: T0,
    updatedAt: T0,
    ...patch,
  };
}

describe('rectification lifecycle', () => {
  it('deadlines by source: a red line 2 days, the others 3, by hand as asked', () => {
    expect(deadlineFor('red-line', T0) - T0).toBe(2 * DAY);
    expect(deadlineFor('review', T0) - T0).toBe(3 * DAY);
    expect(deadlineFor('manual', T0, 7) - T0).toBe(7 * DAY);
  });

  it('acknowledge keeps the first time, replaces the answer; overdue stays overdue; done refuses', () => {
    const a = acknowledge(notice(), '答复一', T0 + 1);
    expect(a).toMatchObject({ status: 'acknowledged', acknowledgedAt: T0 + 1, answer: '答复一' });
    expect(acknowledge(a, '答复二', T0 + 2)).toMatchObject({ acknowledgedAt: T0 + 1, answer: '答复二' });
    expect(acknowledge(notice({ status: 'overdue' }), undefined, T0).status).toBe('overdue');
    expect(() => acknowledge(notice({ status: 'done' }), 'x', T0)).toThrow(
      expect.objectContaining({ code: 'RECTIFICATION.BAD_TRANSITION' }),
    );
  });

  it('confirm needs the agent’s acknowledgement first', () => {
    expect(() => confirmDone(notice(), 'sup-1', undefined, T0)).toThrow(
      expect.objectContaining({ code: 'RECTIFICATION.BAD_TRANSITION' }),
    );
    const done = confirmDone(notice({ status: 'overdue', acknowledgedAt: T0 }), 'sup-1', '好', T0 + 5);
    expect(done).toMatchObject({ status: 'done', doneBy: 'sup-1', doneAt: T0 + 5, doneNote: '好' });
  });

  it('timer steps: nothing early, a reminder inside the last day, overdue at the deadline, nothing when done', () => {
    const n = notice();
    expect(timerStep(n, n.deadline - REMIND_BEFORE_MS - 1)).toBeNull();
    expect(timerStep(n, n.deadline - REMIND_BEFORE_MS)).toBe('remind');
    expect(timerStep({ ...n, remindedAt: T0 }, n.deadline - 1)).toBeNull();
    expect(timerStep(n, n.deadline)).toBe('overdue');
    expect(timerStep({ ...n, status: 'overdue' }, n.deadline + DAY)).toBeNull();
    expect(timerStep({ ...n, status: 'done' }, n.deadline + DAY)).toBeNull();
    // A one-day notice was issued inside its reminder window: no reminder, only the deadline.
    const short = notice({ deadline: deadlineFor('manual', T0, 1) });
    expect(timerStep(short, T0 + 1000)).toBeNull();
  });
});

describe('department feedback: a rule failing across a team', () => {
  const sessions = (team: string, n: number, failing: number, ruleId = 'greeting-missing') =>
    Array.from({ length: n }, (_, i) => ({ team, ruleIds: i < failing ? [ruleId, ruleId] : ['other'] }));

  it('flags a rule at or above the share with enough sessions, counting a session once', () => {
    const found = teamRuleFailures([...sessions('A', 20, 6), ...sessions('B', 20, 5)]);
    expect(found).toEqual([
      { team: 'A', ruleId: 'other', failing: 14, sessions: 20, share: 0.7 },
      { team: 'A', ruleId: 'greeting-missing', failing: 6, sessions: 20, share: 0.3 },
      { team: 'B', ruleId: 'other', failing: 15, sessions: 20, share: 0.75 },
    ]);
  });

  it('says nothing for a team with too few sessions, or sessions without a team', () => {
    expect(teamRuleFailures(sessions('A', 19, 19))).toEqual([]);
    expect(teamRuleFailures(Array.from({ length: 30 }, () => ({ ruleIds: ['x'] })))).toEqual([]);
  });
});
