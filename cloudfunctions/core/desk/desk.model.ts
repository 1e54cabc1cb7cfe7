/**
 * Records of the agent's workspace (issue 16): supervisors' whispers to the agent in a live
 * session, the team's quick-reply templates, and what the workspace shows of one session.
 */
import type { Message, Session } from '../model';
import type { ReplyWindow } from './reply.window';

/**
 * A supervisor's note to the agent inside a live session (`whispers`): shown to the agent in the
 * chat, never sent to the customer and never part of the conversation that is scored.
 */
export interface Whisper {
  _id: string;
  sessionId: string;
  /** The supervisor's openid and name. */
  by: string;
  byName: string;
  /** Masked like messages. */
  text: string;
  at: number;
}

/**
 * A quick reply (`replyTemplates`): a team's (supervisors write their team's) or everyone's
 * (`team` absent: admins only). Masked when stored.
 */
export interface ReplyTemplate {
  _id: string;
  title: string;
  text: string;
  team?: string;
  updatedBy: string;
  updatedAt: number;
}

/** A session in the agent's list: waiting time as in the supervisors' live view. */
export interface DeskSession extends Session {
  waitingMs: number;
  /** No agent took it yet: the first reply takes it. */
  untaken: boolean;
}

/** One session as the workspace shows it. */
export interface DeskView {
  session: Session;
  messages: Message[];
  whispers: Whisper[];
  window: ReplyWindow;
  /** Agents of the session's team a transfer may go to (the current agent left out). */
  colleagues: { agentId: string; name: string }[];
  now: number;
}
