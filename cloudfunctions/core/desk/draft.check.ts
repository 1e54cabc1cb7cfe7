/**
 * The pre-send red-line check: an agent's draft judged by the red-line rules of the scorecard in
 * force, exactly as the live red-line alert judges a sent message (core/alerts/alert.live.ts:
 * `compileRedLineRules`, the scoring engine's matcher with its normalisation, exclusions and
 * negation). No second keyword list: a rule an admin edits changes this check with it.
 */
import { compileRedLineRules } from '../alerts/alert.live';
import { scoreConversation, type Scorecard, type TextAnalyzers } from '../scoring';

/** One red-line rule the draft would break, with the words that broke it (as typed). */
export interface RedLineFinding {
  ruleId: string;
  ruleName: string;
  words: string[];
}

/**
 * The red-line rules `text` breaks when sent by an agent; empty when it is clean. With `models`
 * (their `redLines`), the learned red-line model judges the draft too (scorecard v7 on), and its
 * finding names the cue it read.
 */
export function checkDraft(scorecard: Scorecard, text: string, models?: TextAnalyzers): RedLineFinding[] {
  const compiled = compileRedLineRules(scorecard);
  if (!compiled || text.trim().length === 0) return [];
  const result = scoreConversation(
    compiled,
    { id: 'draft', channel: 'mp-kf', customerId: 'draft', messages: [{ role: 'agent', at: 0, text }] },
    models?.redLines ? { text: models } : {},
  );
  const byRule = new Map<string, RedLineFinding>();
  for (const hit of result.hits) {
    const rule = compiled.rules.find((r) => r.rule.id === hit.ruleId)?.rule;
    const finding = byRule.get(hit.ruleId) ?? { ruleId: hit.ruleId, ruleName: rule?.name ?? hit.ruleId, words: [] };
    // The words the hit highlights: a word list's words, or the model's strongest cue (its reason names
    // the others); the model's cues (carried by the hit as data) when it found none as typed.
    const word = hit.span ? text.slice(hit.span[0], hit.span[1]) : (hit.cues?.join('、') ?? hit.excerpt);
    if (word && !finding.words.includes(word)) finding.words.push(word);
    byRule.set(hit.ruleId, finding);
  }
  return [...byRule.values()];
}

/** The refusal's wording: names each rule and its words, so the agent sees what to change. */
export function describeFindings(findings: readonly RedLineFinding[]): string {
  return findings.map((f) => `「${f.ruleName}」(${f.words.join('、')})`).join('；');
}
