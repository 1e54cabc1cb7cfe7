/**
 * Validated ingest events → the documents and session changes they make. Pure: the cloud side
 * reads the current session, asks these for the next state and writes it.
 *
 * Text is masked here, before any document exists, with the speaker as `by` (so a finding
 * records who disclosed it).
 */
import type { Message, MessageRole, Rating, Session } from '../model';
import { maskFreeText, maskPii } from '../privacy/pii.mask';
import { openSession, sessionPatchFor } from '../sessions/session.lifecycle';
import { MESSAGE_TEXT_LIMIT, storedText } from './text.cap';
import { eventDocId, type AgentOpEvent, type CallEvent, type MessageEvent } from './events.schema';

export type NewMessage = Omit<Message, 'sessionId'>;

/** A rating that arrives later than this after its session's last activity finds no session. */
export const RATING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
// Moved to dead-letter.raw.ts (one dead-letter writer for every door); re-exported for old imports.
export { DEAD_LETTER_RAW_LIMIT, deadLetterRaw } from './dead-letter.raw';

function masked(text: string, by: MessageRole): Pick<Message, 'text' | 'pii'> {
  const m = maskPii(text, by);
  return { text: m.text, ...(m.findings.length ? { pii: m.findings } : {}) };
}

/** Whether an event carries text over MESSAGE_TEXT_LIMIT (stored cut; the door dead-letters the whole). */
export function overflowsTextCap(ev: MessageEvent | CallEvent): boolean {
  if (ev.kind === 'message') return ev.text.length > MESSAGE_TEXT_LIMIT;
  return ev.segments.some((s) => s.text.length > MESSAGE_TEXT_LIMIT);
}

export function messageFromEvent(source: string, ev: MessageEvent): NewMessage {
  // Only staff messages carry an agent: on a customer's message it would misattribute the session.
  const agentId = ev.role === 'agent' || ev.role === 'supervisor' ? ev.agentId : undefined;
  return {
    _id: eventDocId(source, ev.id),
    channel: ev.channel,
    role: ev.role,
    type: ev.type,
    ...storedText(ev.text, ev.role),
    at: ev.at,
    customerId: ev.customerId,
    ...(agentId ? { agentId } : {}),
  };
}

/**
 * Accept, transfer and note leave a system line in the conversation, so reviewers see when.
 * A close leaves none: a line stored after an idle gap would open a fresh session to close.
 */
export function agentOpMessage(source: string, ev: AgentOpEvent): NewMessage | null {
  // Agent ids are a source's own strings: one that is a phone number (found by `npm run fuzz`)
  // must not reach the stored text unmasked.
  const agent = maskFreeText(ev.agentId);
  const base = {
    _id: eventDocId(source, ev.id),
    channel: ev.channel,
    role: 'system' as const,
    type: 'event' as const,
    at: ev.at,
    customerId: ev.customerId,
    agentId: ev.agentId,
  };
  switch (ev.op) {
    case 'accept':
      return { ...base, text: `[接入] 客服 ${agent} 接入会话` };
    case 'transfer':
      return { ...base, text: `[转接] 客服 ${agent} 转给 ${maskFreeText(ev.toAgentId ?? '')}` };
    case 'note': {
      // Notes are typed by agents: their PII is masked as the agent's.
      const prefix = `[备注 ${agent}] `;
      const note = masked(ev.note ?? '', 'agent');
      return { ...base, text: prefix + note.text, ...(note.pii ? { pii: shift(note.pii, prefix.length) } : {}) };
    }
    case 'close':
      return null;
  }
}

function shift(pii: NonNullable<Message['pii']>, by: number): NonNullable<Message['pii']> {
  return pii.map((f) => ({ ...f, start: f.start + by, end: f.end + by }));
}

/**
 * Who is responsible after an accept or a transfer: a transfer keeps the session and appends
 * the new agent, so `agentIds` lists everyone who took part, in order.
 */
