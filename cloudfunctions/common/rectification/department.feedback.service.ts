/**
 * Department feedback, the timer's weekly run (issue 16): once per ISO week (China time), the
 * week before is read from `scores` (the rules that cost points per scored session; rollups
 * count hits, not sessions, so they cannot say "in how many sessions"), and each rule failing
 * across a team (core/rectification/department.feedback.ts) becomes one notice to each of the
 * team's supervisors. `feedbackRuns/dept_<week>` marks the week done before any notice is
 * written, and each notice's id names team, rule and week: never repeated, even by two timers.
 */
import { DEPARTMENT_FEEDBACK, teamRuleFailures } from '../../core/rectification/department.feedback';
import { isActiveUser, type StoredScore } from '../../core/model';
import { rangeOf } from '../../core/reports/report.overview';
import { addDays, periodOf } from '../../core/reports/report.periods';
import { dayKey } from '../../core/rollups/rollup.counters';
import { COLLECTIONS, database, isDuplicateKeyError, rows } from '../cloud';
import { listSupervisors } from '../users.repository';
import { postToInbox } from './inbox.post';

/** A week's scores are read in pages; beyond this many the run stops (the README states it). */
const PAGE = 1000;
const MAX_SCORES = 50_000;

type ScoreRules = Pick<StoredScore, '_id' | 'team' | 'hits' | 'scoredAt'>;

async function weekScores(from: number, to: number): Promise<ScoreRules[]> {
  const _ = database().command;
  const out: ScoreRules[] = [];
  for (let skip = 0; skip < MAX_SCORES; skip += PAGE) {
    const page = await rows<ScoreRules>(
      database()
        .collection(COLLECTIONS.scores)
        .where({ scoredAt: _.gte(from).and(_.lt(to)) })
        .field({ team: true, hits: true, scoredAt: true })
        .orderBy('scoredAt', 'asc')
        .skip(skip)
        .limit(PAGE),
    );
    out.push(...page);
    if (page.length < PAGE) break;
  }
  return out;
}

/** Runs for the week before `now`'s week, once; the number of notices written. */
export async function departmentFeedback(now: number): Promise<number> {
  const week = periodOf('week', addDays(dayKey(now), -7));
  try {
    await database()
      .collection(COLLECTIONS.feedbackRuns)
      .add({ data: { _id: `dept_${week.key}`, at: now } });
  } catch (e) {
    if (isDuplicateKeyError(e)) return 0;
    throw e;
  }
  const { from, to } = rangeOf(week);
  const scores = await weekScores(from, to);
  const findings = teamRuleFailures(
    scores.map((s) => ({ team: s.team, ruleIds: s.hits.filter((h) => h.points < 0).map((h) => h.ruleId) })),
  );
  if (findings.length === 0) return 0;
  const names = new Map<string, string>();
  for (const s of scores) for (const h of s.hits) if (h.ruleName) names.set(h.ruleId, h.ruleName);
  const supervisors = (await listSupervisors()).filter(isActiveUser);
  let written = 0;
  for (const f of findings) {
    const name = names.get(f.ruleId) ?? f.ruleId;
    for (const s of supervisors.filter((u) => u.team === f.team)) {
      const posted = await postToInbox(
        {
          _id: `notice_dept_${week.key}_${f.team}_${f.ruleId}_${s._id}`,
          to: s._id,
          from: 'system:sweep',
          fromName: '部门反馈',
          kind: 'department',
          title: `${f.team}：「${name}」本组普遍不达标`,
          text: `${week.key}（${week.first} 至 ${week.last}）本组 ${f.sessions} 个会话中 ${f.failing} 个（${Math.round(
            f.share * 100,
          )}%）在「${name}」扣分，达到部门反馈线（≥ ${Math.round(DEPARTMENT_FEEDBACK.minShare * 100)}%，至少 ${
            DEPARTMENT_FEEDBACK.minSessions
          } 个会话）。建议组内培训或调整流程。`,
        },
        now,
        { page: 'packages/rectification/list/index', status: '部门反馈' },
      );
      if (posted) written++;
    }
  }
  return written;
}
