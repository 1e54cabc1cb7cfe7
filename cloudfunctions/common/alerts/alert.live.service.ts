/**
 * The live checks on ingest: called once a message is committed (message.store.ts). Failures
 * are logged and swallowed: an alert that could not be raised must never make WeChat retry or
 * lose the message.
 */
import { compileRedLineRules, evaluateLive, type LiveFacts } from '../../core/alerts/alert.live';
import { enabledPolicy } from '../../core/alerts/alert.policy-set';
import type { Alert, Message, Session } from '../../core/model';
import type { CompiledScorecard } from '../../core/scoring';
import { now as clock } from '../cloud';
import { onForgetInstanceCaches } from '../instance.cache';
import { scorecardInForce } from '../scoring.service';
import { getSession } from '../sessions.repository';
import { cachedPublishedPolicies } from './alert-policies.repository';
import { liveMessagesOf } from './live.messages';
import { raiseAlerts } from './alert.raiser';
import { checkRepeatContactSoon } from './repeat-contact.check';
import { liveTextModels } from '../text.models';
import { logFailure } from '../log';

const redLineRules = new Map<string, CompiledScorecard | null>();
// A published version never changes, but a test that resets the store may publish the same version anew.
onForgetInstanceCaches(() => redLineRules.clear());

/**
 * The red-line rules of the scorecard in force for the session's scope, as the pre-send check
 * and a closed session's scoring choose it (scoring.service.ts: `scorecardInForce`), compiled
 * once per instance and version like the scorecards themselves. When the scorecards cannot be
 * read, undefined: the live check falls back to the default's rules rather than miss a red line.
 */
async function redLineRulesInForce(session: Session): Promise<CompiledScorecard | null | undefined> {
  try {
    const scorecard = await scorecardInForce(session, session.issueType);
    const key = `${scorecard.id}@${scorecard.version}`;
    let rules = redLineRules.get(key);
    if (rules === undefined) {
      rules = compileRedLineRules(scorecard);
      redLineRules.set(key, rules);
    }
    return rules;
  } catch (e) {
    logFailure('alerts/live.scorecard', e, { session: session._id });
    return undefined;
  }
}

/**
 * `committed`: the session as the message's own transaction left it (message.store.ts passes
 * it, sparing a read); read when absent.
 */
export async function checkLiveAlerts(message: Message, committed?: Session): Promise<Alert[]> {
  try {
    if (message.role !== 'customer' && message.role !== 'agent') return [];
    const session = committed ?? (await getSession(message.sessionId));
    if (!session || session.status !== 'open') return [];
    const set = await cachedPublishedPolicies();
    const messages = await liveMessagesOf(session, message);
    const stored = messages.find((m) => m._id === message._id);
    if (!stored) return [];

    const facts: LiveFacts = { now: message.at };
    if (message.role === 'customer') {
      if (enabledPolicy(set, 'customer-angry')) facts.text = liveTextModels();
      checkRepeatContactSoon(session, messages, stored); // after the push has answered (repeat-contact.check.ts)
    } else if (enabledPolicy(set, 'agent-red-line-live')) {
      facts.text = liveTextModels(); // the red-line model (v7 on)
      facts.redLineRules = await redLineRulesInForce(session);
    }
    const drafts = evaluateLive(session, messages, stored, set, facts);
    // Stored now (the supervisor's stream), notified after the push has answered.
    return await raiseAlerts(session, drafts, set, clock(), { delivery: 'after-answer' });
  } catch (e) {
    logFailure('alerts/live', e, { session: message.sessionId, message: message._id });
    return [];
  }
}
