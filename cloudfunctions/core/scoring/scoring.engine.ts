/**
 * The scoring engine: a scorecard (data) is compiled once per version into closures and one
 * keyword automaton; a conversation is then scored by a pure function whose result carries its
 * evidence (rule id and version, message, span, masked excerpt, points, reason).
 */
import { DomainError } from '../errors';
import type {
  Conversation,
  ConversationMessage,
  MessageRole,
  ScoreHit,
  ScoreResult,
  SectionScore,
  SkippedRule,
} from '../model';
import { AhoCorasick, MatchList, foldText } from './matcher/aho-corasick';
import { DEFAULT_OPERATORS, type OperatorRegistry } from './operators/operator.registry';
import { NOT_HELD } from './operators/operator.types';
import {
  parseScorecard,
  SCORECARD_INVALID,
  formatPath,
  type Condition,
  type Rule,
  type Scorecard,
  type ScorecardInput,
} from './scorecard.schema';
import type { EvalContext, Evidence, KeywordMatch, MemoKey, Outcome, ScoringFacts } from './scoring.types';

type CompiledCondition = (ctx: EvalContext) => Outcome;

interface CompiledRule {
  rule: Rule;
  section: number;
  when: CompiledCondition;
}

export interface CompiledScorecard {
  readonly scorecard: Scorecard;
  readonly rules: readonly CompiledRule[];
  /** Each section's share of the base score. */
  readonly sectionMax: readonly number[];
  readonly matcher: AhoCorasick;
  /** For pattern p: the keyword groups it belongs to, groupsOf[groupStart[p] .. groupStart[p+1]). */
  readonly groupStart: readonly number[];
  readonly groupsOf: readonly number[];
  readonly groupCount: number;
  /** Per pattern: bit 1 = starts with an ASCII letter or digit, bit 2 = ends with one. */
  readonly edges: readonly number[];
  /** One null per keyword group: the empty bucket table a conversation starts from. */
  readonly noBuckets: readonly null[];
}

const EMPTY: readonly KeywordMatch[] = Object.freeze([]);

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

function compileCondition(
  c: Condition,
  path: (string | number)[],
  registry: OperatorRegistry,
  table: KeywordTable,
  heldOnly = false,
): CompiledCondition {
  if ('all' in c) {
    const parts = c.all.map((x, i) => compileCondition(x, [...path, 'all', i], registry, table, heldOnly));
    return (ctx) => {
      // Most conjunctions fail: the evidence list is only built once every part has held.
      let held: Outcome[] | null = null;
      let missing: Outcome | null = null;
      for (const part of parts) {
        const o = part(ctx);
        if (o.held === false) return NOT_HELD;
        if (o.held === null) missing ??= o;
        else (held ??= []).push(o);
      }
      // An unknown part leaves the conjunction unknown, for the same reason (its outcome, as is).
      if (missing !== null) return missing;
      return { held: true, evidence: held === null ? [] : joined(held) };
    };
  }
  if ('any' in c) {
    const parts = c.any.map((x, i) => compileCondition(x, [...path, 'any', i], registry, table, heldOnly));
    return (ctx) => {
      let held: Outcome[] | null = null;
      let missing: Outcome | null = null;
      // Every branch runs: a rule hit lists all of its evidence, not only the first branch's.
      for (const part of parts) {
        const o = part(ctx);
        if (o.held === true) (held ??= []).push(o);
        else if (o.held === null) missing ??= o;
      }
      if (held !== null) return { held: true, evidence: joined(held) };
      return missing ?? NOT_HELD;
    };
  }
  if ('not' in c) {
    // Evidence under `not` is discarded, so the operators below may stop at the first finding.
    const inner = compileCondition(c.not, [...path, 'not'], registry, table, true);
    return (ctx) => {
      const o = inner(ctx);
      return o.held === null ? o : { held: !o.held, evidence: [] };
    };
  }
  const op = registry.get(c.op);
  if (!op) throw new DomainError(SCORECARD_INVALID, `${formatPath([...path, 'op'])}: 未知的运算符「${c.op}」`);
  const parsed = op.params.safeParse(c.params ?? {});
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new DomainError(SCORECARD_INVALID, `${formatPath([...path, 'params', ...i.path])}: ${i.message}`);
  }
  const prepared = op.prepare(parsed.data, table);
  return (ctx) => op.evaluate(ctx, prepared, heldOnly);
}

