/**
 * Version 9 of the default scorecard, the default in force. Version 8 shipped at commit 69c897b and
 * stays exactly as it shipped (its golden file). Version 9 is version 8 with its learned models
 * trained on twelve writers — the red-line model l3 and the act model r7 (README "The default
 * scorecard, version 9").
 * Rule ids are unchanged (reports and appeals refer to them).
 */
import { parseScorecard, type Condition, type Scorecard, type ScorecardInput } from './scorecard.schema';
import { deepFreeze } from './scorecard.versioning';
import { type RuleInput, ruleOf, withRulesReplaced } from './default.scorecard.lineage';
import { DEFAULT_SCORECARD_V1 } from './default.scorecard';
import { DEFAULT_SCORECARD_V2 } from './default.scorecard.v2';
import { DEFAULT_SCORECARD_V3 } from './default.scorecard.v3';
import { DEFAULT_SCORECARD_V4 } from './default.scorecard.v4';
import { DEFAULT_SCORECARD_V5 } from './default.scorecard.v5';
import { DEFAULT_SCORECARD_V6 } from './default.scorecard.v6';
import { DEFAULT_SCORECARD_V7 } from './default.scorecard.v7';
import { DEFAULT_SCORECARD_V8, DEFAULT_SCORECARD_V8_INPUT } from './default.scorecard.v8';

const V8 = DEFAULT_SCORECARD_V8_INPUT;

/** Version 8's red-line rule of this id with its model condition reading model l3 (same bar). */
function withModelL3(id: string): RuleInput {
  const rule = ruleOf(V8, id);
  const when = rule.when as Condition;
  if (!('any' in when)) throw new Error(`v8 ${id} is expected to be lists or the model`);
  const replaced = (c: Condition): Condition =>
    'op' in c && c.op === 'redLineModel' ? { ...c, params: { ...c.params, model: 'l3' } } : c;
  return { ...rule, when: { any: when.any.map(replaced) } };
}

/** The rules version 9 judges differently from version 8, by id (same ids, same places). */
const REPLACED: Readonly<Record<string, RuleInput>> = {
  'rude-language': withModelL3('rude-language'),
  'off-platform-transaction': withModelL3('off-platform-transaction'),
  'review-manipulation': withModelL3('review-manipulation'),
};

/** Version 9 is version 8 with the rules above replaced, reading acts by r6. */
export const DEFAULT_SCORECARD_V9_INPUT: ScorecardInput = {
  ...V8,
  version: 9,
  description:
    '适用于所有渠道与业务线的默认评分卡：服务规范、响应时效、合规风控、服务结果。第 9 版：红线学习模型 l3 与对话行为模型 r7（十二位标注者的语料）。',
  publishedAt: Date.UTC(2026, 11, 8, 2), // when it shipped
  text: { normalize: 2, acts: 'r6' },
  sections: withRulesReplaced(V8, REPLACED),
};

export const DEFAULT_SCORECARD_V9: Scorecard = deepFreeze(parseScorecard(DEFAULT_SCORECARD_V9_INPUT));

/** Every shipped version of the default scorecard, oldest first (they all count as published). */
export const SHIPPED_DEFAULT_SCORECARDS: readonly Scorecard[] = Object.freeze([
  DEFAULT_SCORECARD_V1,
  DEFAULT_SCORECARD_V2,
  DEFAULT_SCORECARD_V3,
  DEFAULT_SCORECARD_V4,
  DEFAULT_SCORECARD_V5,
  DEFAULT_SCORECARD_V6,
  DEFAULT_SCORECARD_V7,
  DEFAULT_SCORECARD_V8,
  DEFAULT_SCORECARD_V9,
]);
