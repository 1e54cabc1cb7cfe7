/**
 * Checks on a session that is still open: run on every stored message (evaluateLive) and by the
 * minute timer (evaluateWaiting). Pure: the caller passes the session, its messages and the
 * facts (text models, the customer's earlier contacts, the instant); nothing is fetched here.
 *
 * Word checks reuse the scoring engine (its matcher, exclusions and negation) instead of a
 * second keyword list: the red-line rules of the scorecard in force (the caller's, else the
 * default's) are compiled once and run on the single new agent message; complaint threats compile the policy's words the way the
 * scorecard's `complaint-risk` rule does (customer role, negation-aware).
 */
import type { AlertEvidence, AlertPolicySet, Conversation, ConversationMessage, Session } from '../model';
import {
  compileScorecard,
  DEFAULT_SCORECARD,
  excerptOf,
  scoreConversation,
  type CompiledScorecard,
  type Condition,
  type Scorecard,
  type TextAnalyzers,
} from '../scoring';
import { enabledPolicy } from './alert.policy-set';
import type { AlertDraft } from './alert.policy';

export interface LiveMessage extends Pick<ConversationMessage, 'role' | 'at' | 'text' | 'type'> {
  _id?: string;
}

export interface LiveFacts {
  /** The instant of the check: the new message's time on ingest, the clock in the timer. */
  now: number;
  text?: TextAnalyzers;
  /**
   * The red-line rules of the scorecard in force for the session's scope (`compileRedLineRules`
   * of it; null when it has none that judge a message), which the caller chooses as it chooses
   * the card a closed session is scored with. Absent: the default scorecard's.
   */
  redLineRules?: CompiledScorecard | null;
}

/** What the repeat-contact check reads besides the session (common/alerts/repeat-contact.check.ts looks it up). */
export interface RepeatContactFacts {
  /** The customer's earlier sessions. */
  history: { previousContacts: { at: number; issueType?: string }[] };
  /** The session's issue type when known (tagged or classified). */
  issueType?: string;
}

type Policies = Pick<AlertPolicySet, 'policies'>;

/** Operators that judge one message's text alone (the learned red-line model too, scorecard v7 on). */
const TEXT_OPS = new Set(['keywords', 'regex', 'phrases', 'redLineModel']);

function onlyTextOps(c: Condition): boolean {
  if ('all' in c) return c.all.every(onlyTextOps);
  if ('any' in c) return c.any.every(onlyTextOps);
  if ('not' in c) return onlyTextOps(c.not);
  return TEXT_OPS.has(c.op);
}

const redLineCache = new WeakMap<Scorecard, CompiledScorecard | null>();

/**
 * The scorecard's red-line rules that judge what an agent writes (not timing rules such as
 * `no-reply`, which need the whole session), as one compiled scorecard.
 */
export function compileRedLineRules(scorecard: Scorecard = DEFAULT_SCORECARD): CompiledScorecard | null {
  let compiled = redLineCache.get(scorecard);
  if (compiled === undefined) {
    const sections = scorecard.sections
      .map((s) => ({ ...s, rules: s.rules.filter((r) => r.enabled && r.critical && onlyTextOps(r.when)) }))
      .filter((s) => s.rules.length > 0);
    compiled =
      sections.length > 0
        ? compileScorecard({ ...scorecard, id: `${scorecard.id}-red-lines`, status: 'published', sections })
        : null;
    redLineCache.set(scorecard, compiled);
  }
  return compiled;
}

const complaintCache = new Map<string, CompiledScorecard>();

function compileComplaintWords(words: readonly string[]): CompiledScorecard | null {
  if (words.length === 0) return null;
  const key = words.join('\u0001');
  let compiled = complaintCache.get(key);
  if (!compiled) {
    compiled = compileScorecard({
      id: 'live-complaint',
      version: 1,
      status: 'published',
      name: '投诉威胁',
      passThreshold: 0,
      sections: [
        {
          id: 'complaint',
          name: '投诉威胁',
          weight: 1,
          rules: [
            {
              id: 'complaint-threat',
              name: '投诉威胁',
              when: { op: 'keywords', params: { words: [...words], role: 'customer', negation: true } },
              points: -1,
              per: 'occurrence',
            },
          ],
        },
      ],
    });
    if (complaintCache.size > 20) complaintCache.clear();
    complaintCache.set(key, compiled);
  }
  return compiled;
}

