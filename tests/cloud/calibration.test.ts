/**
 * Calibration rounds, rule precision and the case library through the api, on the local store.
 * Reviews are made with the core's pure functions and stored with putReview (the review actions
 * are another area's), from sessions scored by a real import.
 */
import {
  newReview,
  submitReview,
  hitKey,
  setVerdict,
  type Review,
} from '../../cloudfunctions/core/inspection/review.model';
import { DEFAULT_SCORECARD } from '../../cloudfunctions/core/scoring';
import type { StoredScore } from '../../cloudfunctions/core/model';
import { putReview, reviewIdOf } from '../../cloudfunctions/common/reviews.repository';
import { runWithContext } from '../../devcloud/sdk/cloud.binding';
import { data, inStore, putDoc } from './alerts.support';
import { callApi, importAsServer, resetStore, USERS } from './harness';
import { importRecord } from './import.support';

const T = Date.parse('2026-11-01T10:00:00+08:00');

async function scoredSession(n: number): Promise<{ id: string; score: StoredScore }> {
  const answer = await importAsServer(
    importRecord(`cal-${n}`, `oCal${n}`, [
      { at: '2026-11-01T10:00:00+08:00', text: '你好，我要投诉，东西坏了' },
      { at: '2026-11-01T10:05:00+08:00', text: '哦' },
    ]),
  );
  const { sessionId } = answer as unknown as { sessionId: string };
  const [score] = await inStore<StoredScore>('scores', { sessionId });
  expect(score).toBeDefined();
  return { id: score.sessionId, score };
}

async function review(
  sessionId: string,
  score: StoredScore,
  inspectorId: string,
  roundId: string | undefined,
  reject: string[] = [],
  at = T,
): Promise<Review> {
  const ctx = {
    scorecard: DEFAULT_SCORECARD,
    automatic: score,
    conversation: { id: sessionId, channel: 'import', customerId: 'x', startedAt: T, messages: [] },
  } as never;
  let r = newReview({ sessionId, inspectorId, agentId: 'kf001', calibrationRoundId: roundId }, score, at - 60_000);
  for (const h of score.hits) {
    r = setVerdict(r, ctx, hitKey(h), reject.includes(h.ruleId) ? 'rejected' : 'confirmed', '不成立', at);
  }
  r = submitReview(r, ctx, at);
  await runWithContext({ SOURCE: 'test' }, () => putReview({ ...r, _id: reviewIdOf(sessionId, inspectorId, roundId) }));
  return r;
}

const USERS_PLUS = [
  ...USERS,
  { _id: 'insp-2', role: 'inspector' as const, name: '质检员小孙' },
  { _id: 'insp-3', role: 'inspector' as const, name: '质检员小吴' },
];

beforeEach(() => resetStore(USERS_PLUS));

