/**
 * Validator for the labelled chat evaluation corpus (scripts/eval/LABELLING.md):
 *
 *   npx tsx scripts/eval/corpus.validate.ts scripts/eval/corpus/test [more dirs or .jsonl files]
 *
 * Checks every line: it parses, the system's own import parser accepts it as is (nothing
 * repaired), the labelling fields have the right types, ids are unique and carry the half's
 * prefix (`T-` under a `test`, `test2`… folder, `U-` under `tune`, `R-` under the `train` corpus), rule
 * ids and act names are known, times strictly increase, `calm` agrees with the customer acts, the purely mechanical labels
 * (first-response-slow, no-reply, unresolved, and reply-slow as far as timestamps decide it)
 * agree with the timestamps and the rating, and no rule is expected where the guide does not
 * judge it. Judgement labels are not second-guessed here. Then it prints the figures the guide's mix
 * quotas are checked against. Exit code 1 when any line is invalid.
 */
import { DIALOGUE_ACTS } from '../../cloudfunctions/core/text/dialogue-act.lexicon';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isDomainError } from '../../cloudfunctions/core/errors';
import { parseConversationLine } from '../../cloudfunctions/core/ingest/conversation.parse';
import { idPrefixOf } from './corpus.splits';

export const RULE_IDS = [
  'greeting-missing',
  'closing-missing',
  'no-apology-on-complaint',
  'rude-language',
  'off-platform-transaction',
  'review-manipulation',
  'first-response-slow',
  'no-reply',
  'reply-slow',
  'pii-leak',
  'over-promise',
  'unresolved',
  'complaint-risk',
  'customer-negative',
] as const;

/** The dialogue acts of the guide: the classifier's own list. */
export const ACTS = DIALOGUE_ACTS;

/** The guide's example styles; others are allowed (the guide says "e.g.") and listed apart. */
export const STYLES = [
  'taobao-qin',
  'taobao-keguan',
  'jd',
  'pdd',
  'wecom-b2b',
  'after-sales',
  'refund',
  'logistics',
  'call-transcript',
  'luxury',
  'food',
  'digital',
] as const;

const CHANNELS = ['mp-kf', 'wecom-kf', 'api'];
const ROLES = ['customer', 'agent', 'system'];
const ISSUE_TYPES = ['logistics', 'refund', 'exchange', 'product', 'repair', 'complaint', 'account', 'other'];
const ISO_CN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/;
const STYLE_TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FIRST_REPLY_LIMIT_MS = 60_000;
const REPLY_LIMIT_MS = 180_000;

export interface CorpusIssue {
  file: string;
  line: number;
  message: string;
}

export interface CorpusStats {
  conversations: number;
  ruleHits: Record<string, number>;
  styles: Record<string, number>;
  files: Record<string, number>;
  calm: number;
  partial: number;
  clean: number;
  /** Conversations in which at least one message carries the act. */
  acts: Record<string, number>;
  /** Conversations of 15 or more messages / of 6 or fewer. */
  long: number;
  short: number;
}

export interface CorpusReport {
  issues: CorpusIssue[];
  stats: CorpusStats;
}

