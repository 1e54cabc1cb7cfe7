export { compileScorecard, scoreConversation, excerptOf, type CompiledScorecard } from './scoring.engine';
export {
  parseScorecard,
  formatPath,
  SCORECARD_INVALID,
  type Scorecard,
  type ScorecardInput,
  type Rule,
  type Section,
  type Condition,
} from './scorecard.schema';
export { draftFrom, publish, deepFreeze } from './scorecard.versioning';
export {
  selectScorecard,
  coversScope,
  isScoped,
  latestPublished,
  SCORECARD_NOT_FOUND,
  type ScoringScope,
  type ScorecardPrecedence,
} from './scorecard.select';
export { DEFAULT_SCORECARD_V1, DEFAULT_SCORECARD_V1_INPUT } from './default.scorecard';
/** Version 2 exactly as it shipped (commit 6516744): stored v2 scores re-score with it. */
export { DEFAULT_SCORECARD_V2, DEFAULT_SCORECARD_V2_INPUT } from './default.scorecard.v2';
/** Version 3 exactly as it shipped (commit 669f43b): stored v3 scores re-score with it. */
export { DEFAULT_SCORECARD_V3, DEFAULT_SCORECARD_V3_INPUT } from './default.scorecard.v3';
/** Version 4 exactly as it shipped (commit cb89e51): stored v4 scores re-score with it. */
export { DEFAULT_SCORECARD_V4, DEFAULT_SCORECARD_V4_INPUT } from './default.scorecard.v4';
/** Version 5 exactly as it shipped (merge 57e0e26): stored v5 scores re-score with it. */
export { DEFAULT_SCORECARD_V5, DEFAULT_SCORECARD_V5_INPUT } from './default.scorecard.v5';
/** Version 6 exactly as it shipped (commit 73747ef): stored v6 scores re-score with it. */
export { DEFAULT_SCORECARD_V6, DEFAULT_SCORECARD_V6_INPUT } from './default.scorecard.v6';
/** Version 7 exactly as it shipped (commit 1fe908a): stored v7 scores re-score with it. */
export { DEFAULT_SCORECARD_V7, DEFAULT_SCORECARD_V7_INPUT } from './default.scorecard.v7';
/** Version 8 exactly as it shipped (commit 69c897b): stored v8 scores re-score with it. */
export { DEFAULT_SCORECARD_V8, DEFAULT_SCORECARD_V8_INPUT } from './default.scorecard.v8';
/** The default scorecard in force: version 9 (default.scorecard.v9.ts says what changed). */
export {
  DEFAULT_SCORECARD_V9 as DEFAULT_SCORECARD,
  DEFAULT_SCORECARD_V9_INPUT as DEFAULT_SCORECARD_INPUT,
  DEFAULT_SCORECARD_V9,
} from './default.scorecard.v9';
/** Every shipped version of the default scorecard, oldest first: stored scores name any of them. */
export { SHIPPED_DEFAULT_SCORECARDS } from './default.scorecard.v9';
export { DEFAULT_OPERATORS, createRegistry, type OperatorRegistry } from './operators/operator.registry';
export type {
  ScoringFacts,
  TextAnalyzers,
  TextReading,
  SentimentLabel,
  Evidence,
  Outcome,
  EvalContext,
} from './scoring.types';
