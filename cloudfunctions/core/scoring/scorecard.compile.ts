/**
 * Compiling a scorecard (data) once per version: its conditions become closures, cheapest part
 * first, and every keyword list of every rule goes into one automaton with the tables that file
 * a match into the keyword groups that asked for it (see keywords.scan.ts).
 */
import { DomainError } from '../errors';
import type { SectionScore, SkippedRule } from '../model';
import { combineAll, combineAny, firstHeld, negate, type CompiledCondition } from './conditions.combine';
import { AhoCorasick, foldText } from './matcher/aho-corasick';
import { DEFAULT_OPERATORS, type OperatorRegistry } from './operators/operator.registry';
import {
  parseScorecard,
  SCORECARD_INVALID,
  formatPath,
  type Condition,
  type Rule,
  type Scorecard,
  type ScorecardInput,
} from './scorecard.schema';

export interface CompiledRule {
  readonly rule: Rule;
  readonly section: number;
  readonly when: CompiledCondition;
  /** `name：`, the start of every reason the rule gives. */
  readonly reasonPrefix: string;
  /** What `skipped` says for this rule, per reason: the same few answers for every conversation. */
  readonly skippedFor: Map<string, SkippedRule>;
}

export interface CompiledScorecard {
  readonly scorecard: Scorecard;
  readonly rules: readonly CompiledRule[];
  /** Each section's share of the base score. */
  readonly sectionMax: readonly number[];
  readonly matcher: AhoCorasick;
  /** For pattern p: the keyword groups it belongs to, groupsOf[groupStart[p] .. groupStart[p+1]). */
  readonly groupStart: Int32Array;
  readonly groupsOf: Int32Array;
  /** Per pattern: its only group, or -1 when it is in several (then see groupStart/groupsOf). */
  readonly soleGroup: Int32Array;
  readonly groupCount: number;
}

/** Points and scores are kept to two decimals. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Each section's share of the base score, by weight, to two decimals. */
export function sectionShares(scorecard: Pick<Scorecard, 'sections' | 'baseScore'>): number[] {
  const weights = scorecard.sections.reduce((sum, s) => sum + s.weight, 0);
  return scorecard.sections.map((s) => round2((scorecard.baseScore * s.weight) / weights));
}

/**
 * Section scores from the points each section gained or lost: each its share plus its points,
 * clamped to [0, share]; a zeroed section (NaN points, a `zero-section` red line) scores 0. The
 * total is their sum. One definition for the engine and for an inspector's manual score.
 */
export function scoreSections(
  scorecard: Pick<Scorecard, 'sections'>,
  shares: readonly number[],
  points: ArrayLike<number>,
): { sections: SectionScore[]; total: number } {
  const sections = new Array<SectionScore>(shares.length);
  let sum = 0;
  for (let i = 0; i < shares.length; i++) {
    const s = scorecard.sections[i];
    const d = points[i];
    const score = d !== d ? 0 : round2(Math.min(shares[i], Math.max(0, shares[i] + d)));
    sections[i] = { id: s.id, name: s.name, score, max: shares[i] };
    sum += score;
  }
  return { sections, total: round2(sum) };
}

/** Collects every keyword list of the scorecard into one pattern table. */
class KeywordTable {
  readonly patterns: string[] = [];
  private readonly byFolded = new Map<string, number>();
  private readonly groupByKey = new Map<string, number>();
  readonly groups: number[][] = [];

  keywordGroup(words: readonly string[]): number {
    const ids = [...new Set(words.map((w) => this.pattern(w)))].sort((a, b) => a - b);
    const key = ids.join(',');
    let g = this.groupByKey.get(key);
    if (g === undefined) {
      g = this.groups.length;
      this.groups.push(ids);
      this.groupByKey.set(key, g);
    }
    return g;
  }

