/**
 * Calibration rounds, rule precision and inspector statistics (issue 13). Who reaches a round:
 * admins every one, a supervisor the rounds they created, an inspector the rounds they rate.
 * Blind: until every inspector has finished, an inspector sees only their own answers and no
 * results; the round's creator and admins (who do not rate) may follow the results as they come.
 */
import { z } from 'zod';
import type {
  CalibrationRoundDetail,
  CriterionResult,
  InspectorStatsRow,
  RulePrecisionRow,
  StoredCalibrationRound,
} from '../../core/api.contract';
import { DomainError, ERROR_CODES } from '../../core/errors';
import {
  AMBIGUOUS_BELOW,
  calibrationResults,
  roundProgress,
  skipSession,
  visibleTo,
} from '../../core/inspection/calibration.model';
import { inspectorStats } from '../../core/inspection/inspector.stats';
import { PRECISION_FLAG_BELOW, PRECISION_MIN_VERDICTS, rulePrecision } from '../../core/inspection/rule-precision';
import type { Session, User } from '../../core/model';
import { maskFreeText } from '../../core/privacy/pii.mask';
import { audit } from '../../common/audit.log';
import {
  appealsSince,
  automaticScores,
  getRoundOrThrow,
  listRounds,
  putRound,
  roundReviews,
  roundsWithScores,
  ruleNames,
  scorecardVersion,
  submittedReviews,
} from '../../common/calibration.service';
import { COLLECTIONS, database, readInTransaction, rows, type Transaction } from '../../common/cloud';
import { getReview, reviewIdOf } from '../../common/reviews.repository';
import { getScore } from '../../common/scores.repository';
import { getSession } from '../../common/sessions.repository';
import { findUser, listUsers } from '../../common/users.repository';
import { route } from '../router';
import { paging } from './paging';
import { assertCanSee } from './scope';

const MAX_ROUND_SESSIONS = 50;
const MAX_ROUND_INSPECTORS = 10;

const id = z.string().trim().min(1).max(128);
const since = z.number().int().min(0).optional();

/** NaN (undefined statistic) as null: JSON has no NaN, and a page must not show "NaN". */
const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

function chinaDate(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
}

