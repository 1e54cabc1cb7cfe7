/**
 * The scoring engine: a scorecard (data) is compiled once per version into closures and one
 * keyword automaton (scorecard.compile.ts); a conversation is then scored by a pure function
 * whose result carries its evidence (rule id, version and name, message, span, masked excerpt,
 * points, reason).
 *
 * The parts: compiling (scorecard.compile.ts), combining conditions (conditions.combine.ts), the
 * one keyword pass (keywords.scan.ts), the per-conversation context and its reused buffers
 * (scoring.context.ts), and turning outcomes into hits (score.hits.ts).
 */
import type { Conversation, ScoreHit, ScoreResult, SkippedRule } from '../model';
import { addHits, skippedEntry, sortHits } from './score.hits';
import { scoreSections, type CompiledScorecard } from './scorecard.compile';
import { ScoringContext } from './scoring.context';
import type { ScoringFacts } from './scoring.types';

export { compileScorecard, type CompiledScorecard } from './scorecard.compile';
export { excerptOf } from './score.hits';

/**
 * One context serves every scoring: the engine is synchronous and a context is used only while
 * its conversation is scored, so its buffers are reused instead of allocated per conversation.
 */
const context = new ScoringContext();

/**
 * Scores one conversation. Pure: the same compiled scorecard, conversation and facts give the
 * same result, hits in a stable order (message, span, rule id).
 */
export function scoreConversation(
  compiled: CompiledScorecard,
  conversation: Conversation,
  facts: ScoringFacts = {},
): ScoreResult {
  const { scorecard, sectionMax, rules } = compiled;
  const ctx = context.load(compiled, conversation, facts);
  const points = ctx.sectionPoints;
  let failed = false;
  let redLine = false;
  const hits: ScoreHit[] = [];
  let skipped: SkippedRule[] | null = null;

  for (let r = 0; r < rules.length; r++) {
    const compiledRule = rules[r];
    const { rule, section } = compiledRule;
    const outcome = compiledRule.when(ctx);
    if (outcome.held === null) {
      (skipped ??= []).push(skippedEntry(compiledRule, outcome.missing ?? '条件无法判定'));
      continue;
    }
    if (!outcome.held) continue;
    const first = hits.length;
    addHits(hits, conversation, compiledRule, outcome);
    for (let k = first; k < hits.length; k++) points[section] += hits[k].points;
    if (rule.critical) {
      redLine = true;
      if (rule.critical === 'fail-session') failed = true;
      else points[section] = NaN;
    }
  }

  const { sections, total } = scoreSections(scorecard, sectionMax, points);
  const result: ScoreResult = {
    scorecardId: scorecard.id,
    scorecardVersion: scorecard.version,
    total,
    passed: !failed && total >= scorecard.passThreshold,
    redLine,
    sections,
    hits: sortHits(hits),
  };
  if (skipped !== null) result.skipped = skipped;
  return result;
}
