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
/** The default scorecard in force: version 2 (default.scorecard.v2.ts says what changed). */
export {
  DEFAULT_SCORECARD_V2 as DEFAULT_SCORECARD,
  DEFAULT_SCORECARD_V2_INPUT as DEFAULT_SCORECARD_INPUT,
  DEFAULT_SCORECARD_V2,
} from './default.scorecard.v2';
export { DEFAULT_OPERATORS, createRegistry, type OperatorRegistry } from './operators/operator.registry';
export type { ScoringFacts, TextAnalyzers, SentimentLabel, Evidence, Outcome, EvalContext } from './scoring.types';