function newRoundId(now: number): string {
  return `cr_${now.toString(36)}${Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}

/** Whether the user reaches the round at all (ACTION_ACCESS: admin all, supervisor/inspector self). */
function reaches(user: User, round: StoredCalibrationRound): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'supervisor') return round.createdBy === user._id;
  if (user.role === 'inspector') return round.inspectorIds.includes(user._id);
  return false;
}

function assertReaches(user: User, round: StoredCalibrationRound): void {
  if (!reaches(user, round)) throw new DomainError(ERROR_CODES.AUTH_FORBIDDEN, '无权查看该校准轮次');
}

export const calibrationCreate = route('calibration/create', {
  params: z.object({
    sessionIds: z.array(id).min(1, '至少选择一个会话').max(MAX_ROUND_SESSIONS),
    inspectorIds: z.array(id).min(2, '至少选择两名质检员').max(MAX_ROUND_INSPECTORS),
    title: z.string().trim().max(40).optional(),
  }),
  async handle({ user, now }, p) {
    const sessionIds = [...new Set(p.sessionIds)];
    const inspectorIds = [...new Set(p.inspectorIds)];
    if (inspectorIds.length < 2)
      throw new DomainError(ERROR_CODES.INPUT_INVALID, 'inspectorIds: 至少选择两名不同的质检员');
    let card: { id: string; version: number } | null = null;
    for (const sessionId of sessionIds) {
      const session = await getSession(sessionId);
      if (!session) throw new DomainError(ERROR_CODES.SESSION_NOT_FOUND, `会话不存在: ${sessionId}`);
      assertCanSee(user, session);
      const score = session.score ? await getScore(sessionId) : null;
      if (!score) throw new DomainError(ERROR_CODES.CALIBRATION_NOT_SCORED, `会话 ${sessionId} 尚未评分，不能用于校准`);
      if (!card) card = { id: score.scorecardId, version: score.scorecardVersion };
      else if (card.id !== score.scorecardId || card.version !== score.scorecardVersion) {
        throw new DomainError(
          ERROR_CODES.CALIBRATION_MIXED_SCORECARDS,
          `一轮校准只能用同一版评分卡：会话 ${sessionId} 按 ${score.scorecardId} v${score.scorecardVersion} 评分，其他会话按 ${card.id} v${card.version}`,
        );
      }
    }
    for (const inspectorId of inspectorIds) {
      const inspector = await findUser(inspectorId);
      if (inspector?.role !== 'inspector') {
        throw new DomainError(ERROR_CODES.CALIBRATION_BAD_INSPECTOR, `${inspectorId} 不是已登记的质检员`);
      }
    }
    const round: StoredCalibrationRound = {
      _id: newRoundId(now),
      title: p.title ? maskFreeText(p.title) : `校准 ${chinaDate(now)}`,
      scorecardId: card!.id,
      scorecardVersion: card!.version,
      sessionIds,
      inspectorIds,
      skipped: [],
      createdBy: user._id,
      createdAt: now,
    };
    await putRound(round);
    const { _id, ...after } = round;
    await audit({
      at: now,
      by: user._id,
      entity: 'calibrationRound',
      entityId: _id,
      action: 'create',
      before: null,
      after,
    });
    return { round };
  },
});

export const calibrationList = route('calibration/list', {
  params: z.object({ ...paging }),
  async handle({ user }, p) {
    const filter =
      user.role === 'admin' ? {} : user.role === 'supervisor' ? { createdBy: user._id } : { inspectorId: user._id };
    const { items, total } = await listRounds(filter, p.limit, p.skip);
    const withProgress = await Promise.all(
      items.map(async (round) => {
        const { done, waitingFor, complete } = roundProgress(round, await roundReviews(round._id));
        return { ...round, progress: { done, waitingFor, complete } };
      }),
    );
    return { items: withProgress, total };
  },
});

async function sessionsOf(ids: string[]): Promise<Session[]> {
  const _ = database().command;
  const found = await rows<Session>(
    database()
      .collection(COLLECTIONS.sessions)
      .where({ _id: _.in(ids) })
      .limit(ids.length),
  );
  const byId = new Map(found.map((s) => [s._id, s]));
  return ids.flatMap((i) => (byId.has(i) ? [byId.get(i)!] : []));
}

export const calibrationGet = route('calibration/get', {
  params: z.object({ roundId: id }),
  async handle({ user }, p) {
    const round = await getRoundOrThrow(p.roundId);
    assertReaches(user, round);
    const reviews = await roundReviews(round._id);
    const { done, waitingFor, complete } = roundProgress(round, reviews);
    const shown = visibleTo(user._id, round, reviews);
    const users = new Map((await listUsers()).map((u) => [u._id, u.name]));
    const rater = round.inspectorIds.includes(user._id);
    const mine: CalibrationRoundDetail['mine'] = rater
      ? round.sessionIds.map((sessionId) => {
          const review = reviews.find((r) => r.inspectorId === user._id && r.sessionId === sessionId);
          const skipped = round.skipped.some((k) => k.inspectorId === user._id && k.sessionId === sessionId);
          const state = review?.status === 'submitted' ? 'submitted' : skipped ? 'skipped' : review ? 'draft' : 'todo';
          return { sessionId, state };
        })
      : null;
    // Results: once complete for everyone in the round; earlier only for those who do not rate in it.
    const mayFollow = !rater && (user.role === 'admin' || round.createdBy === user._id);
    let results: CalibrationRoundDetail['results'] = null;
    if (complete || mayFollow) {
      const scorecard = await scorecardVersion(round.scorecardId, round.scorecardVersion);
      const r = calibrationResults(round, reviews, scorecard, await automaticScores(round));
      results = {
        complete: r.complete,
        raters: r.raters,
        threshold: AMBIGUOUS_BELOW,
        criteria: r.criteria.map((c): CriterionResult => ({
          ...c,
          value: num(c.value),
          humanVsAutomatic: {
            kappa: num(c.humanVsAutomatic.kappa),
            observed: num(c.humanVsAutomatic.observed),
            n: c.humanVsAutomatic.n,
          },
        })),
      };
    }
    const sessions = (await sessionsOf(round.sessionIds)).map((s) => ({
      _id: s._id,
      ...(s.preview ? { preview: s.preview.text } : {}),
      ...(s.agentId ? { agentId: s.agentId } : {}),
      ...(s.issueType ? { issueType: s.issueType } : {}),
      ...(s.score ? { score: s.score.total } : {}),
    }));
    return {
      round,
      progress: { done, waitingFor, complete },
      inspectors: round.inspectorIds.map((i) => ({ id: i, name: users.get(i) ?? i })),
      sessions,
      mine,
      revealed: shown.revealed,
      reviews: shown.reviews as CalibrationRoundDetail['reviews'],
      results,
    };
  },
});

export const calibrationSkip = route('calibration/skip', {
  params: z.object({ roundId: id, sessionId: id }),
  async handle({ user, now }, p) {
    const round = await getRoundOrThrow(p.roundId);
    assertReaches(user, round);
    skipSession(round, user._id, p.sessionId); // checks membership and the session before anything is read
    const review = await getReview(reviewIdOf(p.sessionId, user._id, round._id));
    if (review?.status === 'submitted') {
      throw new DomainError(ERROR_CODES.CALIBRATION_ALREADY_RATED, '该会话已提交质检结果，不能再跳过');
    }
    // Read and write in one transaction: two inspectors skipping at once must both be kept.
    const updated = await database().runTransaction(async (t: Transaction) => {
      const current = await readInTransaction<Omit<StoredCalibrationRound, '_id'>>(
        t,
        COLLECTIONS.calibrationRounds,
        round._id,
      );
      const next = skipSession({ ...(current ?? round), _id: round._id }, user._id, p.sessionId);
      const { _id, ...fields } = next;
      await t.collection(COLLECTIONS.calibrationRounds).doc(_id).set({ data: fields });
      return next;
    });
    const mine = (r: StoredCalibrationRound) =>
      r.skipped.filter((k) => k.inspectorId === user._id).map((k) => k.sessionId);
    await audit({
      at: now,
      by: user._id,
      entity: 'calibrationRound',
      entityId: round._id,
      action: 'skip',
      before: { skipped: mine(round) },
      after: { skipped: mine(updated) },
      refs: { sessionId: p.sessionId },
    });
    return { round: updated };
  },
});

export const rulesPrecision = route('rules/precision', {
  params: z.object({ since }),
  async handle(_ctx, p) {
    const [{ items: reviews, capped }, names] = await Promise.all([submittedReviews(p.since), ruleNames()]);
    const items = rulePrecision(reviews).map((r): RulePrecisionRow => ({
      ruleId: r.ruleId,
      ruleVersion: r.ruleVersion,
      ruleName: names.get(r.ruleId) ?? r.ruleId,
      confirmed: r.confirmed,
      rejected: r.rejected,
      n: r.n,
      precision: num(r.precision),
      interval: { low: r.interval.low, high: r.interval.high },
      flagged: r.flagged,
      rejectReasons: r.rejectReasons.map((x) => ({ reason: maskFreeText(x.reason), count: x.count })),
    }));
    // Flagged first (worst precision first), then by rule.
    items.sort(
      (a, b) =>
        Number(b.flagged) - Number(a.flagged) ||
        (a.flagged ? (a.precision ?? 0) - (b.precision ?? 0) : 0) ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.ruleVersion - b.ruleVersion,
    );
    return {
      items,
      flagBelow: PRECISION_FLAG_BELOW,
      minVerdicts: PRECISION_MIN_VERDICTS,
      reviews: reviews.length,
      capped,
      since: p.since ?? null,
    };
  },
});

export const inspectorsStats = route('inspectors/stats', {
  params: z.object({ since }),
  async handle(_ctx, p) {
    const [reviews, appeals, calibration, users] = await Promise.all([
      submittedReviews(p.since),
      appealsSince(p.since),
      roundsWithScores(p.since),
      listUsers(),
    ]);
    const names = new Map(users.map((u) => [u._id, u.name]));
    const items = inspectorStats(reviews.items, appeals.items, calibration).map((s): InspectorStatsRow => ({
      inspectorId: s.inspectorId,
      name: names.get(s.inspectorId) ?? s.inspectorId,
      reviews: s.reviews,
      medianMsPerReview: num(s.medianMsPerReview),
      consensus: { ...s.consensus, share: num(s.consensus.share) },
      appeals: { ...s.appeals, share: num(s.appeals.share) },
    }));
    return {
      items,
      reviews: reviews.items.length,
      rounds: calibration.rounds.length,
      appeals: appeals.items.length,
      capped: reviews.capped || appeals.capped,
      since: p.since ?? null,
    };
  },
});
