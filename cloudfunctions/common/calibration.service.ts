/**
 * Calibration rounds (`calibrationRounds`), and what rounds, rule precision and inspector
 * statistics read: the scorecard version a round judges, the sessions' automatic scores of that
 * version, submitted reviews and decided appeals, paged through with a cap (the answer says when
 * the cap was reached). The pure arithmetic is core/inspection (calibration.model, rule-precision,
 * inspector.stats); this file only loads.
 */
import type { StoredCalibrationRound } from '../core/api.contract';
import type { Appeal } from '../core/inspection/appeal.model';
import type { CalibrationRound } from '../core/inspection/calibration.model';
import type { ScoreResult, StoredScore } from '../core/model';
import { DEFAULT_SCORECARD, SHIPPED_DEFAULT_SCORECARDS, type Scorecard } from '../core/scoring';
import { DomainError, ERROR_CODES } from '../core/errors';
import { byId, COLLECTIONS, database, rows } from './cloud';
import type { StoredReview } from './reviews.repository';

/** One page of the cloud database (a function's `get()` returns at most 1000 documents). */
const PAGE = 1000;
/** At most this many reviews (or appeals) feed a report: the newest, and the report says so. */
export const REPORT_CAP = 10_000;
/** Rounds an inspector-statistics report reads (the newest). */
const ROUNDS_CAP = 200;

function rounds() {
  return database().collection(COLLECTIONS.calibrationRounds);
}

export async function getRound(id: string): Promise<StoredCalibrationRound | null> {
  return byId<StoredCalibrationRound>(COLLECTIONS.calibrationRounds, id);
}

export async function getRoundOrThrow(id: string): Promise<StoredCalibrationRound> {
  const round = await getRound(id);
  if (!round) throw new DomainError(ERROR_CODES.CALIBRATION_NOT_FOUND, `校准轮次不存在: ${id}`);
  return round;
}

export async function putRound(round: StoredCalibrationRound): Promise<void> {
  const { _id, ...fields } = round;
  await rounds().doc(_id).set({ data: fields });
}

export interface RoundFilter {
  createdBy?: string;
  inspectorId?: string;
}

/** Rounds newest first; `inspectorId` matches rounds whose raters include them. */
export async function listRounds(
  f: RoundFilter,
  limit: number,
  skip: number,
): Promise<{ items: StoredCalibrationRound[]; total: number }> {
  const where: Record<string, unknown> = {};
  if (f.createdBy) where.createdBy = f.createdBy;
  if (f.inspectorId) where.inspectorIds = f.inspectorId;
  const [items, count] = await Promise.all([
    rows<StoredCalibrationRound>(rounds().where(where).orderBy('createdAt', 'desc').skip(skip).limit(limit)),
    rounds().where(where).count() as Promise<{ total: number }>,
  ]);
  return { items, total: count.total };
}

/** The scorecard a round (or review) judges: a shipped default or a published version. */
export async function scorecardVersion(id: string, version: number): Promise<Scorecard> {
  for (const shipped of SHIPPED_DEFAULT_SCORECARDS) {
    if (shipped.id === id && shipped.version === version) return shipped;
  }
  const [doc] = await rows<Scorecard & { _id?: string }>(
    database().collection(COLLECTIONS.scorecards).where({ id, version, status: 'published' }).limit(1),
  );
  if (!doc) throw new DomainError(ERROR_CODES.SCORECARD_NOT_FOUND, `评分卡 ${id} v${version} 不存在`);
  const { _id: _ignored, ...scorecard } = doc;
  return scorecard;
}

/** Rule names by id, newest scorecard version first (for precision rows, whose verdicts carry only ids). */
export async function ruleNames(): Promise<Map<string, string>> {
  const published = await rows<Scorecard>(
    database().collection(COLLECTIONS.scorecards).where({ status: 'published' }).limit(PAGE),
  );
  const names = new Map<string, string>();
  const cards = [
    DEFAULT_SCORECARD,
    ...published.sort((a, b) => b.version - a.version),
    ...[...SHIPPED_DEFAULT_SCORECARDS].reverse(),
  ];
  for (const card of cards) {
    for (const section of card.sections)
      for (const rule of section.rules) if (!names.has(rule.id)) names.set(rule.id, rule.name);
  }
  return names;
}