describe('calibration rounds', () => {
  it('refuses fewer than two inspectors, non-inspectors and unscored sessions', async () => {
    const s = await scoredSession(1);
    const one = await callApi('admin-1', {
      action: 'calibration/create',
      sessionIds: [s.id],
      inspectorIds: ['insp-1'],
    });
    expect(one).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const twice = await callApi('admin-1', {
      action: 'calibration/create',
      sessionIds: [s.id],
      inspectorIds: ['insp-1', 'insp-1'],
    });
    expect(twice).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const agent = await callApi('admin-1', {
      action: 'calibration/create',
      sessionIds: [s.id],
      inspectorIds: ['insp-1', 'agent-1'],
    });
    expect(agent).toMatchObject({ ok: false, code: 'CALIBRATION.BAD_INSPECTOR' });
    await putDoc('sessions', 'open-1', {
      channel: 'mp-kf',
      customerId: 'c',
      agentIds: [],
      status: 'open',
      startedAt: T,
      lastAt: T,
      messageCount: 0,
    });
    const open = await callApi('admin-1', {
      action: 'calibration/create',
      sessionIds: ['open-1'],
      inspectorIds: ['insp-1', 'insp-2'],
    });
    expect(open).toMatchObject({ ok: false, code: 'CALIBRATION.NOT_SCORED' });
    expect(await inStore('calibrationRounds')).toEqual([]);
  });

  it('is blind until everyone finished, then gives Cohen’s κ per rule, flags splits, and audits create and skip', async () => {
    const a = await scoredSession(1);
    const b = await scoredSession(2);
    expect(a.score.hits.length).toBeGreaterThan(0);
    const { round } = data(
      await callApi('sup-1', {
        action: 'calibration/create',
        sessionIds: [a.id, b.id],
        inspectorIds: ['insp-1', 'insp-2'],
        title: '十一月校准',
      }),
    );
    expect(round).toMatchObject({ scorecardId: a.score.scorecardId, inspectorIds: ['insp-1', 'insp-2'], skipped: [] });
    const rule = a.score.hits[0].ruleId;
    await review(a.id, a.score, 'insp-1', round._id);
    await review(b.id, b.score, 'insp-1', round._id);
    // insp-1 has finished, insp-2 not: insp-1 sees only their own answers and no results.
    const early = data(await callApi('insp-1', { action: 'calibration/get', roundId: round._id }));
    expect(early).toMatchObject({
      revealed: false,
      results: null,
      progress: { complete: false, waitingFor: ['insp-2'] },
    });
    expect(early.reviews.map((r: Review) => r.inspectorId)).toEqual(['insp-1', 'insp-1']);
    expect(early.mine.map((m: { state: string }) => m.state)).toEqual(['submitted', 'submitted']);
    // The creator follows the results as they come; insp-3 is not in the round.
    expect(data(await callApi('sup-1', { action: 'calibration/get', roundId: round._id })).results).not.toBeNull();
    expect(await callApi('insp-3', { action: 'calibration/get', roundId: round._id })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });

    // insp-2 rejects the first rule on session a and skips session b.
    await review(a.id, a.score, 'insp-2', round._id, [rule]);
    data(await callApi('insp-2', { action: 'calibration/skip', roundId: round._id, sessionId: b.id }));
    const done = data(await callApi('insp-1', { action: 'calibration/get', roundId: round._id }));
    expect(done.revealed).toBe(true);
    expect(done.reviews).toHaveLength(3);
    const c = done.results.criteria.find((x: { ruleId: string }) => x.ruleId === rule);
    // Session b is rated by one inspector only: missing data, so Krippendorff's α.
    expect(c.method).toBe('krippendorff');
    expect(c.ambiguous).toBe(true);
    expect(c.splits).toEqual([{ sessionId: a.id, hit: ['insp-1'], clear: ['insp-2'] }]);
    const audits = await inStore<{ action: string }>('auditLog', { entity: 'calibrationRound' });
    expect(audits.map((e) => e.action).sort()).toEqual(['create', 'skip']);
    // Skipping a session already submitted is refused.
    expect(await callApi('insp-1', { action: 'calibration/skip', roundId: round._id, sessionId: a.id })).toMatchObject({
      code: 'CALIBRATION.ALREADY_RATED',
    });
  });

  it('uses Cohen’s κ with two complete raters and Fleiss’ κ with three', async () => {
    const s = [await scoredSession(1), await scoredSession(2)];
    const rule = s[0].score.hits[0].ruleId;
    const two = data(
      await callApi('admin-1', {
        action: 'calibration/create',
        sessionIds: s.map((x) => x.id),
        inspectorIds: ['insp-1', 'insp-2'],
      }),
    ).round;
    const three = data(
      await callApi('admin-1', {
        action: 'calibration/create',
        sessionIds: s.map((x) => x.id),
        inspectorIds: ['insp-1', 'insp-2', 'insp-3'],
      }),
    ).round;
    for (const r of [two, three])
      for (const i of r.inspectorIds) for (const x of s) await review(x.id, x.score, i, r._id);
    const get = async (id: string) =>
      data(await callApi('admin-1', { action: 'calibration/get', roundId: id })).results.criteria.find(
        (c: { ruleId: string }) => c.ruleId === rule,
      );
    expect(await get(two._id)).toMatchObject({ method: 'cohen', value: 1, ambiguous: false });
    expect(await get(three._id)).toMatchObject({ method: 'fleiss', value: 1, ambiguous: false });
  });
});

