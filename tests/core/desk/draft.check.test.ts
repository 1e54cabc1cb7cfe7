/**
 * The pre-send check names what a draft breaks: a word list's words as typed, or the red-line
 * model's cues, read from the hit's `cues` (data the operator passes through), never from the
 * wording of its reason, which an admin's rule name or a reworded note could change.
 */
import { checkDraft, describeFindings } from '@core/desk/draft.check';
import { parseScorecard, type Condition } from '@core/scoring/scorecard.schema';
import type { RedLineJudgement, TextAnalyzers } from '@core/scoring/scoring.types';
import { fakeText, rule, scorecard } from '../scoring/support/factories';

/** The model's answers scripted per text (absent: 0.01 for every head), with the cues it would name. */
function scripted(table: Record<string, { rude: number; cues: string[] }>): TextAnalyzers {
  return {
    ...fakeText,
    redLines: (text): RedLineJudgement => ({
      scores: { rude: table[text]?.rude ?? 0.01, 'off-platform': 0.01, 'review-reward': 0.01 },
      cues: () => table[text]?.cues ?? [],
    }),
  };
}

/** A red-line rule as version 7 writes one: its word list, or the model at 0.9. */
function rudeCard(name: string) {
  const when: Condition = {
    any: [
      { op: 'keywords', params: { words: ['爱买不买'], role: 'agent' } },
      { op: 'redLineModel', params: { head: 'rude', minConfidence: 0.9 } },
    ],
  };
  return parseScorecard(scorecard([rule('rude-language', when, { name, critical: 'fail-session' })]));
}

// Cues the model read but that are not in the draft as typed (across a removed space, a
// neutralised number): the finding has no span, so the check names the cues.
const models = scripted({
  你自个儿看吧: { rude: 0.95, cues: ['自己'] },
  嫌贵你自个儿看吧: { rude: 0.97, cues: ['自己', '嫌 贵'] },
});

describe('the pre-send check', () => {
  it("names the model's cue when none is found as typed", () => {
    expect(checkDraft(rudeCard('服务态度恶劣'), '你自个儿看吧', models)).toEqual([
      { ruleId: 'rude-language', ruleName: '服务态度恶劣', words: ['自己'] },
    ]);
  });

  it("names every cue of the model's hit, strongest first", () => {
    const findings = checkDraft(rudeCard('服务态度恶劣'), '嫌贵你自个儿看吧', models);
    expect(findings[0].words).toEqual(['自己、嫌 贵']);
    expect(describeFindings(findings)).toBe('「服务态度恶劣」(自己、嫌 贵)');
  });

  it("reads the cues from the hit, not its reason: a rule's name with quoted words in it changes nothing", () => {
    const card = rudeCard('线索「别问」类辱骂');
    expect(checkDraft(card, '你自个儿看吧', models)).toEqual([
      { ruleId: 'rude-language', ruleName: '线索「别问」类辱骂', words: ['自己'] },
    ]);
  });

  it("names a word list's words as typed, and nothing for a clean draft", () => {
    expect(checkDraft(rudeCard('服务态度恶劣'), '爱买不买', models)[0].words).toEqual(['爱买不买']);
    expect(checkDraft(rudeCard('服务态度恶劣'), '您好，请稍等', models)).toEqual([]);
  });
});