interface Labelled {
  id: string;
  partial: boolean;
  style: string;
  calm: boolean;
  expect: string[];
  rating?: { csat?: number; resolved?: boolean };
  messages: { role: string; at: string; text: string; acts: string[] }[];
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * The half a corpus file belongs to, from the folder holding it: `T-` ids in every frozen half
 * (test, test2…), `U-` in tune, and `R-` in train (the classifier's training corpus, kept apart
 * from the evaluation halves).
 */
export function prefixFor(file: string): string | undefined {
  const folder = file.split(/[\\/]/).at(-2);
  return folder === undefined ? undefined : idPrefixOf(folder);
}

/** The labelling fields of one parsed record; returns the problems found, in words. */
function checkLabels(r: Record<string, unknown>, prefix: string | undefined): string[] {
  const out: string[] = [];
  if (typeof r.id !== 'string' || !/^[TUR]-[a-z0-9]+(-[a-z0-9]+)*-\d+$/.test(r.id))
    out.push(`id ${JSON.stringify(r.id)} is not <T|U|R>-<style>-<number>`);
  else if (prefix && !r.id.startsWith(prefix)) out.push(`id ${r.id} must start with ${prefix} in this half`);
  if (!CHANNELS.includes(r.channel as string)) out.push(`channel ${JSON.stringify(r.channel)} unknown`);
  for (const k of ['customerId', 'note'] as const)
    if (typeof r[k] !== 'string' || (r[k] as string).trim() === '') out.push(`${k} missing`);
  if (r.agentId !== undefined && (typeof r.agentId !== 'string' || r.agentId.trim() === ''))
    out.push('agentId must be a non-empty string when given');
  if (typeof r.partial !== 'boolean') out.push('partial must be a boolean');
  if (typeof r.calm !== 'boolean') out.push('calm must be a boolean');
  if (typeof r.style !== 'string' || !STYLE_TAG.test(r.style))
    out.push(`style ${JSON.stringify(r.style)} is not a kebab-case style tag`);
  const tags = r.tags as Record<string, unknown> | undefined;
  if (!tags || typeof tags !== 'object') out.push('tags missing');
  else {
    if (!ISSUE_TYPES.includes(tags.issueType as string))
      out.push(`tags.issueType ${JSON.stringify(tags.issueType)} unknown`);
    if (tags.businessLine !== undefined && (typeof tags.businessLine !== 'string' || tags.businessLine === ''))
      out.push('tags.businessLine must be a non-empty string when given');
  }
  if (r.rating !== undefined) {
    const rt = r.rating as Record<string, unknown>;
    if (typeof rt !== 'object' || rt === null) out.push('rating must be an object');
    else {
      if (rt.csat !== undefined && !(Number.isInteger(rt.csat) && (rt.csat as number) >= 1 && (rt.csat as number) <= 5))
        out.push('rating.csat must be an integer 1-5');
      if (rt.nps !== undefined && !(Number.isInteger(rt.nps) && (rt.nps as number) >= 0 && (rt.nps as number) <= 10))
        out.push('rating.nps must be an integer 0-10');
      if (rt.resolved !== undefined && typeof rt.resolved !== 'boolean') out.push('rating.resolved must be a boolean');
      for (const k of Object.keys(rt))
        if (!['csat', 'nps', 'resolved'].includes(k)) out.push(`rating.${k} is not a rating field`);
    }
  }
  if (!isStringArray(r.expect)) out.push('expect must be an array of rule ids');
  else {
    for (const e of r.expect)
      if (!RULE_IDS.includes(e as (typeof RULE_IDS)[number])) out.push(`expect: unknown rule ${JSON.stringify(e)}`);
    if (new Set(r.expect).size !== r.expect.length) out.push('expect lists a rule twice');
  }
  if (!Array.isArray(r.messages) || r.messages.length === 0) {
    out.push('messages must be a non-empty array');
    return out;
  }
  let last = -Infinity;
  r.messages.forEach((m: Record<string, unknown>, i: number) => {
    if (!ROLES.includes(m.role as string)) out.push(`messages[${i}].role ${JSON.stringify(m.role)} unknown`);
    if (typeof m.at !== 'string' || !ISO_CN.test(m.at)) out.push(`messages[${i}].at must be ISO time with +08:00`);
    else {
      const t = Date.parse(m.at);
      if (!(t > last)) out.push(`messages[${i}].at is not after the message before`);
      last = t;
    }
    if (typeof m.text !== 'string' || m.text.trim() === '') out.push(`messages[${i}].text empty`);
    if (!isStringArray(m.acts) || m.acts.length === 0) out.push(`messages[${i}].acts missing`);
    else {
      for (const a of m.acts)
        if (!ACTS.includes(a as (typeof ACTS)[number]))
          out.push(`messages[${i}].acts: unknown act ${JSON.stringify(a)}`);
      if (new Set(m.acts).size !== m.acts.length) out.push(`messages[${i}].acts lists an act twice`);
    }
  });
  return out;
}

/** Labels that follow from timestamps and the rating alone must agree with them. */
function checkMechanical(c: Labelled): string[] {
  const out: string[] = [];
  const has = (rule: string) => c.expect.includes(rule);
  const firstCustomer = c.messages.findIndex((m) => m.role === 'customer');
  const firstAgentAfter =
    firstCustomer < 0 ? -1 : c.messages.findIndex((m, i) => i > firstCustomer && m.role === 'agent');
  if (firstCustomer >= 0) {
    const slow =
      firstAgentAfter < 0 ||
      Date.parse(c.messages[firstAgentAfter].at) - Date.parse(c.messages[firstCustomer].at) > FIRST_REPLY_LIMIT_MS;
    if (slow !== has('first-response-slow'))
      out.push(`first-response-slow should be ${slow ? 'expected' : 'absent'} from the timestamps`);
    const never = firstAgentAfter < 0;
    if (never !== has('no-reply')) out.push(`no-reply should be ${never ? 'expected' : 'absent'}`);
  }
  // The guide exempts fragments from the greeting and closing rules, and judges neither
  // them nor the apology rule when no agent ever replied.
  const agentSpoke = c.messages.some((m) => m.role === 'agent');
  for (const rule of ['greeting-missing', 'closing-missing'])
    if (has(rule) && c.partial) out.push(`${rule} is not judged on a partial conversation`);
  for (const rule of ['greeting-missing', 'closing-missing', 'no-apology-on-complaint'])
    if (has(rule) && !agentSpoke) out.push(`${rule} is not judged when no agent replied`);
  // reply-slow: every wait after the first one, from the first unanswered customer message to
  // the next agent message. Over 180 s it must be expected; expected, it needs such a wait or a
  // customer message left unanswered at the end (whether that one is a mere 好的 is judgement).
  const waits: number[] = [];
  let pending: number | undefined;
  for (const m of c.messages) {
    if (m.role === 'customer' && pending === undefined) pending = Date.parse(m.at);
    else if (m.role === 'agent' && pending !== undefined) {
      waits.push(Date.parse(m.at) - pending);
      pending = undefined;
    }
  }
  const slowLater = waits.slice(1).some((w) => w > REPLY_LIMIT_MS);
  if (slowLater && !has('reply-slow')) out.push('reply-slow should be expected: a later wait exceeds 180 s');
  if (has('reply-slow') && !slowLater && !(pending !== undefined && waits.length > 0))
    out.push('reply-slow expected but no later wait exceeds 180 s and nothing is left unanswered');
  const rt = c.rating;
  const unresolved = !!rt && (rt.resolved === false || (rt.csat !== undefined && rt.csat <= 2));
  if (unresolved !== has('unresolved')) out.push(`unresolved should be ${unresolved ? 'expected' : 'absent'}`);
  const calm = !c.messages.some((m) => m.role === 'customer' && m.acts.some((a) => a === 'complaint' || a === 'anger'));
  if (calm !== c.calm) out.push(`calm should be ${calm} from the customer acts`);
  return out;
}

function emptyStats(): CorpusStats {
  return {
    conversations: 0,
    ruleHits: Object.fromEntries(RULE_IDS.map((r) => [r, 0])),
    styles: {},
    files: {},
    calm: 0,
    partial: 0,
    clean: 0,
    acts: Object.fromEntries(ACTS.map((a) => [a, 0])),
    long: 0,
    short: 0,
  };
}

function jsonlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(path, f));
}

