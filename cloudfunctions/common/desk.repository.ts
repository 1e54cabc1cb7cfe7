/**
 * The agent's workspace (issue 16) collections: `whispers` (supervisors' notes to the agent in a
 * live session, never sent to the customer) and `replyTemplates` (quick replies: a team's or
 * everyone's). Each read here and nowhere else.
 */
import { randomUUID } from 'crypto';
import type { ReplyTemplate, Whisper } from '../core/desk/desk.model';
import { byId, COLLECTIONS, database, rows } from './cloud';

export async function addWhisper(whisper: Whisper): Promise<void> {
  const { _id, ...fields } = whisper;
  await database().collection(COLLECTIONS.whispers).doc(_id).set({ data: fields });
}

/** A session's whispers, oldest first (at most 200: a chat's worth). */
export async function whispersOf(sessionId: string): Promise<Whisper[]> {
  return rows<Whisper>(
    database().collection(COLLECTIONS.whispers).where({ sessionId }).orderBy('at', 'asc').limit(200),
  );
}

export async function getTemplate(id: string): Promise<ReplyTemplate | null> {
  return byId<ReplyTemplate>(COLLECTIONS.replyTemplates, id);
}

export async function putTemplate(template: ReplyTemplate): Promise<void> {
  const { _id, ...fields } = template;
  await database().collection(COLLECTIONS.replyTemplates).doc(_id).set({ data: fields });
}

export async function removeTemplate(id: string): Promise<void> {
  await database().collection(COLLECTIONS.replyTemplates).doc(id).remove();
}

/** Everyone's templates and, with `team`, that team's; `team` undefined: all of them (admins). */
export async function listTemplates(team: string | undefined | null): Promise<ReplyTemplate[]> {
  const all = await rows<ReplyTemplate>(
    database().collection(COLLECTIONS.replyTemplates).orderBy('title', 'asc').limit(500),
  );
  if (team === undefined) return all;
  return all.filter((t) => !t.team || t.team === team);
}

/** A fresh id for a template or a whisper. */
export function newDeskId(prefix: 'tpl' | 'whisper'): string {
  return `${prefix}_${randomUUID()}`;
}