/** The evidence of several outcomes, in order, in a fresh array (operators' arrays may be shared). */
function joined(outcomes: readonly Outcome[]): Evidence[] {
  const evidence: Evidence[] = [];
  for (const o of outcomes) for (const e of o.evidence) evidence.push(e);
  return evidence;
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
        when: compileCondition(rule.when, ['sections', si, 'rules', ri, 'when'], registry, table),
      });
    }),
  );
  const weights = scorecard.sections.reduce((sum, s) => sum + s.weight, 0);
  const sectionMax = scorecard.sections.map((s) => round2((scorecard.baseScore * s.weight) / weights));

  const groupStart: number[] = new Array(table.patterns.length + 1).fill(0);
  const perPattern: number[][] = table.patterns.map(() => []);
  table.groups.forEach((ids, g) => ids.forEach((p) => perPattern[p].push(g)));
  let n = 0;
  perPattern.forEach((gs, p) => {
    groupStart[p] = n;
    n += gs.length;
  });
  groupStart[table.patterns.length] = n;
  const groupsOf = perPattern.flat();

  const edges = table.patterns.map(
    (w) => (isAlnum(w.charCodeAt(0)) ? 1 : 0) | (isAlnum(w.charCodeAt(w.length - 1)) ? 2 : 0),
  );

  return Object.freeze({
    edges,
    noBuckets: table.groups.map(() => null),
    scorecard,
    rules,
    sectionMax,
    matcher: new AhoCorasick(table.patterns),
    groupStart,
    groupsOf,
    groupCount: table.groups.length,
  });
}

function isAlnum(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xff10 && c <= 0xff19) ||
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a)
  );
}

/**
 * Latin and digit keywords match whole tokens only: 「12345」 (a hotline) must not fire inside
 * order number 2025050612345678901, nor 「vx」 inside a longer latin word. Chinese has no such
 * boundary, so CJK edges are free.
 */
function onTokenBoundary(text: string, start: number, end: number, edge: number): boolean {
  if (edge & 1 && start > 0 && isAlnum(text.charCodeAt(start - 1))) return false;
  if (edge & 2 && end < text.length && isAlnum(text.charCodeAt(end))) return false;
  return true;
}

/** Index of a role in the per-role counters (a switch: cheaper than a keyed lookup per message). */
function roleSlot(role: MessageRole): number {
  switch (role) {
    case 'customer':
      return 0;
    case 'agent':
      return 1;
    case 'system':
      return 2;
    default:
      return 3;
  }
}

/**
 * The keyword matches of the conversation being scored. Shared by all scorings: a context
 * consumes it in its constructor, before any other conversation can be scored (the engine is
 * synchronous), so one buffer serves them all without allocating.
 */
const scratchMatches = new MatchList();

/**
 * The per-conversation view operators read. A class rather than an object of closures: it is
 * built once per scored conversation, so it must cost next to nothing to create.
 */
class ConversationContext implements EvalContext {
  readonly messages: readonly ConversationMessage[];
  readonly roleOrdinal: number[];
  private readonly counts = [0, 0, 0, 0];
  private readonly buckets: (KeywordMatch[] | null)[];
  private memos: unknown[] | null = null;

  constructor(
    compiled: CompiledScorecard,
    readonly conversation: Conversation,
    readonly facts: ScoringFacts,
  ) {
    const messages = conversation.messages;
    this.messages = messages;
    const counts = this.counts;
    const roleOrdinal = new Array<number>(messages.length);
    const found = scratchMatches;
    found.clear();
    const matcher = compiled.matcher;
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      roleOrdinal[i] = counts[roleSlot(m.role)]++;
      // The one pass over the text: every keyword of every rule at once.
      matcher.scanInto(m.text, i, found);
    }
    this.roleOrdinal = roleOrdinal;
    const buckets: (KeywordMatch[] | null)[] = compiled.noBuckets.slice();
    const { groupStart, groupsOf, edges } = compiled;
    const patterns = matcher.patterns;
    const flat = found.data;
    for (let k = 0; k < found.length; k += 3) {
      const messageIndex = flat[k];
      const p = flat[k + 1];
      const word = patterns[p];
      const start = flat[k + 2];
      const end = start + word.length;
      if (edges[p] !== 0 && !onTokenBoundary(messages[messageIndex].text, start, end, edges[p])) continue;
      const match: KeywordMatch = { messageIndex, start, end, word };
      for (let j = groupStart[p]; j < groupStart[p + 1]; j++) {
        const g = groupsOf[j];
        const b = buckets[g];
        if (b === null) buckets[g] = [match];
        else {
          // The scan reports matches by end position; keep each bucket ordered by start.
          const last = b[b.length - 1];
          if (last.messageIndex === messageIndex && (last.start > start || (last.start === start && last.end > end))) {
            b.push(match);
            b.sort(byPosition);
          } else b.push(match);
        }
      }
    }
    this.buckets = buckets;
  }

  memo<T>(key: MemoKey<T>): T {
    const memos = (this.memos ??= []);
    let value = memos[key.slot];
    if (value === undefined) memos[key.slot] = value = key.compute(this);
    return value as T;
  }

  roleCount(role: MessageRole): number {
    return this.counts[roleSlot(role)];
  }

  matches(group: number): readonly KeywordMatch[] {
    return this.buckets[group] ?? EMPTY;
  }
}