function conversationOf(
  session: Pick<Session, '_id' | 'channel' | 'customerId'>,
  messages: readonly LiveMessage[],
): Conversation {
  return {
    id: session._id,
    channel: session.channel,
    customerId: session.customerId,
    messages: messages.map((m) => ({ role: m.role, at: m.at, text: m.text, ...(m.type ? { type: m.type } : {}) })),
  };
}

/** Runs a compiled scorecard on one message; evidence points into the whole session. */
function hitsOnMessage(
  compiled: CompiledScorecard,
  session: Pick<Session, '_id' | 'channel' | 'customerId'>,
  messages: readonly LiveMessage[],
  index: number,
  text: TextAnalyzers | undefined,
): AlertEvidence[] {
  const single = conversationOf(session, [messages[index]]);
  // Only the red-line model is read here (word lists need no model; without it the model's part is skipped).
  const result = scoreConversation(compiled, single, text?.redLines ? { text } : {});
  return result.hits.map((h) => ({
    messageIndex: h.messageIndex === null ? null : index,
    span: h.span,
    excerpt: h.excerpt,
    ruleId: h.ruleId,
  }));
}

function indexOf(messages: readonly LiveMessage[], m: LiveMessage): number {
  const byRef = messages.lastIndexOf(m);
  if (byRef >= 0) return byRef;
  if (m._id !== undefined) return messages.findIndex((x) => x._id === m._id);
  return -1;
}

function isText(m: LiveMessage): boolean {
  return (m.type ?? 'text') === 'text' && m.text.trim().length > 0;
}

function minutes(ms: number): number {
  return Math.max(1, Math.round(ms / 60_000));
}

function whole(conv: Conversation, i: number): AlertEvidence {
  return { messageIndex: i, span: null, excerpt: excerptOf(conv, { messageIndex: i, span: null }) };
}

/**
 * Checks triggered by one new message. `messages` are the session's messages in time order,
 * the new one included; `session` is the state after storing it.
 */
export function evaluateLive(
  session: Session,
  messages: readonly LiveMessage[],
  newMessage: LiveMessage,
  policies: Policies,
  facts: LiveFacts,
): AlertDraft[] {
  const index = indexOf(messages, newMessage);
  if (index < 0) return [];
  const drafts: AlertDraft[] = [];
  const conv = conversationOf(session, messages);

  if (newMessage.role === 'agent') {
    const live = enabledPolicy(policies, 'agent-red-line-live');
    if (live && isText(newMessage)) {
      const compiled = facts.redLineRules === undefined ? compileRedLineRules() : facts.redLineRules;
      const evidence = compiled ? hitsOnMessage(compiled, session, messages, index, facts.text) : [];
      if (evidence.length > 0) {
        const names = [...new Set(evidence.map((e) => ruleName(compiled!, e.ruleId)))].join('、');
        drafts.push({ policy: 'red-line', severity: live.severity, title: `实时红线：${names}`, evidence });
      }
    }
    return drafts;
  }
  if (newMessage.role !== 'customer') return drafts;

  const waiting = enabledPolicy(policies, 'customer-waiting');
  if (waiting && session.waitingSince != null && facts.now - session.waitingSince >= waiting.waitSeconds * 1000) {
    const first = messages.findIndex((m) => m.role === 'customer' && m.at >= session.waitingSince!);
    drafts.push({
      policy: 'customer-waiting',
      severity: waiting.severity,
      title: `客户已等待 ${minutes(facts.now - session.waitingSince)} 分钟未获回复`,
      evidence: first >= 0 ? [whole(conv, first)] : [],
    });
  }

  const angry = angryDraft(session, messages, index, policies, facts, conv);
  if (angry) drafts.push(angry);
  // Repeat contact is checked apart, after the push has answered: evaluateRepeatContact.
  return drafts;
}

function ruleName(compiled: CompiledScorecard, ruleId: string | undefined): string {
  return compiled.rules.find((r) => r.rule.id === ruleId)?.rule.name ?? ruleId ?? '红线';
}

/** How far sentiment must fall across the window to count as turning angry. */
const TREND_DROP = 0.3;

