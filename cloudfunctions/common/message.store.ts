/**
 * Storing one message exactly once and keeping its session in step.
 *
 * The message insert and the session update run in one transaction, so a retried push (same
 * `_id`) either finds the message already stored or stores it together with its effect on the
 * session: a process killed in between leaves neither half.
 */
import type { Channel, Message, Session } from '../core/model';
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  keyedSessionId,
  openSession,
  sessionPatchFor,
} from '../core/sessions/session.lifecycle';
import { isDuplicateKeyError, type Transaction } from './cloud';
import { transactionInRounds } from './transaction.rounds';
import { onForgetInstanceCaches } from './instance.cache';
import { BoundedMap } from './bounded.map';
import { getMessage, messagesIn } from './messages.repository';
import { findOpenSession, getSession, insertSession, sessionsIn } from './sessions.repository';
import { findAgent } from './users.repository';
import { asForeground } from './after-answer.queue';
import { closeSoon } from './close.queue';
import { applyRollup, shardForPush } from './rollups';
import { dayKey, messageIncrements, NO_AGENT } from '../core/rollups/rollup.counters';
import { checkLiveAlerts } from './alerts/alert.live.service';
import { openedLiveMessages } from './alerts/live.messages';

export type NewMessage = Omit<Message, 'sessionId'>;
export interface StoreResult {
  outcome: 'stored' | 'duplicate';
  sessionId: string;
}

export function idleTimeoutMs(): number {
  const minutes = Number(process.env.KEFU_IDLE_TIMEOUT_MIN);
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : DEFAULT_IDLE_TIMEOUT_MS;
}

/**
 * The session a message belongs to: the one its source names (`sessionKey`), else the
 * customer's newest open session on the channel; one that went idle before `at` is left to be
 * closed and scored after this push (close.queue.ts) and a new session opened.
 */
async function sessionFor(
  channel: Channel,
  customerId: string,
  at: number,
  agentId?: string,
  sessionKey?: string,
  keySource?: string,
): Promise<Session> {
  if (sessionKey) {
    const named = await getSession(keyedSessionId(channel, customerId, sessionKey, keySource));
    if (named) return named;
  } else {
    const open = await findOpenSession(channel, customerId);
    if (open && at - open.lastAt < idleTimeoutMs()) return open;
    if (open) closeSoon(open._id); // after this push has answered: close.queue.ts
  }
  const agent = agentId ? await findAgent(agentId) : null;
  // A push's session is checked for a repeat contact once its first customer message is stored.
  const fresh: Session = {
    ...openSession({ channel, customerId, at, agentId, team: agent?.team, sessionKey, keySource }),
    repeatCheck: 'pending',
  };
  // False: a concurrent delivery opened it first. True: no message yet, so its live list is whole.
  if (await insertSession(fresh)) openedLiveMessages(fresh._id);
  return fresh;
}

/**
 * Deliveries of one message this instance is storing now. WeChat retries a push it has no answer
 * for within 5 s, so under load a retry often arrives while the first delivery is still in its
 * transaction: it waits for that delivery's outcome (a duplicate then) instead of running a
 * second transaction that can only fail on the message's key. If the first delivery fails, the
 * waiting one tries on its own.
 */
const storing = new Map<string, Promise<StoreResult>>();

/**
 * Messages this instance stored lately, with their session: WeChat's late retry of a push that
 * was answered too slowly is answered from here, without a read. Safe to remember: a stored
 * message stays stored (an erasure that removed it since must not bring it back either).
 */
const recent = new BoundedMap<string, string>(20_000);

onForgetInstanceCaches(() => recent.clear());

export function storeMessage(
  msg: NewMessage,
  opts: { sessionKey?: string; keySource?: string } = {},
): Promise<StoreResult> {
  const storedIn = recent.get(msg._id);
  if (storedIn !== undefined) return Promise.resolve({ outcome: 'duplicate', sessionId: storedIn });
  const running = storing.get(msg._id);
  if (running) {
    return running.then(
      (first): StoreResult => ({ outcome: 'duplicate', sessionId: first.sessionId }),
      () => storeMessage(msg, opts),
    );
  }
  const attempt = asForeground(storeOnce(msg, opts))
    .then((result) => {
      recent.set(msg._id, result.sessionId);
      return result;
    })
    .finally(() => storing.delete(msg._id));
  storing.set(msg._id, attempt);
  return attempt;
}

async function storeOnce(msg: NewMessage, opts: { sessionKey?: string; keySource?: string }): Promise<StoreResult> {
  const seen = await getMessage(msg._id);
  if (seen) return { outcome: 'duplicate', sessionId: seen.sessionId };

  const agentId = msg.role === 'agent' ? msg.agentId : undefined;
  const session = await sessionFor(msg.channel, msg.customerId, msg.at, agentId, opts.sessionKey, opts.keySource);
  const team = !session.team && msg.role === 'agent' && msg.agentId ? (await findAgent(msg.agentId))?.team : undefined;

  let committed: Session | undefined;
  try {
    await transactionInRounds(async (t: Transaction, attempt) => {
      const current = await sessionsIn(t).get(session._id);
      const patch = sessionPatchFor(current, msg);
      if (team) patch.team = team;
      await messagesIn(t).add({ ...msg, sessionId: session._id });
      await sessionsIn(t).update(session._id, patch);
      const agentId = msg.agentId ?? patch.agentId ?? current.agentId ?? NO_AGENT;
      // Which of the day bucket's documents this try counts in (hot buckets are split): common/rollups.ts.
      await applyRollup(
        t,
        { day: dayKey(msg.at), agentId, channel: msg.channel, team: patch.team ?? current.team },
        messageIncrements(msg.role),
        shardForPush(agentId, attempt),
      );
      committed = { ...current, ...patch };
    });
  } catch (e) {
    if (isDuplicateKeyError(e)) return { outcome: 'duplicate', sessionId: session._id };
    throw e;
  }
  await checkLiveAlerts({ ...msg, sessionId: session._id }, committed); // never throws
  return { outcome: 'stored', sessionId: session._id };
}
