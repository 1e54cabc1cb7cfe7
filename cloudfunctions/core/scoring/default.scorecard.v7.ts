/**
 * Version 7 of the default scorecard (the default from 2026-12-07 20:00 until version 8). Version 6 shipped at commit 73747ef
 * and stays exactly as it shipped (tests/core/scoring/default.scorecard.golden.test.ts); version
 * 7 is version 6 with a second opinion on the three red lines: beside each rule's word lists, the
 * learned red-line model l1 (core/text/red-line.model.ts) fails a session when it is at least 0.9
 * sure that an agent turn insults or brushes off the customer, steers them off the platform, or
 * rewards a review — the wordings no list has; and it reads dialogue acts by model r5, r4's recipe
 * trained on six writers instead of three; and a greeting after a named address (「张经理您好」)
 * counts (README "The default scorecard, version 7").
 * Rule ids are unchanged (reports and appeals refer to them).
 */
import { parseScorecard, type Condition, type Scorecard, type ScorecardInput } from './scorecard.schema';
import { deepFreeze } from './scorecard.versioning';
import { type RuleInput, paramsOf, ruleOf, withRulesReplaced } from './default.scorecard.lineage';
import { WARNING_CONTEXT_V5 } from './default.scorecard.v5';
import { DEFAULT_SCORECARD_V6_INPUT } from './default.scorecard.v6';

/**
 * How sure the model must be of one agent turn. Chosen on training data only: 5-fold over the
 * labelled agent turns (scripts/eval/red-line-turns.ts --cv: at 0.9, 13 of 625 clean turns failed,
 * 17 at 0.8, 12 at 0.95; rude recall 0.70, 0.76, 0.64) and leave-one-writer-out on the tuning half
 * (scripts/text/train-red-lines.ts: the lists or the model found 156 of the 167 red-line
 * conversations of the writers the lists were not written for, the lists alone 143, with no false
 * conversation added there).
 */
const RED_LINE_MIN_CONFIDENCE_V7 = 0.9;

/**
 * Version 6's rule of this id with the model's judgement of `head` as one more way to hold. The
 * model reads characters, not negation: off-platform and review rewards skip a warning as their
 * word lists do (「请勿添加私人微信」「不参与好评返现」), and rudeness does not read quoted words.
 */
function withModel(id: string, head: 'rude' | 'off-platform' | 'review-reward'): RuleInput {
  const rule = ruleOf(DEFAULT_SCORECARD_V6_INPUT, id);
  const model: Condition = {
    op: 'redLineModel',
    params: {
      head,
      role: 'agent',
      minConfidence: RED_LINE_MIN_CONFIDENCE_V7,
      model: 'l1',
      // Rude: the customer's words quoted back are not the agent's (as the word list's ignoreQuoted).
      ...(head === 'rude' ? { ignoreQuoted: true } : { unlessMessage: WARNING_CONTEXT_V5 }),
    },
  };
  const lists = rule.when as Condition;
  return { ...rule, when: { any: 'any' in lists ? [...lists.any, model] : [lists, model] } };
}

/**
 * Titles a B2B or service agent addresses a named customer by: 「张经理您好」 greets as 「亲，您好」
 * does (version 6 read the name as words before the greeting and found none at the start).
 */
const NAMED_TITLES_V7 = ['经理', '总', '老师', '工', '先生', '女士', '小姐', '姐', '哥', '老板', '主任', '同学'];

/** The rules version 7 judges differently from version 6, by id (same ids, same places). */
const REPLACED: Readonly<Record<string, RuleInput>> = {
  'greeting-missing': {
    ...ruleOf(DEFAULT_SCORECARD_V6_INPUT, 'greeting-missing'),
    when: {
      op: 'opening',
      params: { ...paramsOf(DEFAULT_SCORECARD_V6_INPUT, 'greeting-missing', 'opening'), titles: NAMED_TITLES_V7 },
    },
  },
  'rude-language': withModel('rude-language', 'rude'),
  'off-platform-transaction': withModel('off-platform-transaction', 'off-platform'),
  'review-manipulation': withModel('review-manipulation', 'review-reward'),
};

/** Version 7 is version 6 with the red-line rules above replaced, reading acts by r5. */
export const DEFAULT_SCORECARD_V7_INPUT: ScorecardInput = {
  ...DEFAULT_SCORECARD_V6_INPUT,
  version: 7,
  description:
    '适用于所有渠道与业务线的默认评分卡：服务规范、响应时效、合规风控、服务结果。第 7 版：红线规则在词表之外增加学习模型的判断（辱骂推诿、引导私下交易、好评返利的新说法）；对话行为模型 r5（六位标注者的语料）。',
  publishedAt: Date.UTC(2026, 11, 7, 20), // when it shipped
  text: { normalize: 2, acts: 'r5' },
  sections: withRulesReplaced(DEFAULT_SCORECARD_V6_INPUT, REPLACED),
};

/** Version 7 exactly as it shipped (commit 1fe908a): stored v7 scores re-score with it. */
export const DEFAULT_SCORECARD_V7: Scorecard = deepFreeze(parseScorecard(DEFAULT_SCORECARD_V7_INPUT));