  private pattern(word: string): number {
    const folded = foldText(word);
    let id = this.byFolded.get(folded);
    if (id === undefined) {
      id = this.patterns.length;
      this.patterns.push(word);
      this.byFolded.set(folded, id);
    }
    return id;
  }
}

/** A condition ready to run, with the rough cost of running it (see OperatorDefinition.cost). */
interface CompiledPart {
  run: CompiledCondition;
  cost: number;
}

function compileCondition(
  c: Condition,
  path: (string | number)[],
  registry: OperatorRegistry,
  table: KeywordTable,
  heldOnly = false,
): CompiledPart {
  if ('all' in c || 'any' in c) {
    const all = 'all' in c;
    const list = all ? c.all : c.any;
    const parts = list.map((x, i) => compileCondition(x, [...path, all ? 'all' : 'any', i], registry, table, heldOnly));
    const runs = parts.map((p) => p.run);
    const cost = parts.reduce((sum, p) => sum + p.cost, 0);
    // Cheapest first, ties in written order. The answer does not depend on the order; only
    // how soon `all` meets a part that does not hold (and `any` under `not` one that does).
    const order = parts.map((_, i) => i).sort((a, b) => parts[a].cost - parts[b].cost || a - b);
    const byCost = order.map((i) => runs[i]);
    const positions = Int32Array.from(order);
    if (all) return { run: (ctx) => combineAll(byCost, positions, ctx), cost };
    if (heldOnly) return { run: (ctx) => firstHeld(byCost, positions, ctx), cost };
    return { run: (ctx) => combineAny(runs, ctx), cost };
  }
  if ('not' in c) {
    // Evidence under `not` is discarded, so the operators below may stop at the first finding.
    const inner = compileCondition(c.not, [...path, 'not'], registry, table, true);
    const run = inner.run;
    return { run: (ctx) => negate(run(ctx)), cost: inner.cost };
  }
  const op = registry.get(c.op);
  if (!op) throw new DomainError(SCORECARD_INVALID, `${formatPath([...path, 'op'])}: 未知的运算符「${c.op}」`);
  const parsed = op.params.safeParse(c.params ?? {});
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new DomainError(SCORECARD_INVALID, `${formatPath([...path, 'params', ...i.path])}: ${i.message}`);
  }
  const prepared = op.prepare(parsed.data, table);
  return { run: (ctx) => op.evaluate(ctx, prepared, heldOnly), cost: op.cost };
}

/** Validates and compiles a scorecard. Cache the result per (id, version): it is immutable. */
export function compileScorecard(
  input: Scorecard | ScorecardInput,
  registry: OperatorRegistry = DEFAULT_OPERATORS,
): CompiledScorecard {
  const scorecard = parseScorecard(input, registry);
  const table = new KeywordTable();
  const rules: CompiledRule[] = [];
  scorecard.sections.forEach((s, si) =>
    s.rules.forEach((rule, ri) => {
      if (!rule.enabled) return;
      rules.push({
        rule,
        section: si,
        when: compileCondition(rule.when, ['sections', si, 'rules', ri, 'when'], registry, table).run,
        reasonPrefix: `${rule.name}：`,
        skippedFor: new Map(),
      });
    }),
  );
  const sectionMax = sectionShares(scorecard);

  const groupStart = new Int32Array(table.patterns.length + 1);
  const perPattern: number[][] = table.patterns.map(() => []);
  table.groups.forEach((ids, g) => ids.forEach((p) => perPattern[p].push(g)));
  let n = 0;
  perPattern.forEach((gs, p) => {
    groupStart[p] = n;
    n += gs.length;
  });
  groupStart[table.patterns.length] = n;

  return Object.freeze({
    scorecard,
    rules,
    sectionMax,
    matcher: new AhoCorasick(table.patterns),
    groupStart,
    groupsOf: Int32Array.from(perPattern.flat()),
    soleGroup: Int32Array.from(perPattern, (gs) => (gs.length === 1 ? gs[0] : -1)),
    groupCount: table.groups.length,
  });
}
