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
export { selectScorecard, SCORECARD_NOT_FOUND, type ScoringScope } from './scorecard.select';
export { DEFAULT_SCORECARD, DEFAULT_SCORECARD_INPUT } from './default.scorecard';
export { DEFAULT_OPERATORS, createRegistry, type OperatorRegistry } from './operators/operator.registry';
export type { ScoringFacts, TextAnalyzers, SentimentLabel, Evidence, Outcome, EvalContext } from './scoring.types';
