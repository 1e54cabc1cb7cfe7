/**
 * Sessionisation as pure functions: the cloud side reads the open session, asks these for the
 * next state and writes it back. Messages may arrive out of order; the session's bounds and
 * live state are therefore computed from timestamps, never from arrival order.
 */
import { idDigest } from '../id.digest';
import type { Channel, Conversation, Message, MessageRole, Session } from '../model';

export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * Deterministic, so two concurrent deliveries of the first message converge on one id. The
 * customer id is a sender's value (a phone number, for some sources): the id holds its digest.
 */
export function sessionIdFor(channel: Channel, customerId: string, startedAt: number): string {
  return `${channel}_${idDigest(customerId)}_${startedAt}`;
}

/**
 * A session named by its source (the ingest API's `sessionKey`): grouped by key, not by idle
 * time. The key is the source's own: two sources using the same key for the same customer
 * have two sessions. Digested like every sender's value in an id.
 */
export function keyedSessionId(channel: Channel, customerId: string, key: string, source = ''): string {
  return `${channel}_k_${idDigest(source, customerId, key)}`;
}

export interface SessionOpening {
  channel: Channel;
  customerId: string;
  at: number;
  agentId?: string;
  team?: string;
  /** The source's own conversation key, when it has one. */
  sessionKey?: string;
  /** Whose key it is (the signed API's source id). */
  keySource?: string;
}

export function openSession(o: SessionOpening): Session {
  return {
    _id: o.sessionKey
      ? keyedSessionId(o.channel, o.customerId, o.sessionKey, o.keySource)
      : sessionIdFor(o.channel, o.customerId, o.at),
    channel: o.channel,
    customerId: o.customerId,
    agentIds: o.agentId ? [o.agentId] : [],
    ...(o.agentId ? { agentId: o.agentId } : {}),
    ...(o.team ? { team: o.team } : {}),
    status: 'open',
    startedAt: o.at,
    lastAt: o.at,
    messageCount: 0,
    waitingSince: null,
  };
}

/** How much of the customer's first line a session card shows. */
export const PREVIEW_CHARS = 40;

/** 「你好」「在吗」 open a chat without saying what it is about. */
const BARE_OPENING = /^(你好|您好|在吗|在不在|在么|有人吗|hello|hi|亲|客服)[\s?？!！~～。.,，呀啊呢]*$/i;

/**
 * The earliest customer line that says something, whatever order the messages arrive in: a bare
 * greeting is a preview only until a line with content comes.
 */
function betterPreview(current: Session['preview'], line: string, at: number): boolean {
  if (!current) return true;
  const bare = BARE_OPENING.test(line);
  const currentBare = BARE_OPENING.test(current.text);
  if (bare !== currentBare) return currentBare;
  return at < current.at;
}

export interface ArrivingMessage {
  role: MessageRole;
  at: number;
  agentId?: string;
  /** The stored (masked) text and its type: the customer's first text line becomes the preview. */
  text?: string;
  type?: string;
  /** A reply WeChat refused to deliver answers nobody: the customer is still waiting. */
  delivery?: { status: 'sent' | 'failed' };
}

/**
 * The fields of `session` that change when `msg` is stored. `waitingSince` is the time of the
 * oldest customer message not yet answered; an agent message answers everything before it.
 */
export function sessionPatchFor(session: Session, msg: ArrivingMessage): Partial<Session> {
  const patch: Partial<Session> = {
    messageCount: session.messageCount + 1,
    lastAt: Math.max(session.lastAt, msg.at),
    startedAt: Math.min(session.startedAt, msg.at),
  };
  if (msg.role === 'customer') {
    const line = (msg.type ?? 'text') === 'text' ? (msg.text ?? '').trim() : '';
    if (line && betterPreview(session.preview, line, msg.at)) {
      patch.preview = { text: Array.from(line).slice(0, PREVIEW_CHARS).join(''), at: msg.at };
    }
    if (session.waitingSince == null && msg.at >= (session.lastAgentAt ?? -Infinity)) patch.waitingSince = msg.at;
    else if (session.waitingSince != null && msg.at < session.waitingSince) patch.waitingSince = msg.at;
  } else if ((msg.role === 'agent' || msg.role === 'supervisor') && msg.delivery?.status !== 'failed') {
    if (session.waitingSince != null && msg.at >= session.waitingSince) patch.waitingSince = null;
    patch.lastAgentAt = Math.max(session.lastAgentAt ?? -Infinity, msg.at);
    if (msg.agentId && msg.role === 'agent') {
      if (!session.agentIds.includes(msg.agentId)) patch.agentIds = [...session.agentIds, msg.agentId];
      patch.agentId = msg.agentId;
    }
  }
  return patch;
}

export function isIdle(session: Session, now: number, idleMs = DEFAULT_IDLE_TIMEOUT_MS): boolean {
  return session.status === 'open' && now - session.lastAt >= idleMs;
}

/** The scoring engine's view of a stored session. */
export function conversationOf(session: Session, messages: Message[]): Conversation {
  const ordered = [...messages].sort((a, b) => a.at - b.at || (a._id < b._id ? -1 : 1));
  return {
    id: session._id,
    channel: session.channel,
    agentId: session.agentId,
    customerId: session.customerId,
    startedAt: session.startedAt,
    messages: ordered.map((m) => ({
      role: m.role,
      at: m.at,
      text: m.text,
      type: m.type,
      ...(m.pii ? { pii: m.pii } : {}),
      ...(m.agentId ? { agentId: m.agentId } : {}),
    })),
    ...(session.rating ? { rating: session.rating } : {}),
    tags: { issueType: session.issueType, businessLine: session.businessLine },
    transfers: Math.max(0, session.agentIds.length - 1),
    ...(session.partial ? { partial: true } : {}),
  };
}
