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
import { memoSlotCount, NOT_HELD } from './operators/operator.types';
import {
  parseScorecard,
  SCORECARD_INVALID,
  formatPath,
  type Condition,
  type Rule,
  type Scorecard,
  type ScorecardInput,
} from './scorecard.schema';
import type { EvalContext, Evidence, MatchTable, MemoKey, Outcome, ScoringFacts } from './scoring.types';

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
  readonly groupStart: Int32Array;
  readonly groupsOf: Int32Array;
  /** Per pattern: its only group, or -1 when it is in several (then see groupStart/groupsOf). */
  readonly soleGroup: Int32Array;
  readonly groupCount: number;
  /** Per pattern: bit 1 = starts with an ASCII letter or digit, bit 2 = ends with one. */
  readonly edges: Uint8Array;
  /** Per pattern: its length in code units. */
  readonly lengths: Int32Array;
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

function compileCondition(
  c: Condition,
  path: (string | number)[],
  registry: OperatorRegistry,
  table: KeywordTable,
  heldOnly = false,
): CompiledCondition {
  if ('all' in c) {
    const parts = c.all.map((x, i) => compileCondition(x, [...path, 'all', i], registry, table, heldOnly));
    return (ctx) => combine(parts, ctx, true);
  }
  if ('any' in c) {
    const parts = c.any.map((x, i) => compileCondition(x, [...path, 'any', i], registry, table, heldOnly));
    return (ctx) => combine(parts, ctx, false);
  }
  if ('not' in c) {
    // Evidence under `not` is discarded, so the operators below may stop at the first finding.
    const inner = compileCondition(c.not, [...path, 'not'], registry, table, true);
    return (ctx) => {
      const o = inner(ctx);
      return o.held === null ? o : o.held ? NOT_HELD : HELD_WITHOUT_EVIDENCE;
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

/**
 * `all` (every part holds) or `any` (some part holds) over compiled parts. Every part runs, so a
 * hit lists all of its evidence, except that `all` stops at the first part that does not hold
 * (most conjunctions fail). A single part that holds is answered as it is; the evidence of
 * several is joined. An unknown part makes `all` unknown, and `any` unknown unless another
 * part holds, for that part's reason (its outcome, as is).
 */
function combine(parts: readonly CompiledCondition[], ctx: EvalContext, all: boolean): Outcome {
  let first: Outcome | null = null;
  let more: Outcome[] | null = null;
  let missing: Outcome | null = null;
  for (const part of parts) {
    const o = part(ctx);
    if (o.held === true) {
      if (first === null) first = o;
      else (more ??= [first]).push(o);
    } else if (o.held === null) missing ??= o;
    else if (all) return NOT_HELD;
  }
  if (all && missing !== null) return missing;
  if (more !== null) return { held: true, evidence: joined(more) };
  return first ?? missing ?? (all ? HELD_WITHOUT_EVIDENCE : NOT_HELD);
}

/** "Holds", with nothing to point at (a `not` that holds). Shared and frozen, like NOT_HELD. */
const HELD_WITHOUT_EVIDENCE: Outcome = Object.freeze({
  held: true,
  evidence: Object.freeze([]) as unknown as Evidence[],
});

/** The evidence of several outcomes, in order, in a fresh array (operators' arrays may be shared). */
function joined(outcomes: readonly Outcome[]): Evidence[] {
  let size = 0;
  for (let i = 0; i < outcomes.length; i++) size += outcomes[i].evidence.length;
  const evidence = new Array<Evidence>(size);
  let n = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const part = outcomes[i].evidence;
    for (let k = 0; k < part.length; k++) evidence[n++] = part[k];
  }
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

  const groupStart = new Int32Array(table.patterns.length + 1);
  const perPattern: number[][] = table.patterns.map(() => []);
  table.groups.forEach((ids, g) => ids.forEach((p) => perPattern[p].push(g)));
  let n = 0;
  perPattern.forEach((gs, p) => {
    groupStart[p] = n;
    n += gs.length;
  });
  groupStart[table.patterns.length] = n;
  const groupsOf = Int32Array.from(perPattern.flat());
  const soleGroup = Int32Array.from(perPattern, (gs) => (gs.length === 1 ? gs[0] : -1));

  const edges = Uint8Array.from(
    table.patterns,
    (w) => (isAlnum(w.charCodeAt(0)) ? 1 : 0) | (isAlnum(w.charCodeAt(w.length - 1)) ? 2 : 0),
  );

  return Object.freeze({
    edges,
    lengths: Int32Array.from(table.patterns, (w) => w.length),
    scorecard,
    rules,
    sectionMax,
    matcher: new AhoCorasick(table.patterns),
    groupStart,
    groupsOf,
    soleGroup,
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
 * The matches of the conversation being scored. Shared by all scorings: the engine is
 * synchronous and a context is used only while its conversation is scored, so one set of
 * buffers serves every conversation without allocating.
 */
const scratchMatches = new MatchList();
/** Per message of the conversation being scored: its position among its role's messages. */
let scratchOrdinals = new Int32Array(64);
/** Per section: the points the conversation being scored moves (scratch, like the matches). */
let sectionScratch = new Float64Array(8);

class ScratchTable implements MatchTable {
  message = new Int32Array(256);
  start = new Int32Array(256);
  end = new Int32Array(256);
  pattern = new Int32Array(256);
  from = new Int32Array(64);
  to = new Int32Array(64);
  words: readonly string[] = [];

  /** Room for `rows` matches and `groups` groups (contents are not kept). */
  reserve(rows: number, groups: number): void {
    if (this.message.length < rows) {
      const n = Math.max(rows, this.message.length * 2);
      this.message = new Int32Array(n);
      this.start = new Int32Array(n);
      this.end = new Int32Array(n);
      this.pattern = new Int32Array(n);
    }
    if (this.from.length < groups) {
      this.from = new Int32Array(groups * 2);
      this.to = new Int32Array(groups * 2);
    }
  }
}

const scratchTable = new ScratchTable();

/** Puts a match at the end of its group, moved back past any of the same message starting later. */
function place(t: ScratchTable, g: number, mi: number, s: number, e: number, p: number): void {
  const { message, start, end, pattern } = t;
  const first = t.from[g];
  // The scan reports matches by end position; keep each group ordered by start.
  let at = t.to[g]++;
  while (at > first && message[at - 1] === mi && (start[at - 1] > s || (start[at - 1] === s && end[at - 1] > e))) {
    message[at] = message[at - 1];
    start[at] = start[at - 1];
    end[at] = end[at - 1];
    pattern[at] = pattern[at - 1];
    at--;
  }
  message[at] = mi;
  start[at] = s;
  end[at] = e;
  pattern[at] = p;
}

/**
 * Fills the table with the scan's matches grouped by keyword group (a counting sort), dropping
 * Latin and digit words that are not whole tokens.
 */
function tabulate(compiled: CompiledScorecard, messages: readonly ConversationMessage[], found: MatchList): MatchTable {
  const { groupStart, groupsOf, soleGroup, edges, groupCount, lengths } = compiled;
  const t = scratchTable;
  const flat = found.data;
  t.reserve(0, groupCount);
  const { from, to } = t;
  from.fill(0, 0, groupCount + 1);
  let rows = 0;
  for (let k = 0; k < found.length; k += 3) {
    const p = flat[k + 1];
    if (edges[p] !== 0) {
      const start = flat[k + 2];
      if (!onTokenBoundary(messages[flat[k]].text, start, start + lengths[p], edges[p])) {
        flat[k + 1] = -1;
        continue;
      }
    }
    // Most words belong to one group; the others are listed (bounds read once: the stores
    // into the table's columns could alias them as far as the compiler knows).
    const g = soleGroup[p];
    if (g >= 0) {
      from[g]++;
      rows++;
    } else {
      const first = groupStart[p];
      const last = groupStart[p + 1];
      for (let j = first; j < last; j++) from[groupsOf[j]]++;
      rows += last - first;
    }
  }
  t.reserve(rows, groupCount);
  // from[g] holds the group's size: turn sizes into offsets; to[g] is the group's fill cursor.
  let offset = 0;
  for (let g = 0; g < groupCount; g++) {
    const size = from[g];
    from[g] = to[g] = offset;
    offset += size;
  }
  for (let k = 0; k < found.length; k += 3) {
    const p = flat[k + 1];
    if (p < 0) continue;
    const mi = flat[k];
    const s = flat[k + 2];
    const e = s + lengths[p];
    const g = soleGroup[p];
    if (g >= 0) place(t, g, mi, s, e, p);
    else {
      const first = groupStart[p];
      const last = groupStart[p + 1];
      for (let j = first; j < last; j++) place(t, groupsOf[j], mi, s, e, p);
    }
  }
  t.words = compiled.matcher.patterns;
  return t;
}

/**
 * The per-conversation view operators read. A class rather than an object of closures: it is
 * built once per scored conversation, so it must cost next to nothing to create.
 */
class ConversationContext implements EvalContext {
  readonly messages: readonly ConversationMessage[];
  readonly roleOrdinal: Int32Array;
  readonly keywords: MatchTable;
  private readonly counts = [0, 0, 0, 0];
  private memos: unknown[] | null = null;

  constructor(
    compiled: CompiledScorecard,
    readonly conversation: Conversation,
    readonly facts: ScoringFacts,
  ) {
    const messages = conversation.messages;
    this.messages = messages;
    const counts = this.counts;
    if (scratchOrdinals.length < messages.length) scratchOrdinals = new Int32Array(messages.length * 2);
    const roleOrdinal = scratchOrdinals;
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
    this.keywords = tabulate(compiled, messages, found);
  }

  memo<T>(key: MemoKey<T>): T {
    const memos = (this.memos ??= new Array<unknown>(memoSlotCount()));
    let value = memos[key.slot];
    if (value === undefined) memos[key.slot] = value = key.compute(this);
    return value as T;
  }

  roleCount(role: MessageRole): number {
    return this.counts[roleSlot(role)];
  }
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
  // Distinct notes are gathered in order; most hits have one, kept without an array.
  let anchor: Evidence | null = null;
  let note: string | null = null;
  let notes: string[] | null = null;
  const evidence = outcome.evidence;
  for (let k = 0; k < evidence.length; k++) {
    const e = evidence[k];
    if (e.messageIndex === null) continue;
    if (anchor === null || before(e, anchor)) anchor = e;
    if (note === null) note = e.note;
    else if (e.note !== note && (notes === null || !notes.includes(e.note))) (notes ??= [note]).push(e.note);
  }
  if (anchor === null) {
    anchor = evidence[0] ?? NO_EVIDENCE;
    for (let k = 0; k < evidence.length; k++) {
      const n = evidence[k].note;
      if (note === null) note = n;
      else if (n !== note && (notes === null || !notes.includes(n))) (notes ??= [note]).push(n);
    }
  }
  const detail =
    notes === null
      ? note
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
  const sectionCount = sectionMax.length;
  if (sectionScratch.length < sectionCount) sectionScratch = new Float64Array(sectionCount * 2);
  // Points moved per section (NaN once a critical rule zeroes it): scratch, read back below.
  const delta = sectionScratch;
  delta.fill(0, 0, sectionCount);
  let failed = false;
  let redLine = false;
  const hits: ScoreHit[] = [];
  let skipped: SkippedRule[] | null = null;

  const rules = compiled.rules;
  for (let r = 0; r < rules.length; r++) {
    const { rule, section, when } = rules[r];
    const outcome = when(ctx);
    if (outcome.held === null) {
      (skipped ??= []).push({ ruleId: rule.id, ruleVersion: rule.version, reason: outcome.missing ?? '条件无法判定' });
      continue;
    }
    if (!outcome.held) continue;
    const first = hits.length;
    addHits(hits, conversation, rule, outcome);
    for (let k = first; k < hits.length; k++) delta[section] += hits[k].points;
    if (rule.critical) {
      redLine = true;
      if (rule.critical === 'fail-session') failed = true;
      else delta[section] = NaN;
    }
  }

  const sections: SectionScore[] = new Array<SectionScore>(sectionCount);
  let sum = 0;
  for (let i = 0; i < sectionCount; i++) {
    const s = scorecard.sections[i];
    const d = delta[i];
    const score = d !== d ? 0 : round2(Math.min(sectionMax[i], Math.max(0, sectionMax[i] + d)));
    sections[i] = { id: s.id, name: s.name, score, max: sectionMax[i] };
    sum += score;
  }
  const total = round2(sum);
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