/** Each session's automatic score made with the round's scorecard version (score `_id` = `<session>_<card>_v<n>`). */
export async function automaticScores(round: CalibrationRound): Promise<Map<string, ScoreResult>> {
  const out = new Map<string, ScoreResult>();
  const ids = round.sessionIds.map((s) => `${s}_${round.scorecardId}_v${round.scorecardVersion}`);
  for (let i = 0; i < ids.length; i += 100) {
    const _ = database().command;
    const found = await rows<StoredScore>(
      database()
        .collection(COLLECTIONS.scores)
        .where({ _id: _.in(ids.slice(i, i + 100)) })
        .limit(100),
    );
    for (const s of found) out.set(s.sessionId, s);
  }
  return out;
}

/** A round's reviews (drafts included: the caller filters by what the viewer may see). */
export async function roundReviews(roundId: string): Promise<StoredReview[]> {
  return rows<StoredReview>(
    database().collection(COLLECTIONS.reviews).where({ calibrationRoundId: roundId }).limit(PAGE),
  );
}

/** Pages through a query newest first until `cap` documents; `capped` when more were there. */
async function pageThrough<T>(
  query: () => { skip(n: number): { limit(n: number): { get(): unknown } } },
  cap: number,
): Promise<{ items: T[]; capped: boolean }> {
  const items: T[] = [];
  for (let skip = 0; skip < cap; skip += PAGE) {
    const page = await rows<T>(
      query()
        .skip(skip)
        .limit(Math.min(PAGE, cap - skip)),
    );
    items.push(...page);
    if (page.length < Math.min(PAGE, cap - skip)) return { items, capped: false };
  }
  const [more] = await rows<T>(query().skip(cap).limit(1));
  return { items, capped: more !== undefined };
}

/** Submitted reviews (submitted at or after `since`), newest first, at most `cap`. */
export async function submittedReviews(
  since: number | undefined,
  cap = REPORT_CAP,
): Promise<{ items: StoredReview[]; capped: boolean }> {
  const _ = database().command;
  const where: Record<string, unknown> = { status: 'submitted' };
  if (since !== undefined) where.submittedAt = _.gte(since);
  return pageThrough<StoredReview>(
    () => database().collection(COLLECTIONS.reviews).where(where).orderBy('submittedAt', 'desc'),
    cap,
  );
}

/** Appeals opened at or after `since`, newest first, at most `cap` (read with the core's Appeal type). */
export async function appealsSince(
  since: number | undefined,
  cap = REPORT_CAP,
): Promise<{ items: Appeal[]; capped: boolean }> {
  const _ = database().command;
  const where: Record<string, unknown> = {};
  if (since !== undefined) where.openedAt = _.gte(since);
  return pageThrough<Appeal>(
    () => database().collection(COLLECTIONS.appeals).where(where).orderBy('openedAt', 'desc'),
    cap,
  );
}

/** Rounds created at or after `since` (the newest ROUNDS_CAP), with their sessions' automatic scores. */
export async function roundsWithScores(
  since: number | undefined,
): Promise<{ rounds: StoredCalibrationRound[]; automatic: Map<string, ScoreResult> }> {
  const _ = database().command;
  const where: Record<string, unknown> = {};
  if (since !== undefined) where.createdAt = _.gte(since);
  const found = await rows<StoredCalibrationRound>(
    rounds().where(where).orderBy('createdAt', 'desc').limit(ROUNDS_CAP),
  );
  const automatic = new Map<string, ScoreResult>();
  for (const round of found) for (const [s, score] of await automaticScores(round)) automatic.set(s, score);
  return { rounds: found, automatic };
}
