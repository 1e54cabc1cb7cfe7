/**
 * PLACEHOLDER scoring for the walking skeleton: two timing rules and a red-line word list, so a closed session gets a
 * score, hits with evidence and (when low) an alert. The rules-as-data engine of the scoring
 * issue replaces this module; its result shape is already the real `ScoreResult`.
 */
import type { Conversation, ScoreHit, ScoreResult } from './model';

const FIRST_RESPONSE_LIMIT_MS = 60_000;
const RUDE_WORDS = ['你自己看不懂吗', '爱买不买', '烦不烦', '滚'];

export function placeholderScore(conv: Conversation): ScoreResult {
  const hits: ScoreHit[] = [];
  const firstCustomer = conv.messages.findIndex((m) => m.role === 'customer');
  const firstAgent = conv.messages.findIndex((m, i) => m.role === 'agent' && i > firstCustomer);
  if (firstCustomer >= 0 && firstAgent < 0) {
    hits.push({
      ruleId: 'no-reply',
      ruleVersion: 1,
      messageIndex: firstCustomer,
      span: null,
      excerpt: conv.messages[firstCustomer].text.slice(0, 40),
      points: -60,
      reason: '客户消息始终未获回复',
    });
  } else if (firstCustomer >= 0) {
    const wait = conv.messages[firstAgent].at - conv.messages[firstCustomer].at;
    if (wait > FIRST_RESPONSE_LIMIT_MS) {
      hits.push({
        ruleId: 'first-response-slow',
        ruleVersion: 1,
        messageIndex: firstAgent,
        span: null,
        excerpt: conv.messages[firstAgent].text.slice(0, 40),
        points: -30,
        reason: `首次响应 ${Math.round(wait / 1000)} 秒，超过 60 秒`,
      });
    }
  }
  conv.messages.forEach((m, i) => {
    if (m.role !== 'agent') return;
    for (const word of RUDE_WORDS) {
      const at = m.text.indexOf(word);
      if (at >= 0) {
        hits.push({
          ruleId: 'rude-language',
          ruleVersion: 1,
          messageIndex: i,
          span: [at, at + word.length],
          excerpt: m.text.slice(Math.max(0, at - 10), at + word.length + 10),
          points: -100,
          reason: `坐席使用不当用语「${word}」`,
          redLine: true,
        });
      }
    }
  });
  const redLine = hits.some((h) => h.redLine);
  const total = redLine ? 0 : Math.max(0, 100 + hits.reduce((s, h) => s + h.points, 0));
  return {
    scorecardId: 'placeholder',
    scorecardVersion: 1,
    total,
    passed: !redLine && total >= 60,
    redLine,
    sections: [{ id: 'timeliness', name: '及时性', score: total, max: 100 }],
    hits,
  };
}