function angryDraft(
  session: Session,
  messages: readonly LiveMessage[],
  index: number,
  policies: Policies,
  facts: LiveFacts,
  conv: Conversation,
): AlertDraft | null {
  const policy = enabledPolicy(policies, 'customer-angry');
  if (!policy || !isText(messages[index])) return null;
  const evidence: AlertEvidence[] = [];
  const reasons: string[] = [];

  const complaint = compileComplaintWords(policy.complaintWords);
  if (complaint) {
    const found = hitsOnMessage(complaint, session, messages, index, undefined);
    if (found.length > 0) {
      evidence.push(...found.map(({ ruleId: _r, ...e }) => e));
      reasons.push('投诉威胁');
    }
  }

  if (facts.text) {
    const window: number[] = [];
    for (let i = index; i >= 0 && window.length < policy.window; i--) {
      if (messages[i].role === 'customer' && isText(messages[i])) window.unshift(i);
    }
    // One message alone never counts: the model reads plain impatience as negative.
    if (window.length >= 2) {
      const p = window.map((i) => facts.text!.sentiment(messages[i].text).pPositive);
      const latest = p[p.length - 1];
      // With the dialogue-act classifier (the latest model, r2, as the default scorecard v3 reads it), a message is negative only when
      // it complains or rages: an order number or 「已付款」 reads as negative to the review model.
      const unhappy = (k: number) => {
        const acts = facts.text!.acts;
        if (!acts) return p[k] <= policy.negativeBelow;
        const i = window[k];
        const found = acts(messages[i].text, { role: 'customer' });
        return p[k] <= policy.negativeBelow && (found.acts.includes('complaint') || found.acts.includes('anger'));
      };
      const sustained = unhappy(p.length - 1) && unhappy(p.length - 2);
      const falling =
        unhappy(p.length - 1) &&
        p.length === policy.window &&
        p.every((x, k) => k === 0 || x < p[k - 1]) &&
        p[0] - latest >= TREND_DROP;
      if (sustained || falling) {
        reasons.push(sustained ? '情绪持续负面' : '情绪明显恶化');
        for (const i of window) if (!evidence.some((e) => e.messageIndex === i)) evidence.push(whole(conv, i));
      }
    }
  }
  if (reasons.length === 0) return null;
  evidence.sort((a, b) => (a.messageIndex ?? -1) - (b.messageIndex ?? -1));
  return {
    policy: 'customer-angry',
    severity: policy.severity,
    title: `客户情绪激动：${reasons.join('、')}`,
    evidence,
  };
}

/**
 * The repeat-contact check of a session, on its first customer message `newMessage` (run after
 * the push has answered: common/alerts/repeat-contact.check.ts). Null when the policy is off,
 * the message is not the session's first customer message, or the customer has no earlier
 * contact in the window (about the same issue, when the policy asks).
 */
export function evaluateRepeatContact(
  session: Session,
  messages: readonly LiveMessage[],
  newMessage: LiveMessage,
  policies: Policies,
  facts: RepeatContactFacts,
): AlertDraft | null {
  const policy = enabledPolicy(policies, 'repeat-contact');
  const index = indexOf(messages, newMessage);
  if (!policy || index < 0 || messages.findIndex((m) => m.role === 'customer') !== index) return null;
  const since = session.startedAt - policy.withinHours * 3600_000;
  const earlier = facts.history.previousContacts.filter(
    (c) =>
      c.at >= since &&
      c.at < session.startedAt &&
      (!policy.sameIssueType || !facts.issueType || !c.issueType || c.issueType === facts.issueType),
  );
  if (earlier.length === 0) return null;
  return {
    policy: 'repeat-contact',
    severity: policy.severity,
    title: `重复来访：${policy.withinHours} 小时内第 ${earlier.length + 1} 次联系${facts.issueType && policy.sameIssueType ? `（${facts.issueType}）` : ''}`,
    evidence: [whole(conversationOf(session, messages), index)],
  };
}

export interface WaitingAlert {
  session: Session;
  draft: AlertDraft;
}

/** The timer's check: open sessions whose customer has waited past the limit with no reply. */
export function evaluateWaiting(openSessions: readonly Session[], now: number, policies: Policies): WaitingAlert[] {
  const policy = enabledPolicy(policies, 'customer-waiting');
  if (!policy) return [];
  const out: WaitingAlert[] = [];
  for (const session of openSessions) {
    if (session.status !== 'open' || session.waitingSince == null) continue;
    const waited = now - session.waitingSince;
    if (waited < policy.waitSeconds * 1000) continue;
    out.push({
      session,
      draft: {
        policy: 'customer-waiting',
        severity: policy.severity,
        title: `客户已等待 ${minutes(waited)} 分钟未获回复`,
        evidence: [{ messageIndex: null, span: null, excerpt: `客户最早一条未回复消息已等待 ${minutes(waited)} 分钟` }],
      },
    });
  }
  return out;
}
