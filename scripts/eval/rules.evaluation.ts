/**
 * How well the automatic verdicts agree with a human inspector's labels: per rule, precision
 * and recall with Wilson 95% intervals, the share of calm conversations that fail, and red-line
 * recall. Pure: the caller loads the corpus and supplies the scorer, so tests can run it on a
 * handful of conversations and the command on the whole labelled corpus.
 */
import { wilsonInterval, type Interval } from '../../cloudfunctions/core/stats/proportion';

/** One labelled conversation as the evaluation needs it. */
export interface LabelledCase {
  id: string;
  /** Rule ids a fair inspector says should hit. */
  expect: readonly string[];
  /** The customer never complained nor got angry. */
  calm: boolean;
  /**
   * Whether the labelled hits alone leave the conversation passing (no red line, deductions
   * within the pass mark). A calm conversation that should pass and fails is the verdict that
   * hurts most: an agent marked down for nothing.
   */
  shouldPass?: boolean;
}

/** What the automatic scoring said about the same conversation. */
export interface Verdict {
  /** Rule ids that hit (each at most once). */
  hits: ReadonlySet<string>;
  passed: boolean;
}

export interface RuleFigures {
  ruleId: string;
  /** Conversations labelled with the rule. */
  expected: number;
  /** Conversations where the rule hit. */
  predicted: number;
  truePositives: number;
  precision: Interval;
  recall: Interval;
  falsePositives: string[];
  falseNegatives: string[];
}

export interface RulesReport {
  conversations: number;
  rules: RuleFigures[];
  calm: { total: number; failed: number; share: Interval; failedIds: string[] };
  /** Calm conversations whose labels say they pass, and how many the scoring failed. */
  calmPassing: { total: number; failed: number; share: Interval; failedIds: string[] };
  redLines: { expected: number; caught: number; recall: Interval };
  goals: {
    /** Rules with at least `minExpected` labelled hits whose precision and recall reach the bar. */
    rulesMeetingBar: string[];
    rulesBelowBar: string[];
    redLineRecallIsOne: boolean;
    noCalmFails: boolean;
  };
}

export interface EvaluationOptions {
  /** Red-line rule ids (their recall is reported on its own). */
  redLineRules: readonly string[];
  /** A rule is held to the bar only with at least this many labelled hits. */
  minExpected?: number;
  bar?: number;
}

export function evaluateRules(
  cases: readonly LabelledCase[],
  verdictOf: (c: LabelledCase) => Verdict,
  options: EvaluationOptions,
): RulesReport {
  const minExpected = options.minExpected ?? 10;
  const bar = options.bar ?? 0.85;
  const byRule = new Map<string, { tp: number; fp: string[]; fn: string[]; expected: number; predicted: number }>();
  const row = (ruleId: string) => {
    let r = byRule.get(ruleId);
    if (!r) byRule.set(ruleId, (r = { tp: 0, fp: [], fn: [], expected: 0, predicted: 0 }));
    return r;
  };
  const calmFailed: string[] = [];
  let calmTotal = 0;
  const calmPassingFailed: string[] = [];
  let calmPassingTotal = 0;
  let redExpected = 0;
  let redCaught = 0;

  for (const c of cases) {
    const verdict = verdictOf(c);
    const expected = new Set(c.expect);
    for (const ruleId of expected) {
      const r = row(ruleId);
      r.expected++;
      if (verdict.hits.has(ruleId)) r.tp++;
      else r.fn.push(c.id);
      if (options.redLineRules.includes(ruleId)) {
        redExpected++;
        if (verdict.hits.has(ruleId)) redCaught++;
      }
    }
    for (const ruleId of verdict.hits) {
      const r = row(ruleId);
      r.predicted++;
      if (!expected.has(ruleId)) r.fp.push(c.id);
    }
    if (c.calm) {
      calmTotal++;
      if (!verdict.passed) calmFailed.push(c.id);
      if (c.shouldPass !== false) {
        calmPassingTotal++;
        if (!verdict.passed) calmPassingFailed.push(c.id);
      }
    }
  }

  const rules = [...byRule.entries()]
    .map(([ruleId, r]) => ({
      ruleId,
      expected: r.expected,
      predicted: r.predicted,
      truePositives: r.tp,
      precision: wilsonInterval(r.tp, r.predicted),
      recall: wilsonInterval(r.tp, r.expected),
      falsePositives: r.fp,
      falseNegatives: r.fn,
    }))
    .sort((a, b) => b.expected - a.expected || a.ruleId.localeCompare(b.ruleId));

  const held = rules.filter((r) => r.expected >= minExpected);
  const meets = (r: RuleFigures) => r.precision.estimate >= bar && r.recall.estimate >= bar;
  return {
    conversations: cases.length,
    rules,
    calm: {
      total: calmTotal,
      failed: calmFailed.length,
      share: wilsonInterval(calmFailed.length, calmTotal),
      failedIds: calmFailed,
    },
    calmPassing: {
      total: calmPassingTotal,
      failed: calmPassingFailed.length,
      share: wilsonInterval(calmPassingFailed.length, calmPassingTotal),
      failedIds: calmPassingFailed,
    },
    redLines: { expected: redExpected, caught: redCaught, recall: wilsonInterval(redCaught, redExpected) },
    goals: {
      rulesMeetingBar: held.filter(meets).map((r) => r.ruleId),
      rulesBelowBar: held.filter((r) => !meets(r)).map((r) => r.ruleId),
      redLineRecallIsOne: redCaught === redExpected,
      noCalmFails: calmPassingFailed.length === 0,
    },
  };
}