describe('rule precision and inspector statistics', () => {
  it('counts submitted verdicts per rule with a Wilson interval, and flags a rule below 0.8 on ten verdicts', async () => {
    const s = await scoredSession(1);
    const rule = s.score.hits[0].ruleId;
    // 12 reviews by insp-1 of the same session (outside rounds): 3 confirm, 9 reject.
    for (let i = 0; i < 12; i++) await review(s.id, s.score, 'insp-1', `solo${i}`, i < 9 ? [rule] : [], T + i * 1000);
    const report = data(await callApi('insp-1', { action: 'rules/precision' }));
    const row = report.items.find((r: { ruleId: string }) => r.ruleId === rule);
    expect(row).toMatchObject({ confirmed: 3, rejected: 9, n: 12, precision: 0.25, flagged: true });
    expect(row.interval.low).toBeCloseTo(0.0889, 3);
    expect(row.interval.high).toBeCloseTo(0.5323, 3);
    expect(report).toMatchObject({ reviews: 12, capped: false });
    const stats = data(await callApi('sup-1', { action: 'inspectors/stats' }));
    expect(stats.items).toEqual([
      expect.objectContaining({ inspectorId: 'insp-1', name: '质检员小何', reviews: 12, medianMsPerReview: 60_000 }),
    ]);
  });
});

describe('the case library', () => {
  it('stores cases masked, finds them by tag and issue type, hides other agents on cautionary cases, and lets only creator, team supervisor or admin remove', async () => {
    const s = await scoredSession(1);
    const added = data(
      await callApi('insp-1', {
        action: 'cases/add',
        sessionId: s.id,
        kind: 'cautionary',
        note: '客户留了电话13812345678，没有安抚',
        tags: ['#安抚', '投诉'],
      }),
    ).case;
    expect(added.note).not.toContain('13812345678');
    expect(added.tags).toEqual(['安抚', '投诉']);
    expect(added.excerpts.length).toBeGreaterThan(0);
    expect(
      await callApi('insp-1', { action: 'cases/add', sessionId: s.id, kind: 'exemplary', note: 'x' }),
    ).toMatchObject({ code: 'CASE.EXISTS' });
    const byTag = data(await callApi('insp-1', { action: 'cases/list', tag: '安抚' }));
    expect(byTag.items.map((c: { _id: string }) => c._id)).toEqual([added._id]);
    expect(data(await callApi('insp-1', { action: 'cases/list', tag: '退款' })).items).toEqual([]);
    if (added.issueType) {
      expect(data(await callApi('insp-1', { action: 'cases/list', issueType: added.issueType })).total).toBe(1);
    }
    expect(data(await callApi('insp-1', { action: 'cases/list', kind: 'exemplary' })).total).toBe(0);
    // The other team's agent sees the case without whom it is about; kf001 sees it is theirs.
    const other = data(await callApi('agent-2', { action: 'cases/list' })).items[0];
    expect(other).toMatchObject({ anonymous: true });
    expect(other.agentId).toBeUndefined();
    expect(data(await callApi('agent-1', { action: 'cases/list' })).items[0]).toMatchObject({ agentId: 'kf001' });
    // Removal: not the other team's supervisor, not another inspector; the creator may.
    expect(await callApi('sup-2', { action: 'cases/remove', caseId: added._id })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    expect(await callApi('insp-2', { action: 'cases/remove', caseId: added._id })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
    data(await callApi('insp-1', { action: 'cases/remove', caseId: added._id }));
    const audits = await inStore<{ action: string; before: unknown; after: unknown }>('auditLog', { entity: 'case' });
    expect(audits.map((e) => e.action)).toEqual(['add', 'remove']);
  });
});
