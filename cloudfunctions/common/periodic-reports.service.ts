/**
 * Periodic review reports (issue 15): once a month, quarter or half-year has closed (China
 * time, after 02:00 like the nightly rollup job), the sweep writes for each recipient one
 * report: admins the whole service broken down by team, each supervisor their team broken down
 * by agent, each agent their own figures (months only). A report holds the headline figures
 * with the change, flags from the control bands, the rules hit most (core/reports/report.review.ts)
 * and an XLSX of the same overview and trend (report.export.ts), kept PERIODIC_FILE_TTL_MS.
 *
 * Idempotent: a report's id is `pr_<kind>_<key>_<openid>`; recipients who have theirs are
 * skipped, and a report stored by a concurrent run wins (the loser's file is deleted). At most
 * PER_RUN reports a run, so a run stays inside the function's time limit; the next run goes on.
 * Delivery: the recipient's list of periodic reports (`reports/periodic/list`) is their inbox;
 * agents also get a notice in theirs; a subscription message goes out when a consent is banked.
 */
import { dayKey } from '../core/rollups/rollup.counters';
import { ALL_TEAMS, type ReportDimension } from '../core/reports/report.contribution';
import { exportFileBase, reportSheets } from '../core/reports/report.export';
import { assembleOverview, rangeOf, type PeriodRange, type ReportOverview } from '../core/reports/report.overview';
import { previousPeriod, type Period } from '../core/reports/report.periods';
import {
  closedPeriods,
  REVIEW_KIND_NAMES,
  reviewSummary,
  type PeriodicReportView,
  type ReviewKind,
  type ReviewSummary,
} from '../core/reports/report.review';
import { trendOf, type TrendPoint } from '../core/reports/report.trends';
import { isActiveUser, type User } from '../core/model';
import { chinaTime } from './alerts/alert.delivery';
import { sendSubscription } from './alerts/subscription.service';
import { cloud, COLLECTIONS, database, isDuplicateKeyError, rows } from './cloud';
import { logFailure } from './log';
import { readPeriod, total, type SlotQuery } from './report.reader';
import { saveExport, tempUrlOf } from './report.export';
import { listUsers } from './users.repository';

export const PERIODIC_FILE_TTL_MS = 400 * 86_400_000;
const PER_RUN = 10;
/** Periods of the kind the trend (and its bands) looks back over. */
const TREND_POINTS = 6;
export const PERIODIC_REPORTS_PAGE = 'packages/reports/periodic/index';

export type PeriodicReport = PeriodicReportView;

interface Plan {
  scope: ReportOverview['scope'];
  dim: ReportDimension;
  total: SlotQuery;
  breakdown: SlotQuery | null;
}

/** What a recipient's report covers: the scopes `reports/overview` gives the same role. */
export function planOf(user: User): Plan | null {
  if (user.role === 'admin') {
    return {
      scope: {},
      dim: 'team',
      total: { in: ALL_TEAMS, dim: 'all', values: ['all'] },
      breakdown: { in: ALL_TEAMS, dim: 'team' },
    };
  }
  if (user.role === 'supervisor' && user.team) {
    return {
      scope: { team: user.team },
      dim: 'agent',
      total: { in: ALL_TEAMS, dim: 'team', values: [user.team] },
      breakdown: { in: user.team, dim: 'agent' },
    };
  }
  if (user.role === 'agent' && user.agentId) {
    return {
      scope: { agentId: user.agentId },
      dim: 'all',
      total: { in: ALL_TEAMS, dim: 'agent', values: [user.agentId] },
      breakdown: null,
    };
  }
  return null;
}

const kindsFor = (role: User['role']): ReviewKind[] => (role === 'agent' ? ['month'] : ['month', 'quarter', 'half']);

export const reportIdOf = (kind: ReviewKind, key: string, openid: string) => `pr_${kind}_${key}_${openid}`;

async function overviewOf(
  plan: Plan,
  period: Period,
  at: number,
): Promise<{ overview: ReportOverview; trend: (TrendPoint & { period: PeriodRange })[] }> {
  const prev = previousPeriod(period);
  const [cur, old] = await Promise.all([readPeriod(period, plan.total, at), readPeriod(prev, plan.total, at)]);
  const split = plan.breakdown
    ? await Promise.all([readPeriod(period, plan.breakdown, at), readPeriod(prev, plan.breakdown, at)])
    : null;
  const overview = assembleOverview({
    period,
    previousPeriod: prev,
    dim: plan.dim,
    scope: plan.scope,
    total: { current: total(cur), previous: total(old) },
    byValue: split ? { current: split[0], previous: split[1] } : undefined,
  });
  const periods: Period[] = [period];
  while (periods.length < TREND_POINTS) periods.unshift(previousPeriod(periods[0]));
  const read = await Promise.all(periods.map((p) => readPeriod(p, plan.total, at)));
  const points = trendOf(read.map((byValue, i) => ({ key: periods[i].key, stats: total(byValue) })));
  return { overview, trend: points.map((p, i) => ({ ...p, period: rangeOf(periods[i]) })) };
}

function titleOf(kind: ReviewKind, period: Period, scope: ReportOverview['scope']): string {
  const who = scope.agentId ? '我的数据' : scope.team ? scope.team : '全部团队';
  return `${REVIEW_KIND_NAMES[kind]}质检回顾 ${period.key} · ${who}`;
}

