import type { ScoreHit, SectionScore } from '@core/model';

/**
 * The score as a waterfall: from the full marks through every deduction and bonus to the total.
 * Pure geometry so the view only draws bars and a test can check every number.
 */

export type WaterfallKind = 'base' | 'deduction' | 'bonus' | 'adjustment' | 'total';

export interface WaterfallStep {
  kind: WaterfallKind;
  /** What the bar stands for: the rule's name for hits. */
  label: string;
  /** Detail under the label: the hit's reason, or why an adjustment was needed. */
  detail?: string;
  ruleId?: string;
  /** Signed change for deductions, bonuses and adjustments; the value itself for base and total. */
  points: number;
  /** Running score before and after this step; base and total start at 0. */
  start: number;
  end: number;
  /** The message a hit points to (null for whole-session findings and non-hit steps). */
  messageIndex: number | null;
  redLine: boolean;
  /** The hit behind a deduction or bonus: its excerpt and span are the evidence. */
  hit?: ScoreHit;
  /** Bar position on the chart's axis, in percent of its width. */
  offsetPct: number;
  widthPct: number;
}

export interface Waterfall {
  steps: WaterfallStep[];
  /** The axis: the lowest and highest value any bar reaches. */
  min: number;
  max: number;
}

export interface WaterfallInput {
  total: number;
  hits: ScoreHit[];
  sections?: SectionScore[];
}

/**
 * The rule's display name, as the hit carries it; the rule id for a hit without one (scores
 * stored before hits named their rule).
 */
export function ruleNameOf(hit: Pick<ScoreHit, 'ruleName' | 'ruleId'>): string {
  return hit.ruleName || hit.ruleId;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Builds the steps. The base is the scorecard's full marks (the sections' maxima, else 100).
 * Hits that moved no points are left out unless they are red lines, which are always shown.
 * Sections are clamped to [0, max] and a red line may zero a section, so the hits alone need
 * not add up to the total: the difference becomes one explicit adjustment step rather than
 * bars that silently disagree with the total.
 */
export function buildWaterfall(score: WaterfallInput): Waterfall {
  const base =
    score.sections && score.sections.length > 0 ? round2(score.sections.reduce((s, x) => s + x.max, 0)) : 100;
  const raw: Array<Omit<WaterfallStep, 'offsetPct' | 'widthPct'>> = [
    { kind: 'base', label: '满分', points: base, start: 0, end: base, messageIndex: null, redLine: false },
  ];
  let running = base;
  for (const hit of score.hits) {
    if (hit.points === 0 && !hit.redLine) continue;
    const end = round2(running + hit.points);
    raw.push({
      kind: hit.points > 0 ? 'bonus' : 'deduction',
      label: ruleNameOf(hit),
      detail: hit.reason,
      ruleId: hit.ruleId,
      points: hit.points,
      start: running,
      end,
      messageIndex: hit.messageIndex,
      redLine: hit.redLine === true,
      hit,
    });
    running = end;
  }
  const gap = round2(score.total - running);
  if (gap !== 0) {
    const redLine = score.hits.some((h) => h.redLine);
    raw.push({
      kind: 'adjustment',
      label: redLine ? '红线清零' : '分项封顶',
      detail: redLine ? '触犯红线，所在分项记 0 分' : '各分项得分限定在 0 到满分之间',
      points: gap,
      start: running,
      end: score.total,
      messageIndex: null,
      redLine,
    });
  }
  raw.push({
    kind: 'total',
    label: '总分',
    points: score.total,
    start: 0,
    end: score.total,
    messageIndex: null,
    redLine: false,
  });

  const min = Math.min(0, ...raw.map((s) => Math.min(s.start, s.end)));
  const max = Math.max(base, ...raw.map((s) => Math.max(s.start, s.end)));
  const span = max - min || 1;
  const steps = raw.map((s) => ({
    ...s,
    offsetPct: round2(((Math.min(s.start, s.end) - min) / span) * 100),
    widthPct: round2((Math.abs(s.end - s.start) / span) * 100),
  }));
  return { steps, min, max };
}
