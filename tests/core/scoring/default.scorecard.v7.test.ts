import { DEFAULT_SCORECARD_V6 } from '@core/scoring/default.scorecard.v6';
import { DEFAULT_SCORECARD_V7 } from '@core/scoring/default.scorecard.v7';
import { compileScorecard, scoreConversation, SHIPPED_DEFAULT_SCORECARDS } from '@core/scoring';
import { redLineClassifier, type RedLineHead } from '@core/text/red-line.model';
import { ruleIdsHit as hits, said, scriptedActs, withRedLineModel } from './support/scorecard.versions';

const v6 = compileScorecard(DEFAULT_SCORECARD_V6);
const v7 = compileScorecard(DEFAULT_SCORECARD_V7);
const MODEL = withRedLineModel();

const RED_LINES: readonly { rule: string; head: RedLineHead }[] = [
  { rule: 'rude-language', head: 'rude' },
  { rule: 'off-platform-transaction', head: 'off-platform' },
  { rule: 'review-manipulation', head: 'review-reward' },
];

const rulesOf = (card: typeof DEFAULT_SCORECARD_V7) => card.sections.flatMap((s) => s.rules);
const ruleOf = (card: typeof DEFAULT_SCORECARD_V7, id: string) => rulesOf(card).find((r) => r.id === id)!;

/** Model l1's confidence (the model version 7 reads) that `line` crosses `head`. */
const confidence = (line: string, head: RedLineHead) => redLineClassifier('l1').score(line)[head];

