import type { Conversation, ScoreResult } from '@core/model';
import { hitKey, newReview, type Review } from '@core/inspection/review.model';
import { compileScorecard, scoreConversation } from '@core/scoring/scoring.engine';
import { parseScorecard, type Scorecard } from '@core/scoring/scorecard.schema';
import { agent, conversation, customer } from '../../scoring/support/factories';

export const NOW = Date.UTC(2026, 11, 1, 2, 0, 0);
export const DAY = 86_400_000;

const kw = (words: string[]) => ({ op: 'keywords', params: { words, role: 'agent' } });

/**
 * Two sections, shares 60 and 40 of 100, pass at 80:
 *   service     wait   「稍等」 −5 per occurrence, cap 10
 *               rude   「不知道」 −10 per session
 *               thanks 「感谢」 +5 per session
 *   compliance  promise「保证」 −5, red line zeroing its section
 *               leak   「私下加」 −20, red line failing the session
 */
export const CARD: Scorecard = parseScorecard({
  id: 'review-card',
  version: 3,
  status: 'published',
  name: '人工质检测试卡',
  passThreshold: 80,
  sections: [
    {
      id: 'service',
      name: '服务',
      weight: 3,
      rules: [
        { id: 'wait', name: '让客户等待', when: kw(['稍等']), points: -5, per: 'occurrence', cap: 10 },
        { id: 'rude', name: '推诿', when: kw(['不知道']), points: -10 },
        { id: 'thanks', name: '致谢', when: kw(['感谢']), points: 5 },
        { id: 'retired', name: '停用规则', when: kw(['停用']), points: -1, enabled: false },
      ],
    },
    {
      id: 'compliance',
      name: '合规',
      weight: 2,
      rules: [
        { id: 'promise', name: '违规承诺', when: kw(['保证']), points: -5, critical: 'zero-section' },
        { id: 'leak', name: '引导私下交易', when: kw(['私下加']), points: -20, critical: 'fail-session' },
      ],
    },
  ],
});

/** Three 「稍等」 (the third past the cap), one 「保证」 (red line), one 「感谢」. */
export const CONV: Conversation = conversation(
  [
    customer(0, '你好，我的快递到哪了'),
    agent(10, '您好，请稍等，我查一下'),
    agent(20, '还请稍等片刻'),
    agent(30, '再稍等一下哦'),
    customer(40, '好吧'),
    agent(50, '我保证明天送到，感谢您的耐心'),
  ],
  { id: 'sess-1', agentId: 'agent-1' },
);

export const AUTOMATIC: ScoreResult = scoreConversation(compileScorecard(CARD), CONV);

export const ctx = { scorecard: CARD, automatic: AUTOMATIC, conversation: CONV };

/** The automatic hit of `ruleId` in message `messageIndex`. */
export function keyOf(ruleId: string, messageIndex: number, automatic: ScoreResult = AUTOMATIC): string {
  const hit = automatic.hits.find((h) => h.ruleId === ruleId && h.messageIndex === messageIndex);
  if (!hit) throw new Error(`no ${ruleId} hit in message ${messageIndex}`);
  return hitKey(hit);
}

export function draft(overrides: Partial<Review> = {}): Review {
  return {
    ...newReview({ sessionId: 'sess-1', inspectorId: 'insp-1', agentId: 'agent-1', team: 't1' }, AUTOMATIC, NOW),
    ...overrides,
  };
}

/** The stable code of the error `f` throws, or undefined when it does not throw. */
export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}