function byPosition(a: KeywordMatch, b: KeywordMatch): number {
  return a.messageIndex - b.messageIndex || a.start - b.start || a.end - b.end;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

const EXCERPT_CONTEXT = 12;
const EXCERPT_WHOLE = 40;

/** Text around the evidence, from the masked message text only. */
export function excerptOf(conversation: Conversation, e: Pick<Evidence, 'messageIndex' | 'span'>): string {
  if (e.messageIndex === null) return '';
  const text = conversation.messages[e.messageIndex]?.text ?? '';
  if (!e.span) return text.length > EXCERPT_WHOLE ? `${text.slice(0, EXCERPT_WHOLE)}…` : text;
  const from = Math.max(0, e.span[0] - EXCERPT_CONTEXT);
  const to = Math.min(text.length, e.span[1] + EXCERPT_CONTEXT);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

function compareEvidence(a: Evidence, b: Evidence): number {
  return (
    (a.messageIndex ?? -1) - (b.messageIndex ?? -1) ||
    (a.span?.[0] ?? -1) - (b.span?.[0] ?? -1) ||
    (b.span?.[1] ?? -1) - (a.span?.[1] ?? -1)
  );
}

/**
 * Evidence in message order, each finding once: two branches of a rule that point at overlapping
 * text (「保证」 and 「保证明天一定到」) are one finding, counted once.
 */
function sortEvidence(evidence: Evidence[]): Evidence[] {
  if (evidence.length < 2) return evidence;
  // Operators mostly report in text order already; a stable sort would then change nothing.
  let ordered = true;
  for (let i = 1; i < evidence.length && ordered; i++) ordered = compareEvidence(evidence[i - 1], evidence[i]) <= 0;
  const sorted = ordered ? evidence : evidence.slice().sort(compareEvidence);
  const out: Evidence[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.messageIndex === e.messageIndex) {
      if (prev.span === null && e.span === null) continue;
      if (prev.span && e.span && e.span[0] < prev.span[1]) continue;
    }
    out.push(e);
  }
  return out;
}

function hit(
  rule: Rule,
  conversation: Conversation,
  e: Pick<Evidence, 'messageIndex' | 'span'>,
  points: number,
  reason: string,
): ScoreHit {
  // Built as a literal: object spread is the slowest thing on this hot path.
  const h: ScoreHit = {
    ruleId: rule.id,
    ruleVersion: rule.version,
    messageIndex: e.messageIndex,
    span: e.span,
    excerpt: excerptOf(conversation, e),
    points: points === 0 ? 0 : points,
    reason,
  };
  if (rule.critical) h.redLine = true;
  return h;
}

const NO_EVIDENCE: Evidence = { messageIndex: null, span: null, note: '' };

function before(a: Evidence, b: Evidence): boolean {
  return (
    a.messageIndex! < b.messageIndex! ||
    (a.messageIndex === b.messageIndex && (a.span?.[0] ?? -1) < (b.span?.[0] ?? -1))
  );
}

/** Appends the hits of a rule that held to `hits`. */
function addHits(hits: ScoreHit[], conversation: Conversation, rule: Rule, outcome: Outcome): void {
  const cap = rule.cap ?? Infinity;
  const sign = Math.sign(rule.points);
  const size = Math.abs(rule.points);
  if (rule.per === 'occurrence' && outcome.evidence.length > 0) {
    let used = 0;
    for (const e of sortEvidence(outcome.evidence)) {
      // Findings past the cap stay listed (they are evidence) but move no points.
      const points = Math.min(size, Math.max(0, cap - used));
      used += points;
      hits.push(hit(rule, conversation, e, sign * points, `${rule.name}：${e.note}`));
    }
    return;
  }
  // One hit for the session, anchored at the earliest finding in a message. Findings in messages
  // explain a hit better than the guards around them (「客服消息数 ≥ 1」), so they give the reason.
  let anchor: Evidence | null = null;
  const notes: string[] = [];
  for (const e of outcome.evidence) {
    if (e.messageIndex === null) continue;
    if (anchor === null || before(e, anchor)) anchor = e;
    if (!notes.includes(e.note)) notes.push(e.note);
  }
  if (anchor === null) {
    anchor = outcome.evidence[0] ?? NO_EVIDENCE;
    for (const e of outcome.evidence) if (!notes.includes(e.note)) notes.push(e.note);
  }
  const detail =
    notes.length === 1
      ? notes[0]
      : notes.length <= 3
        ? notes.join('；')
        : `${notes.slice(0, 3).join('；')} 等 ${notes.length} 处`;
  hits.push(
    hit(rule, conversation, anchor, sign * Math.min(size, cap), detail ? `${rule.name}：${detail}` : rule.name),
  );
}

function compareHits(a: ScoreHit, b: ScoreHit): number {
  return (
    (a.messageIndex ?? -1) - (b.messageIndex ?? -1) ||
    (a.span?.[0] ?? -1) - (b.span?.[0] ?? -1) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * Stable insertion sort: a conversation has a handful of hits, mostly already in order, and for
 * that this beats Array.prototype.sort's general machinery. Same order as a stable sort.
 */
function sortHits(hits: ScoreHit[]): ScoreHit[] {
  for (let i = 1; i < hits.length; i++) {
    const h = hits[i];
    let j = i - 1;
    while (j >= 0 && compareHits(hits[j], h) > 0) {
      hits[j + 1] = hits[j];
      j--;
    }
    hits[j + 1] = h;
  }
  return hits;
}

/**
 * Scores one conversation. Pure: the same compiled scorecard, conversation and facts give the
 * same result, hits in a stable order (message, span, rule id).
 */
export function scoreConversation(
  compiled: CompiledScorecard,
  conversation: Conversation,
  facts: ScoringFacts = {},
): ScoreResult {
  const { scorecard, sectionMax } = compiled;
  const ctx = new ConversationContext(compiled, conversation, facts);
  const delta = new Array<number>(sectionMax.length).fill(0);
  const zeroed = new Array<boolean>(sectionMax.length).fill(false);
  let failed = false;
  let redLine = false;
  const hits: ScoreHit[] = [];
  const skipped: SkippedRule[] = [];

  const rules = compiled.rules;
  for (let r = 0; r < rules.length; r++) {
    const { rule, section, when } = rules[r];
    const outcome = when(ctx);
    if (outcome.held === null) {
      skipped.push({ ruleId: rule.id, ruleVersion: rule.version, reason: outcome.missing ?? '条件无法判定' });
      continue;
    }
    if (!outcome.held) continue;
    const first = hits.length;
    addHits(hits, conversation, rule, outcome);
    for (let k = first; k < hits.length; k++) delta[section] += hits[k].points;
    if (rule.critical) {
      redLine = true;
      if (rule.critical === 'fail-session') failed = true;
      else zeroed[section] = true;
    }
  }

  const sections: SectionScore[] = scorecard.sections.map((s, i) => ({
    id: s.id,
    name: s.name,
    score: zeroed[i] ? 0 : round2(Math.min(sectionMax[i], Math.max(0, sectionMax[i] + delta[i]))),
    max: sectionMax[i],
  }));
  const total = round2(sections.reduce((sum, s) => sum + s.score, 0));
  const result: ScoreResult = {
    scorecardId: scorecard.id,
    scorecardVersion: scorecard.version,
    total,
    passed: !failed && total >= scorecard.passThreshold,
    redLine,
    sections,
    hits: sortHits(hits),
  };
  if (skipped.length) result.skipped = skipped;
  return result;
}