describe("default scorecard version 7 (v6 with the learned red-line model beside the red lines' word lists)", () => {
  it('shipped after versions 1-6, reading acts by r5 (v6: r4)', () => {
    expect(DEFAULT_SCORECARD_V7).toMatchObject({ id: 'default', version: 7, text: { normalize: 2, acts: 'r5' } });
    expect(DEFAULT_SCORECARD_V6.text).toEqual({ normalize: 2, acts: 'r4' });
    expect(SHIPPED_DEFAULT_SCORECARDS.map((c) => c.version).slice(0, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(SHIPPED_DEFAULT_SCORECARDS[6]).toBe(DEFAULT_SCORECARD_V7);
    expect(rulesOf(DEFAULT_SCORECARD_V7).map((r) => r.id)).toEqual(rulesOf(DEFAULT_SCORECARD_V6).map((r) => r.id));
  });

  it('changes only the three red-line rules, adding the model as one more way to hold, and the greeting rule’s titles', () => {
    const changed = rulesOf(DEFAULT_SCORECARD_V7)
      .filter((r, i) => JSON.stringify(r) !== JSON.stringify(rulesOf(DEFAULT_SCORECARD_V6)[i]))
      .map((r) => r.id);
    expect(changed.sort()).toEqual([...RED_LINES.map((r) => r.rule), 'greeting-missing'].sort());
    const greeting = (card: typeof DEFAULT_SCORECARD_V7) => ruleOf(card, 'greeting-missing').when as { params: object };
    expect(greeting(DEFAULT_SCORECARD_V7).params).toEqual({
      ...greeting(DEFAULT_SCORECARD_V6).params,
      titles: expect.arrayContaining(['经理', '总', '工']),
    });
    for (const { rule, head } of RED_LINES) {
      const before = ruleOf(DEFAULT_SCORECARD_V6, rule);
      const after = ruleOf(DEFAULT_SCORECARD_V7, rule);
      const { when: _v7, ...rest7 } = after;
      const { when: _v6, ...rest6 } = before;
      expect(rest7).toEqual(rest6); // same name, points, critical, rule version
      const lists = 'any' in before.when ? before.when.any : [before.when];
      expect(after.when).toEqual({
        any: [
          ...lists,
          {
            op: 'redLineModel',
            params: expect.objectContaining({ head, role: 'agent', minConfidence: 0.9, model: 'l1' }),
          },
        ],
      });
    }
    // The sections and the card's own fields are version 6's, apart from its version, description and act model.
    const shell = (card: typeof DEFAULT_SCORECARD_V7) => ({
      ...card,
      version: 0,
      description: '',
      publishedAt: 0,
      text: null,
      sections: card.sections.map((s) => ({ ...s, rules: s.rules.map((r) => r.id) })),
    });
    expect(shell(DEFAULT_SCORECARD_V7)).toEqual(shell(DEFAULT_SCORECARD_V6));
  });

  it.each([
    { rule: 'rude-language', head: 'rude' as const, line: '嫌贵就去别家买，没人拦着你' },
    { rule: 'rude-language', head: 'rude' as const, line: '这都写在详情页了你自己翻' },
    { rule: 'off-platform-transaction', head: 'off-platform' as const, line: '走平台要等，私下直接办' },
    { rule: 'review-manipulation', head: 'review-reward' as const, line: '追评带图找小二领个小礼品' },
  ])('$rule holds on 「$line」, which only the model catches', ({ rule, head, line }) => {
    expect(confidence(line, head)).toBeGreaterThanOrEqual(0.9);
    expect(hits(v6, said(line), MODEL)).not.toContain(rule);
    expect(hits(v7, said(line), MODEL)).toContain(rule);
    // Without the model the rule cannot judge the turn (no word of its lists is in it).
    expect(hits(v7, said(line))).not.toContain(rule);
  });

  it.each([
    { rule: 'rude-language', head: 'rude' as const, line: '这都写在详情页了你自己翻' },
    { rule: 'off-platform-transaction', head: 'off-platform' as const, line: '走平台要等，私下直接办' },
    { rule: 'review-manipulation', head: 'review-reward' as const, line: '追评带图找小二领个小礼品' },
  ])("$rule's hit on the model's finding names 红线模型, its confidence and its cues", ({ rule, head, line }) => {
    const hit = scoreConversation(v7, said(line), MODEL).hits.find((h) => h.ruleId === rule)!;
    expect(hit).toMatchObject({ messageIndex: 1, redLine: true });
    const cues = redLineClassifier('l1').cues(line, head);
    expect(cues.length).toBeGreaterThan(0);
    expect(hit.reason).toContain('红线模型：客服');
    expect(hit.reason).toContain(`置信度 ${confidence(line, head).toFixed(2)}`);
    expect(hit.reason).toContain(`线索${cues.map((c) => `「${c}」`).join('')}`);
    // The highlight falls on the strongest cue as written.
    expect(line.slice(...hit.span!)).toBe(cues[0]);
  });

  it.each([
    { rule: 'rude-language', line: '配料表写的是花椒，你是不是不识字', words: '不识字' },
    { rule: 'off-platform-transaction', line: '加我薇 信聊，私下给您便宜', words: '加我微信' },
    { rule: 'review-manipulation', line: '给个五星好评返您十块', words: '给个五星好评返' },
  ])('$rule still holds on its word lists, with or without the model', ({ rule, line, words }) => {
    expect(hits(v7, said(line))).toContain(rule);
    expect(hits(v7, said(line), MODEL)).toContain(rule);
    const hit = scoreConversation(v7, said(line), scriptedActs({})).hits.find((h) => h.ruleId === rule)!;
    expect(hit.reason).toContain(`命中「${words}`);
    expect(hit.reason).not.toContain('红线模型');
  });

  it.each([
    { rule: 'off-platform-transaction', head: 'off-platform' as const, line: '请勿添加任何私人微信，谨防诈骗' },
    { rule: 'review-manipulation', head: 'review-reward' as const, line: '请勿相信好评返现，谨防诈骗' },
  ])('$rule does not hold on the warning 「$line」, however sure the model is', ({ rule, line }) => {
    // A model sure of every red line in this turn (and of none elsewhere): only the warning context keeps it out.
    const sureOf = (turn: string) => {
      const facts = withRedLineModel();
      facts.text = {
        ...facts.text!,
        redLines: (text: string) => {
          const p = text === turn ? 0.99 : 0.01;
          return { scores: { rude: p, 'off-platform': p, 'review-reward': p }, cues: () => [] };
        },
      };
      return facts;
    };
    expect(hits(v7, said(line), sureOf(line))).not.toContain(rule);
    expect(hits(v7, said('好的，我看一下'), sureOf('好的，我看一下'))).toContain(rule); // the same model elsewhere holds
    expect(hits(v7, said(line), MODEL)).not.toContain(rule);
    expect(hits(v6, said(line), MODEL)).not.toContain(rule);
  });
});
