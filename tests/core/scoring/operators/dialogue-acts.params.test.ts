/**
 * The v3 parameters of the dialogue-act operators, with acts scripted per text so each case
 * states what the classifier said: a complaint also read as a question is a neutral question
 * (`neutralQuestionAt`), unless it carries anger; absent, as v2 shipped, it stays a complaint.
 */
import type { ScoringFacts, TurnActs } from '@core/scoring/scoring.types';
import { check, conversation, fakeText, msg } from '../support/factories';

/** Acts by exact text: [act, probability] pairs, the first the main act. */
function scripted(table: Record<string, [string, number][]>): ScoringFacts {
  return {
    text: {
      ...fakeText,
      acts: (text): TurnActs => {
        const pairs = table[text] ?? [['other', 0.9]];
        return {
          primary: pairs[0][0],
          acts: pairs.filter(([, p]) => p >= 0.5).map(([a]) => a),
          probabilities: Object.fromEntries(pairs),
        };
      },
    },
  };
}

const facts = scripted({
  能不能先把黑色的发过来: [
    ['complaint', 0.95],
    ['question', 0.3],
  ],
  怎么还没发货: [
    ['complaint', 0.95],
    ['question', 0.3],
    ['anger', 0.6],
  ],
  箱子里全是油: [
    ['complaint', 0.95],
    ['question', 0.02],
  ],
});

const chat = (line: string) =>
  conversation([msg('customer', 0, line), msg('agent', 10, '您看一下订单页面'), msg('customer', 20, line)]);

describe('unsoothed: neutralQuestionAt', () => {
  const when = (extra: Record<string, unknown> = {}) => ({
    op: 'unsoothed',
    params: { words: ['抱歉'], minConfidence: 0.8, ...extra },
  });

  it('reads a complaint that is also likely a question as a neutral question', () => {
    expect(check(when({ neutralQuestionAt: 0.1 }), chat('能不能先把黑色的发过来'), facts).held).toBe(false);
  });

  it('keeps it a complaint without the parameter (v2) or when the question is unlikely', () => {
    expect(check(when(), chat('能不能先把黑色的发过来'), facts).held).toBe(true);
    expect(check(when({ neutralQuestionAt: 0.1 }), chat('箱子里全是油'), facts).held).toBe(true);
  });

  it('never excuses anger', () => {
    expect(check(when({ neutralQuestionAt: 0.1 }), chat('怎么还没发货'), facts).held).toBe(true);
  });
});

describe('act (customer-negative): neutralQuestionAt', () => {
  const when = (extra: Record<string, unknown> = {}) => ({
    op: 'act',
    params: { role: 'customer', acts: ['complaint', 'anger'], scope: 'lastSubstantive', minConfidence: 0.5, ...extra },
  });

  it('does not read a last neutral question as negative', () => {
    expect(check(when({ neutralQuestionAt: 0.1 }), chat('能不能先把黑色的发过来'), facts).held).toBe(false);
    expect(check(when(), chat('能不能先把黑色的发过来'), facts).held).toBe(true);
    expect(check(when({ neutralQuestionAt: 0.1 }), chat('怎么还没发货'), facts).held).toBe(true);
  });
});
