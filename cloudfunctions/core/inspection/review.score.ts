/**
 * The manual score: the review's reading of the session on the same scorecard as the automatic
 * score, kept beside it. Automatic hits count unless rejected; added hits count with their rule's
 * points; then caps, red lines, sections and pass/fail exactly as scoring.engine.ts does, so a
 * review that changes nothing reproduces the automatic score to the cent (tested against the
 * engine on the corpus), and rejecting every hit of a rule equals scoring with the rule disabled.
 */
import { DomainError, ERROR_CODES } from '../errors';
import type { ScoreHit, ScoreResult } from '../model';
import { sortHits } from '../scoring/score.hits';
import { scoreSections, sectionShares } from '../scoring/scorecard.compile';
import type { Rule, Scorecard } from '../scoring/scorecard.schema';
import { hitKey, type AddedHit, type Review, type Verdict } from './review.model';

export interface ManualHit extends ScoreHit {
  /** `hitKey` for automatic hits, `added:<n>` for the inspector's. */
  key: string;
  source: 'automatic' | 'added';
  /** The inspector's verdict on an automatic hit (absent: not judged, counted as scored). */
  verdict?: Verdict;
  /** Set when an arbiter changed this hit's points (appeal decided `partly`). */
  adjusted?: true;
}

export interface ManualScore extends ScoreResult {
  hits: ManualHit[];
  /** Automatic hits the inspector rejected (or an appeal overturned): listed, never counted. */
  dropped: ManualHit[];
  automaticTotal: number;
  automaticPassed: boolean;
}

/**
 * Changes an arbiter made (appeal.model.ts): a hit no longer counts, or counts with other points
 * (same sign as the rule, at most its size; caps still apply on top).
 */
export type HitOverride = { drop: true } | { points: number };

function dropsHit(overrides: ReadonlyMap<string, HitOverride>, key: string): boolean {
  const o = overrides.get(key);
  return o !== undefined && 'drop' in o;
}

function pointsOverride(overrides: ReadonlyMap<string, HitOverride>, key: string): number | undefined {
  const o = overrides.get(key);
  return o !== undefined && 'points' in o ? o.points : undefined;
}

function fromAdded(rule: Rule, added: AddedHit): ManualHit {
  const h: ManualHit = {
    key: added.key,
    source: 'added',
    ruleId: rule.id,
    ruleVersion: rule.version,
    ruleName: rule.name,
    messageIndex: added.messageIndex,
    span: added.span,
    excerpt: added.excerpt,
    points: 0,
    reason: added.note ? `${rule.name}：人工补充：${added.note}` : `${rule.name}：人工补充`,
  };
  if (rule.critical) h.redLine = true;
  return h;
}

const start = (h: ScoreHit): number => h.span?.[0] ?? -1;
const end = (h: ScoreHit): number => h.span?.[1] ?? -1;

/** Message order, then span start, longer span first (score.hits.ts compareEvidence). */
function compareFindings(a: ManualHit, b: ManualHit): number {
  return (a.messageIndex ?? -1) - (b.messageIndex ?? -1) || start(a) - start(b) || end(b) - end(a);
}

/** The same finding twice (an added hit over a kept automatic one): counted once, as the engine does. */
function sameFinding(prev: ManualHit, h: ManualHit): boolean {
  if (prev.messageIndex !== h.messageIndex) return false;
  if (prev.span === null && h.span === null) return true;
  return prev.span !== null && h.span !== null && h.span[0] < prev.span[1];
}

/** Points of one rule's counted hits, written into them; returns their sum. */
function pointRule(rule: Rule, hits: ManualHit[], overrides: ReadonlyMap<string, HitOverride>): number {
  const sign = Math.sign(rule.points);
  const size = (h: ManualHit): number => {
    return Math.abs(pointsOverride(overrides, h.key) ?? rule.points);
  };
  const cap = rule.cap ?? Infinity;
  let sum = 0;
  if (rule.per === 'occurrence') {
    hits.sort(compareFindings);
    let used = 0;
    let prev: ManualHit | null = null;
    for (const h of hits) {
      // Findings past the cap, or repeating one already counted, stay listed but move no points.
      const points = prev && sameFinding(prev, h) ? 0 : Math.min(size(h), Math.max(0, cap - used));
      if (!(prev && sameFinding(prev, h))) prev = h;
      used += points;
      h.points = sign * points || 0;
      sum += h.points;
    }
    return sum;
  }
  // A per-session rule moves its points once, on its first hit (the machine's, if it kept one).
  hits.forEach((h, i) => (h.points = i === 0 ? sign * Math.min(size(h), cap) || 0 : 0));
  return hits[0].points;
}

