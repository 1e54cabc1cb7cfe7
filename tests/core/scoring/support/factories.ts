import type { Conversation, ConversationMessage, MessageRole, PiiFinding, ScoreResult } from '@core/model';
import { compileScorecard, scoreConversation } from '@core/scoring/scoring.engine';
import type { Condition, ScorecardInput } from '@core/scoring/scorecard.schema';
import type { ScoringFacts, TextAnalyzers } from '@core/scoring/scoring.types';

export const T0 = Date.UTC(2025, 4, 6, 2, 0, 0);

type Extra = Partial<Omit<ConversationMessage, 'role' | 'at' | 'text'>>;

/** A message `sec` seconds after T0. */
export function msg(role: MessageRole, sec: number, text: string, extra: Extra = {}): ConversationMessage {
  return { role, at: T0 + sec * 1000, text, ...extra };
}
export const customer = (sec: number, text: string, extra?: Extra) => msg('customer', sec, text, extra);
export const agent = (sec: number, text: string, extra?: Extra) => msg('agent', sec, text, extra);

let seq = 0;
export function conversation(messages: ConversationMessage[], overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: `conv-${++seq}`,
    channel: 'mp-kf',
    customerId: 'oUpF8uTEST',
    agentId: 'agent-1',
    messages,
    ...overrides,
  };
}

/** A PII finding over `needle` in a message's (masked) text. */
export function piiAt(text: string, needle: string, type: PiiFinding['type'], by: MessageRole): PiiFinding {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`${needle} not in ${text}`);
  return { type, start, end: start + needle.length, by };
}

export type RuleInput = ScorecardInput['sections'][number]['rules'][number];

export function rule(id: string, when: Condition, overrides: Partial<RuleInput> = {}): RuleInput {
  return { id, name: `规则${id}`, when, points: -10, ...overrides };
}

/** One-section scorecard around the given rules. */
export function scorecard(rules: RuleInput[], overrides: Partial<ScorecardInput> = {}): ScorecardInput {
  return {
    id: 'test-card',
    version: 1,
    status: 'published',
    name: '测试评分卡',
    passThreshold: 80,
    sections: [{ id: 'main', name: '主要', weight: 1, rules }],
    ...overrides,
  };
}

/** Scores one condition as a per-occurrence rule `r`: the hits are the condition's evidence. */
export function check(when: Condition, conv: Conversation, facts?: ScoringFacts): ScoreResult & { held: boolean } {
  const result = scoreConversation(
    compileScorecard(scorecard([rule('r', when, { points: -1, per: 'occurrence' })])),
    conv,
    facts,
  );
  return { ...result, held: result.hits.length > 0 };
}

/**
 * A stand-in for the text package's sentiment model, injected at the edge like the real one:
 * deterministic word cues so each test states exactly which messages count as what.
 */
export const fakeText: TextAnalyzers = {
  sentiment(text) {
    if (/太差|垃圾|气死|太慢|失望|破|我就打|我要投诉/.test(text)) return { label: 'negative', pPositive: 0.1 };
    if (/谢谢|满意|太好了|棒/.test(text)) return { label: 'positive', pPositive: 0.9 };
    return { label: 'neutral', pPositive: 0.5 };
  },
};