export function agentOpPatch(
  session: Pick<Session, 'agentIds' | 'agentId' | 'lastAt'>,
  ev: AgentOpEvent,
): Partial<Session> {
  const add = (ids: string[], id: string | undefined) => (id && !ids.includes(id) ? [...ids, id] : ids);
  let agentIds = session.agentIds ?? [];
  let agentId = session.agentId;
  if (ev.op === 'accept') {
    agentIds = add(agentIds, ev.agentId);
    agentId = ev.agentId;
  } else if (ev.op === 'transfer') {
    agentIds = add(add(agentIds, ev.agentId), ev.toAgentId);
    agentId = ev.toAgentId;
  }
  const patch: Partial<Session> = {};
  if (agentIds !== session.agentIds) patch.agentIds = agentIds;
  if (agentId !== session.agentId && agentId !== undefined) patch.agentId = agentId;
  return patch;
}

/**
 * The session update a rating makes: field by field, since a CSAT survey and an NPS survey may
 * arrive apart and neither may erase the other (`rating.csat`, ... are set individually).
 */
export function ratingPatch(incoming: Rating): Record<string, number | boolean> {
  const patch: Record<string, number | boolean> = {};
  for (const [k, v] of Object.entries(incoming)) if (v !== undefined) patch[`rating.${k}`] = v;
  return patch;
}

/** Whether a rating given at `at` may still land on `session`. */
export function isRateable(session: Pick<Session, 'status' | 'startedAt' | 'lastAt' | 'endedAt'>, at: number): boolean {
  if (session.startedAt > at) return false;
  if (session.status === 'open') return true;
  return at - (session.endedAt ?? session.lastAt) <= RATING_WINDOW_MS;
}

/** Where a transcript segment sits in its call; kept on each call message beside the text. */
export interface CallSegmentMeta {
  callId: string;
  startMs: number;
  endMs: number;
  confidence?: number;
}

export type CallMessage = Message & { segment: CallSegmentMeta };

export interface CallConversation {
  session: Session;
  messages: CallMessage[];
}

/**
 * A whole call as one closed-to-be session: one message per segment, in the order spoken
 * (by start time; ties keep the order sent), at = call start + segment start. Message ids carry
 * a zero-padded index so that the id tie-break of conversationOf keeps that order too.
 */
export function callConversation(source: string, ev: CallEvent, team?: string): CallConversation {
  const ordered = ev.segments.map((s, i) => ({ s, i })).sort((a, b) => a.s.startMs - b.s.startMs || a.i - b.i);
  let session: Session = openSession({
    channel: 'call',
    customerId: ev.customerId,
    at: ev.startedAt,
    agentId: ev.agentId,
    team,
  });
  const width = String(ordered.length).length;
  const messages: CallMessage[] = ordered.map(({ s }, i) => {
    const at = ev.startedAt + s.startMs;
    const role = s.speaker;
    const agentId = role === 'agent' ? ev.agentId : undefined;
    const stored = storedText(s.text, role);
    // A transcript's words are text: the customer's first sentence is the call's preview.
    session = { ...session, ...sessionPatchFor(session, { role, at, agentId, text: stored.text }) };
    return {
      _id: `${eventDocId(source, ev.id)}_${String(i).padStart(width, '0')}`,
      sessionId: session._id,
      channel: 'call',
      role,
      type: 'voice',
      ...stored,
      at,
      customerId: ev.customerId,
      ...(agentId ? { agentId } : {}),
      segment: {
        callId: ev.callId,
        startMs: s.startMs,
        endMs: s.endMs,
        ...(s.confidence !== undefined ? { confidence: s.confidence } : {}),
      },
    };
  });
  // The call's own end bounds the session (the last words may end well before hang-up).
  session = { ...session, lastAt: Math.max(session.lastAt, ev.endedAt), waitingSince: null };
  return { session, messages };
}