export function validateCorpus(paths: string[]): CorpusReport {
  const issues: CorpusIssue[] = [];
  const stats = emptyStats();
  const seen = new Map<string, string>();
  for (const file of paths.flatMap(jsonlFiles)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((text, i) => {
      const at = { file, line: i + 1 };
      const problems: string[] = [];
      let record: Record<string, unknown> | undefined;
      try {
        record = JSON.parse(text);
      } catch (e) {
        problems.push(`not JSON: ${(e as Error).message}`);
      }
      if (record) {
        try {
          const parsed = parseConversationLine(text);
          if (parsed.normalised.length) problems.push(`import repaired it: ${parsed.normalised.join('; ')}`);
        } catch (e) {
          if (!isDomainError(e)) throw e;
          problems.push(`import rejects it: ${e.message}`);
        }
        problems.push(...checkLabels(record, prefixFor(file)));
        if (problems.length === 0) problems.push(...checkMechanical(record as unknown as Labelled));
        const id = String(record.id);
        if (seen.has(id)) problems.push(`duplicate id ${id} (first in ${seen.get(id)})`);
        else seen.set(id, `${basename(file)}:${i + 1}`);
      }
      for (const message of problems) issues.push({ ...at, message });
      if (problems.length || !record) return;
      const c = record as unknown as Labelled;
      stats.conversations++;
      for (const e of c.expect) stats.ruleHits[e]++;
      if (c.expect.length === 0) stats.clean++;
      stats.styles[c.style] = (stats.styles[c.style] ?? 0) + 1;
      stats.files[basename(file)] = (stats.files[basename(file)] ?? 0) + 1;
      if (c.calm) stats.calm++;
      if (c.partial) stats.partial++;
      if (c.messages.length >= 15) stats.long++;
      if (c.messages.length <= 6) stats.short++;
      for (const a of new Set(c.messages.flatMap((m) => m.acts))) stats.acts[a]++;
    });
  }
  return { issues, stats };
}