/** Builds, stores and delivers one recipient's report; false when one already existed. */
export async function buildPeriodicReport(user: User, kind: ReviewKind, period: Period, at: number): Promise<boolean> {
  const plan = planOf(user);
  if (!plan) return false;
  const id = reportIdOf(kind, period.key, user._id);
  const { overview, trend } = await overviewOf(plan, period, at);
  const summary = reviewSummary(overview, trend);
  const saved = await saveExport({
    sheets: reportSheets(overview, trend, chinaTime(at)),
    format: 'xlsx',
    base: exportFileBase(overview),
    by: 'sweep',
    at,
    ttlMs: PERIODIC_FILE_TTL_MS,
  });
  const title = titleOf(kind, period, plan.scope);
  const report: Omit<PeriodicReport, '_id'> = {
    to: user._id,
    role: user.role,
    kind,
    period: rangeOf(period),
    title,
    scope: plan.scope,
    dim: plan.dim,
    summary,
    file: { fileID: saved.fileID, name: saved.name, bytes: saved.bytes, exportId: saved.exportId },
    createdAt: at,
  };
  try {
    await database()
      .collection(COLLECTIONS.periodicReports)
      .add({ data: { _id: id, ...report } });
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
    // Another run stored it first: this run's file goes.
    try {
      await cloud.deleteFile({ fileList: [saved.fileID] });
    } catch (err) {
      logFailure('sweep/periodic-reports', err, { report: id });
    }
    await database().collection(COLLECTIONS.reportExports).doc(saved.exportId).remove();
    return false;
  }
  await deliver(user, id, title, summary, at);
  return true;
}

async function deliver(user: User, reportId: string, title: string, summary: ReviewSummary, at: number): Promise<void> {
  if (user.role === 'agent') {
    try {
      await database()
        .collection(COLLECTIONS.notices)
        .add({
          data: {
            _id: `notice_${reportId}`,
            to: user._id,
            agentId: user.agentId,
            from: 'sweep',
            fromName: '系统',
            kind: 'report',
            title,
            text: summary.flags.map((f) => f.text).join('；') || '本期数据已生成，点开查看',
            reportId,
            createdAt: at,
            readAt: null,
          },
        });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }
  const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s);
  await sendSubscription(
    user._id,
    {
      page: `${PERIODIC_REPORTS_PAGE}?id=${reportId}`,
      data: {
        thing1: { value: thing(title) },
        phrase2: { value: summary.flags.some((f) => f.level === 'warn') ? '需关注' : '已生成' },
        time3: { value: chinaTime(at) },
        thing4: { value: thing(summary.flags[0]?.text ?? '质检回顾报告') },
      },
    },
    { kind: 'notice', noticeId: reportId },
    at,
  );
}

/**
 * On unless the function's environment sets `KEFU_PERIODIC_REPORTS=off` (a deployment that does
 * not want them; the cloud tests' harness turns them off so that other features' sweeps do not
 * also write reports, notices and messages, and turns them on where they are tested).
 */
export function periodicReportsEnabled(): boolean {
  return process.env.KEFU_PERIODIC_REPORTS !== 'off';
}

/**
 * The sweep's step: after 02:00 China time, the reports of the periods that closed most recently
 * that recipients do not have yet, PER_RUN at most. Answers how many were made.
 */
export async function sweepPeriodicReports(at: number): Promise<number> {
  if (!periodicReportsEnabled()) return 0;
  if (new Date(at + 8 * 3600_000).getUTCHours() < 2) return 0;
  const users = (await listUsers()).filter((u) => isActiveUser(u) && planOf(u) !== null);
  if (users.length === 0) return 0;
  const periods = closedPeriods(dayKey(at));
  let made = 0;
  for (const period of periods) {
    const kind = period.kind as ReviewKind;
    const want = users.filter((u) => kindsFor(u.role).includes(kind));
    const have = new Set(
      (
        await rows<{ _id: string }>(
          database()
            .collection(COLLECTIONS.periodicReports)
            .where({ kind, 'period.key': period.key })
            .field({ _id: true })
            .limit(1000),
        )
      ).map((r) => r._id),
    );
    for (const user of want) {
      if (made >= PER_RUN) return made;
      if (have.has(reportIdOf(kind, period.key, user._id))) continue;
      try {
        if (await buildPeriodicReport(user, kind, period, at)) made++;
      } catch (e) {
        logFailure('sweep/periodic-reports', e, { user: user._id });
      }
    }
  }
  return made;
}

/** A recipient's reports, newest period first, without the file's temp link. */
export async function listPeriodicReports(to: string, limit: number, skip: number): Promise<PeriodicReport[]> {
  return rows<PeriodicReport>(
    database()
      .collection(COLLECTIONS.periodicReports)
      .where({ to })
      .orderBy('createdAt', 'desc')
      .skip(skip)
      .limit(limit),
  );
}

/** One report with a fresh temp link to its XLSX (empty when storage has none); null when there is none. */
export async function getPeriodicReport(id: string): Promise<(PeriodicReport & { url: string }) | null> {
  const [report] = await rows<PeriodicReport>(
    database().collection(COLLECTIONS.periodicReports).where({ _id: id }).limit(1),
  );
  if (!report) return null;
  const url = report.file ? await tempUrlOf(report.file.fileID).catch(() => '') : '';
  return { ...report, url };
}
