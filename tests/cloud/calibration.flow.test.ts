/**
 * Calibration rounds, rule precision and the case library through the api, with reviews made
 * by the review actions (the rounds' raters work exactly as in any review).
 */
import { callApi, resetStore } from './harness';
import { data, putDoc } from './alerts.support';
import { costlyKeys, scoredSession } from './inspection.support';
import type { CalibrationRoundDetail, RulePrecisionReport } from '../../cloudfunctions/core/api.contract';

beforeEach(async () => {
  await resetStore();
  await putDoc('users', 'insp-2', { role: 'inspector', name: '质检员小孙' });
});

/** The rater reviews the round's session: rejects the listed hit keys, confirms the rest, submits. */
async function rate(openid: string, roundId: string, sessionId: string, reject: string[], all: string[]) {
  const { review } = data<{ review: { _id: string } }>(
    await callApi(openid, { action: 'reviews/open', sessionId, calibrationRoundId: roundId }),
  );
  for (const key of all) {
    data(
      await callApi(openid, {
        action: 'reviews/verdict',
        reviewId: review._id,
        key,
        verdict: reject.includes(key) ? 'rejected' : 'confirmed',
      }),
    );
  }
  data(await callApi(openid, { action: 'reviews/submit', reviewId: review._id }));
  return review._id;
}

async function round() {
  const a = await scoredSession('kf001');
  const b = await scoredSession('kf001');
  const { round } = data<{ round: { _id: string } }>(
    await callApi('sup-1', {
      action: 'calibration/create',
      sessionIds: [a.session._id, b.session._id],
      inspectorIds: ['insp-1', 'insp-2'],
    }),
  );
  return { id: round._id, a, b };
}

const detail = async (openid: string, roundId: string) =>
  data<CalibrationRoundDetail>(await callApi(openid, { action: 'calibration/get', roundId }));

describe('a calibration round', () => {
  test('is blind until every rater has submitted, then shows agreement per rule with the sessions where raters split', async () => {
    const { id, a, b } = await round();
    const keysA = costlyKeys(a.score);
    const keysB = costlyKeys(b.score);
    await rate('insp-1', id, a.session._id, [keysA[0]], keysA);
    await rate('insp-1', id, b.session._id, [], keysB);
    const early = await detail('insp-1', id);
    expect(early.revealed).toBe(false);
    expect(early.reviews.every((r) => r.inspectorId === 'insp-1')).toBe(true);
    // The other rater cannot read insp-1's answers before submitting their own.
    const theirs = early.reviews[0] as unknown as { _id: string };
    expect(await callApi('insp-2', { action: 'reviews/get', reviewId: theirs._id })).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });

    // insp-2 agrees on session A and differs on B's first hit.
    await rate('insp-2', id, a.session._id, [keysA[0]], keysA);
    await rate('insp-2', id, b.session._id, [keysB[0]], keysB);
    const done = await detail('insp-1', id);
    expect(done.revealed).toBe(true);
    expect(done.results?.complete).toBe(true);
    const criteria = done.results!.criteria;
    expect(criteria.length).toBeGreaterThan(0);
    expect(criteria.every((c) => c.method === 'cohen')).toBe(true);
    const split = criteria.find((c) => c.splits.some((s) => s.sessionId === b.session._id));
    expect(split).toBeDefined();
    expect(split!.splits.find((s) => s.sessionId === b.session._id)).toMatchObject({
      hit: ['insp-1'],
      clear: ['insp-2'],
    });
  });

  test('needs two registered inspectors and scored sessions; only its raters may open its reviews', async () => {
    const a = await scoredSession('kf001');
    expect(
      await callApi('sup-1', { action: 'calibration/create', sessionIds: [a.session._id], inspectorIds: ['insp-1'] }),
    ).toMatchObject({ code: 'INPUT.INVALID' });
    expect(
      await callApi('sup-1', {
        action: 'calibration/create',
        sessionIds: [a.session._id],
        inspectorIds: ['insp-1', 'sup-1'],
      }),
    ).toMatchObject({ code: 'CALIBRATION.BAD_INSPECTOR' });
    const { id } = await round();
    expect(
      await callApi('admin-1', { action: 'reviews/open', sessionId: a.session._id, calibrationRoundId: id }),
    ).toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });
});

test("rule precision counts every submitted reviewer's verdicts, with a Wilson interval", async () => {
  const a = await scoredSession('kf001');
  const keys = costlyKeys(a.score);
  const { review } = data<{ review: { _id: string } }>(
    await callApi('insp-1', { action: 'reviews/open', sessionId: a.session._id }),
  );
  data(
    await callApi('insp-1', {
      action: 'reviews/verdict',
      reviewId: review._id,
      key: keys[0],
      verdict: 'rejected',
      reason: '误判',
    }),
  );
  data(await callApi('insp-1', { action: 'reviews/submit', reviewId: review._id }));
  const report = data<RulePrecisionReport>(await callApi('admin-1', { action: 'rules/precision' }));
  const rule = a.score.hits.find((h) => h.points < 0)!.ruleId;
  const row = report.items.find((r) => r.ruleId === rule)!;
  expect(row).toMatchObject({ confirmed: 0, rejected: 1, n: 1, precision: 0 });
  expect(row.interval.low).toBe(0);
  expect(row.interval.high).toBeGreaterThan(0.7); // Wilson 95% for 0 of 1: [0, 0.79]
});

test('the case library stores a case masked and finds it by tag; agents do not learn whom a cautionary case is about', async () => {
  const a = await scoredSession('kf006');
  const { case: added } = data<{ case: { _id: string; note: string } }>(
    await callApi('insp-1', {
      action: 'cases/add',
      sessionId: a.session._id,
      kind: 'cautionary',
      note: '顶撞客户，客户留了电话13812345678',
      tags: ['态度'],
    }),
  );
  expect(added.note).not.toContain('13812345678');
  const found = data<{ items: { _id: string; agentId?: string; anonymous?: boolean }[] }>(
    await callApi('agent-1', { action: 'cases/list', tag: '态度' }),
  ).items;
  expect(found.map((c) => c._id)).toEqual([added._id]);
  expect(found[0]).toMatchObject({ anonymous: true });
  expect(found[0].agentId).toBeUndefined();
  expect(data<{ items: unknown[] }>(await callApi('agent-1', { action: 'cases/list', tag: '流程' })).items).toEqual([]);
});