/** The guide's per-half quotas that can be counted; unmet ones are reported, not fatal. */
export function quotaShortfalls(s: CorpusStats): string[] {
  const out: string[] = [];
  for (const r of RULE_IDS) {
    const floor = r === 'no-reply' || r === 'pii-leak' ? 5 : 10;
    if (s.ruleHits[r] < floor) out.push(`${r}: ${s.ruleHits[r]} expected hits (< ${floor})`);
  }
  if (Object.keys(s.styles).length < 8) out.push(`only ${Object.keys(s.styles).length} styles (< 8)`);
  // "About half calm" and "about 15% fragments": a wide band, since the guide says "about".
  const calm = s.conversations ? s.calm / s.conversations : 0;
  const partial = s.conversations ? s.partial / s.conversations : 0;
  if (calm < 0.4 || calm > 0.6) out.push(`calm share ${pct(s.calm, s.conversations)} (about half wanted)`);
  if (partial < 0.1 || partial > 0.2) out.push(`partial share ${pct(s.partial, s.conversations)} (about 15% wanted)`);
  return out;
}

function pct(n: number, d: number): string {
  return d === 0 ? '0%' : `${((n / d) * 100).toFixed(1)}%`;
}

export function formatReport({ issues, stats: s }: CorpusReport): string {
  const out: string[] = [];
  for (const i of issues) out.push(`INVALID ${i.file}:${i.line}: ${i.message}`);
  out.push(`conversations: ${s.conversations} (clean, no expected hit: ${s.clean})`);
  out.push(
    `calm: ${s.calm} (${pct(s.calm, s.conversations)})  partial: ${s.partial} (${pct(s.partial, s.conversations)})`,
  );
  out.push(`short (<= 6 messages): ${s.short}  long (>= 15 messages): ${s.long}`);
  out.push('expected hits per rule:');
  for (const r of RULE_IDS) out.push(`  ${r.padEnd(26)}${String(s.ruleHits[r]).padStart(5)}`);
  out.push('conversations per style:');
  for (const [k, v] of Object.entries(s.styles).sort()) {
    const known = STYLES.includes(k as (typeof STYLES)[number]) ? '' : '  (not one of the guide’s example styles)';
    out.push(`  ${k.padEnd(26)}${String(v).padStart(5)}${known}`);
  }
  out.push('conversations per file:');
  for (const [k, v] of Object.entries(s.files).sort()) out.push(`  ${k.padEnd(26)}${String(v).padStart(5)}`);
  out.push('conversations per act:');
  for (const a of ACTS) out.push(`  ${a.padEnd(26)}${String(s.acts[a]).padStart(5)}`);
  const short = quotaShortfalls(s);
  out.push(short.length ? `quotas not yet met:\n  ${short.join('\n  ')}` : 'quotas met');
  out.push(issues.length ? `${issues.length} problem(s)` : 'all lines valid');
  return out.join('\n');
}

function main(args: string[]): number {
  if (args.length === 0) {
    process.stderr.write('usage: npx tsx scripts/eval/corpus.validate.ts <dir or .jsonl> ...\n');
    return 2;
  }
  const report = validateCorpus(args);
  process.stdout.write(formatReport(report) + '\n');
  return report.issues.length ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