export function manualScore(
  scorecard: Scorecard,
  automatic: ScoreResult,
  review: Review,
  overrides: ReadonlyMap<string, HitOverride> = new Map(),
): ManualScore {
  if (
    automatic.scorecardId !== scorecard.id ||
    automatic.scorecardVersion !== scorecard.version ||
    review.scorecardId !== scorecard.id ||
    review.scorecardVersion !== scorecard.version
  ) {
    throw new DomainError(
      ERROR_CODES.REVIEW_SCORECARD_MISMATCH,
      `自动评分、质检与评分卡的版本不一致（评分卡 ${scorecard.id} v${scorecard.version}）`,
    );
  }
  const verdicts = new Map(review.verdicts.map((v) => [v.key, v.verdict]));
  const byRule = new Map<string, ManualHit[]>();
  const dropped: ManualHit[] = [];
  const seen = new Set<string>();
  for (const hit of automatic.hits) {
    const key = hitKey(hit);
    seen.add(key);
    const h: ManualHit = { ...hit, key, source: 'automatic' };
    const verdict = verdicts.get(key);
    if (verdict) h.verdict = verdict;
    if (verdict === 'rejected' || dropsHit(overrides, key)) dropped.push(h);
    else byRule.set(hit.ruleId, [...(byRule.get(hit.ruleId) ?? []), h]);
  }
  for (const v of review.verdicts) {
    if (!seen.has(v.key)) throw new DomainError(ERROR_CODES.REVIEW_UNKNOWN_HIT, `自动评分中没有命中「${v.key}」`);
  }

  for (const a of review.added) {
    if (!scorecard.sections.some((s) => s.rules.some((r) => r.enabled && r.id === a.ruleId))) {
      throw new DomainError(ERROR_CODES.REVIEW_UNKNOWN_RULE, `评分卡没有规则「${a.ruleId}」`);
    }
  }

  const shares = sectionShares(scorecard);
  const points = shares.map(() => 0);
  const counted: ManualHit[] = [];
  let failed = false;
  let redLine = false;
  scorecard.sections.forEach((section, si) => {
    for (const rule of section.rules) {
      if (!rule.enabled) continue;
      const hits = byRule.get(rule.id) ?? [];
      for (const a of review.added) {
        if (a.ruleId !== rule.id) continue;
        const h = fromAdded(rule, a);
        if (dropsHit(overrides, a.key)) dropped.push(h);
        else hits.push(h);
      }
      if (hits.length === 0) continue;
      for (const h of hits) if (pointsOverride(overrides, h.key) !== undefined) h.adjusted = true;
      points[si] += pointRule(rule, hits, overrides);
      counted.push(...hits);
      if (rule.critical) {
        redLine = true;
        if (rule.critical === 'fail-session') failed = true;
        else points[si] = NaN;
      }
    }
  });

  const { sections, total } = scoreSections(scorecard, shares, points);
  const result: ManualScore = {
    scorecardId: scorecard.id,
    scorecardVersion: scorecard.version,
    total,
    passed: !failed && total >= scorecard.passThreshold,
    redLine,
    sections,
    hits: sortHits(counted) as ManualHit[],
    dropped,
    automaticTotal: automatic.total,
    automaticPassed: automatic.passed,
  };
  // Rules the machine could not decide stay listed, unless the inspector found them hit.
  const decided = new Set(review.added.map((a) => a.ruleId));
  const skipped = automatic.skipped?.filter((s) => !decided.has(s.ruleId));
  if (skipped?.length) result.skipped = skipped;
  return result;
}
