/**
 * Hot topics and drivers (issue 15): the results the nightly insights job stored
 * (common/report.insights.ts), never computed on request. With `term` (a topic) or `feature` (a
 * driver) the answer also carries the sessions behind that row, read by the ids stored with it.
 *
 * Scope: admins and inspectors read everyone's (`*`) or any team's; a supervisor their own
 * team's. Agents have no access: both are team-wide figures whose drill-down opens colleagues'
 * sessions, and drivers need 200 rated sessions, more than one agent's; an agent's own figures
 * are in reports/overview.
 */
import { z } from 'zod';
import { DomainError, ERROR_CODES } from '../../core/errors';
import type { Session, User } from '../../core/model';
import { MIN_RATED } from '../../core/reports/report.drivers';
import {
  driversDocId,
  driversView,
  EVERYONE,
  topicsDocId,
  topicsView,
  TOPIC_WINDOWS,
  type DriversInsight,
  type TopicsInsight,
  type TopicWindow,
} from '../../core/reports/report.insights';
import { readInsight } from '../../common/report.insights';
import { sessionsByIds } from '../../common/sessions.repository';
import { route } from '../router';
import { canSee } from './scope';

/** The scope whose results the caller reads: a supervisor's own team, else the named team or everyone. */
function insightScope(user: User, team: string | undefined): string {
  if (user.role === 'supervisor') {
    const own = user.team ?? '__none__';
    if (team !== undefined && team !== own) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '主管只能查看本组的数据');
    return own;
  }
  return team ?? EVERYONE;
}

const scopeOf = (scope: string) => (scope === EVERYONE ? {} : { team: scope });

async function visible(user: User, ids: string[]): Promise<Session[]> {
  return (await sessionsByIds(ids)).filter((s) => canSee(user, s));
}

export const reportsTopics = route('reports/topics', {
  params: z.object({
    window: z.enum(Object.keys(TOPIC_WINDOWS) as [TopicWindow, ...TopicWindow[]]).default('week'),
    team: z.string().min(1).max(64).optional(),
    term: z.string().min(1).max(64).optional(),
  }),
  async handle({ user }, p) {
    const scope = insightScope(user, p.team);
    const doc = await readInsight<TopicsInsight>(topicsDocId(scope, p.window));
    const answer = { scope: scopeOf(scope), insight: doc ? topicsView(doc) : null };
    if (p.term === undefined) return answer;
    const ids = doc?.topics.find((t) => t.term === p.term)?.ids ?? [];
    return { ...answer, sessions: await visible(user, ids) };
  },
});

export const reportsDrivers = route('reports/drivers', {
  params: z.object({
    team: z.string().min(1).max(64).optional(),
    feature: z.string().min(1).max(200).optional(),
  }),
  async handle({ user }, p) {
    const scope = insightScope(user, p.team);
    const doc = await readInsight<DriversInsight>(driversDocId(scope));
    const answer = { scope: scopeOf(scope), insight: doc ? driversView(doc, MIN_RATED) : null, minRated: MIN_RATED };
    if (p.feature === undefined) return answer;
    const ids = doc?.samples.find((s) => s.f === p.feature)?.ids ?? [];
    return { ...answer, sessions: await visible(user, ids) };
  },
});
