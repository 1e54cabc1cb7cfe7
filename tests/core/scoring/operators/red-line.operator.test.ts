/**
 * The `redLineModel` operator with the red-line model's answers scripted per text, so each case
 * states what the model said: a turn of the role at or above the bar holds, with the model, its
 * confidence and its cues in the note and the strongest cue highlighted; a warning the rule
 * names (`unlessMessage`) is not judged; without the model the condition cannot tell.
 */
import type { RedLineJudgement, ScoringFacts } from '@core/scoring/scoring.types';
import { agent, check, conversation, customer, fakeText } from '../support/factories';

/** Scores by exact text (absent: 0.01 for every head), with the cues the model would name. */
function scripted(table: Record<string, { scores: Record<string, number>; cues?: string[] }>): ScoringFacts {
  return {
    text: {
      ...fakeText,
      redLines: (text): RedLineJudgement => ({
        scores: table[text]?.scores ?? { rude: 0.01, 'off-platform': 0.01, 'review-reward': 0.01 },
        cues: () => table[text]?.cues ?? [],
      }),
    },
  };
}

const facts = scripted({
  嫌贵就去别家买: { scores: { rude: 0.93 }, cues: ['别家', '嫌贵'] },
  您再考虑一下: { scores: { rude: 0.55 } },
  请勿添加任何私人微信: { scores: { 'off-platform': 0.92 }, cues: ['私人'] },
  加我私人微信聊: { scores: { 'off-platform': 0.99 }, cues: ['私人', '加我'] },
  '您说「嫌贵就去别家买」是我们同事说的吗': { scores: { rude: 0.9 }, cues: ['别家'] },
  '您说，是我们同事说的吗': { scores: { rude: 0.02 } },
});

const rude = { op: 'redLineModel', params: { head: 'rude', minConfidence: 0.8 } } as const;

describe('operator redLineModel', () => {
  it('holds on an agent turn the model is sure of, naming the model, its confidence and cues, the strongest cue highlighted', () => {
    const conv = conversation([customer(0, '这个能便宜点吗'), agent(10, '嫌贵就去别家买')]);
    const r = check(rude, conv, facts);
    expect(r.held).toBe(true);
    expect(r.hits[0]).toMatchObject({ messageIndex: 1, span: [4, 6] });
    expect(r.hits[0].reason).toContain('红线模型：客服辱骂推诿（置信度 0.93，线索「别家」「嫌贵」）');
  });

  it('carries its cues on the hit as data, strongest first, and none when the model names none', () => {
    const named = check(rude, conversation([agent(0, '嫌贵就去别家买')]), facts);
    expect(named.hits[0].cues).toEqual(['别家', '嫌贵']);
    const bare = scripted({ 去别家: { scores: { rude: 0.95 } } });
    const unnamed = check(rude, conversation([agent(0, '去别家')]), bare);
    expect(unnamed.hits[0]).toMatchObject({ span: null, reason: '规则r：红线模型：客服辱骂推诿（置信度 0.95）' });
    expect(unnamed.hits[0]).not.toHaveProperty('cues');
  });

  it('does not hold below the bar, nor on the customer’s turns when the role is the agent', () => {
    expect(check(rude, conversation([agent(0, '您再考虑一下')]), facts).held).toBe(false);
    expect(check(rude, conversation([customer(0, '嫌贵就去别家买')]), facts).held).toBe(false);
  });

  it('skips a message its unlessMessage pattern matches (a warning, not an invitation)', () => {
    const when = {
      op: 'redLineModel',
      params: { head: 'off-platform', minConfidence: 0.8, unlessMessage: '(请勿|切勿).{0,6}微信' },
    } as const;
    expect(check(when, conversation([agent(0, '请勿添加任何私人微信')]), facts).held).toBe(false);
    expect(check(when, conversation([agent(0, '加我私人微信聊')]), facts).held).toBe(true);
  });

  it('with ignoreQuoted, does not read the customer’s words quoted back', () => {
    const conv = conversation([agent(0, '您说「嫌贵就去别家买」是我们同事说的吗')]);
    expect(check(rude, conv, facts).held).toBe(true);
    expect(check({ op: 'redLineModel', params: { ...rude.params, ignoreQuoted: true } }, conv, facts).held).toBe(false);
  });

  it('cannot tell without the model: the rule is skipped, not passed', () => {
    const r = check(rude, conversation([agent(0, '嫌贵就去别家买')]), { text: fakeText });
    expect(r.held).toBe(false);
    expect(r.skipped).toEqual([expect.objectContaining({ ruleId: 'r', reason: '未提供红线模型' })]);
  });

  it('refuses a bar under 0.5 and an unknown head when the scorecard is compiled', () => {
    expect(() =>
      check({ op: 'redLineModel', params: { head: 'rude', minConfidence: 0.3 } }, conversation([])),
    ).toThrow();
    expect(() => check({ op: 'redLineModel', params: { head: 'spam' } } as never, conversation([]))).toThrow();
  });
});
