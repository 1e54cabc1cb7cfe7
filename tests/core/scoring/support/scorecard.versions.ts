/**
 * Helpers the default scorecard's version tests share (default.scorecard.v3-v7.test.ts).
 */
import type { Conversation } from '@core/model';
import { scoreConversation, type CompiledScorecard } from '@core/scoring';
import type { ScoringFacts, TurnActs } from '@core/scoring/scoring.types';
import { judgeRedLines } from '@core/text/red-line.model';
import { analyzeSentiment } from '@core/text/sentiment.model';
import { agent, conversation, customer } from './factories';

/** Acts by exact text (`other` for any text not in the table), for testing the rules' logic apart from the classifier's judgement. */
export function scriptedActs(table: Record<string, string[]>, probability = 0.95): ScoringFacts {
  return {
    text: {
      sentiment: analyzeSentiment,
      acts: (text): TurnActs => {
        const acts = table[text] ?? ['other'];
        return { primary: acts[0], acts, probabilities: Object.fromEntries(acts.map((a) => [a, probability])) };
      },
    },
  };
}

/** The same facts with the shipped red-line model (l1) beside them, as live scoring gives it (version 7 reads it). */
export function withRedLineModel(facts: ScoringFacts = scriptedActs({})): ScoringFacts {
  return { ...facts, text: { ...facts.text!, redLines: judgeRedLines } };
}

/** The rule ids a scorecard hits in a conversation, each once (every turn `other` unless `facts` say otherwise). */
export const ruleIdsHit = (compiled: CompiledScorecard, conv: Conversation, facts: ScoringFacts = scriptedActs({})) => [
  ...new Set(scoreConversation(compiled, conv, facts).hits.map((h) => h.ruleId)),
];

/**
 * The customer asks; the agent answers with the line alone (no greeting before it: the red-line
 * model reads the whole turn, and 「您好，」 in front weighs against a red line), then closes politely.
 */
export function said(line: string): Conversation {
  return conversation(
    [customer(0, '请问这个怎么弄'), agent(10, line), customer(30, '好的'), agent(40, '感谢您，祝您生活愉快')],
    { rating: { csat: 5, resolved: true } },
  );
}

/** The customer asks; the agent answers with the line under test, then closes politely. */
export function answered(line: string, question = '请问这个怎么弄'): Conversation {
  return conversation(
    [customer(0, question), agent(10, `您好，${line}`), customer(30, '好的'), agent(40, '感谢您，祝您生活愉快')],
    { rating: { csat: 5, resolved: true } },
  );
}
