/**
 * Knowledge-base gaps on demand (issue 16, kb), with a bounded read: the newest `POOL_LIMIT`
 * closed sessions of the window that failed, scored below `LOW_SCORE` or were rated unresolved
 * (a team's, for a supervisor), their customers' question turns (dialogue act `question`), and
 * the articles. Never a scan of all sessions: one indexed query on `sessions` (status,
 * startedAt, team), one `_.in` read of those sessions' messages, one of the articles.
 * The clustering and ranking are core/kb/kb.gaps.ts.
 */
import { findGaps, type GapAnswer } from '../core/kb/kb.gaps';
import type { Question } from '../core/kb/topic.clusters';
import { classifyActs } from '../core/text/dialogue-act.model';
import { listArticles } from './kb.repository';
import { listMessagesOf } from './messages.repository';
import { sessionsGoneBadly } from './sessions.repository';

export const POOL_LIMIT = 300;
export const LOW_SCORE = 70;
const DAY = 86_400_000;

export async function computeGaps(args: { team?: string; days: number; now: number }): Promise<GapAnswer> {
  const sessions = await sessionsGoneBadly({
    from: args.now - args.days * DAY,
    to: args.now,
    team: args.team,
    lowScore: LOW_SCORE,
    limit: POOL_LIMIT,
  });
  const messages = await listMessagesOf(sessions.map((s) => s._id));
  const questions: Question[] = [];
  for (const s of sessions) {
    let first = true;
    for (const [index, m] of (messages.get(s._id) ?? []).entries()) {
      if (m.role !== 'customer' || !m.text) continue;
      const acts = classifyActs(m.text, { role: 'customer', firstOfRole: first }).acts;
      first = false;
      if (acts.includes('question'))
        questions.push({ sessionId: s._id, index, text: m.text, issueType: s.issueType ?? 'other' });
    }
  }
  const report = findGaps(
    questions,
    sessions.map((s) => ({
      sessionId: s._id,
      score: s.score ? s.score.total : null,
      failed: s.score ? !s.score.passed || s.score.total < LOW_SCORE : s.rating?.resolved === false,
    })),
    await listArticles('published'),
  );
  return {
    ...report,
    days: args.days,
    pool: sessions.length,
    truncated: sessions.length === POOL_LIMIT,
    questions: questions.length,
  };
}
