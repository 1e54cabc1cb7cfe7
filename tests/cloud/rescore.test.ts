import { messageEvent, ratingEvent } from '../core/ingest/events.factories';
import { callApi } from './harness';
import { all, batch, resetWithSecrets, signedPost } from './events.support';

beforeEach(() => resetWithSecrets());

const T = Date.now() - 3600_000;
const at = (seconds: number) => T + seconds * 1000;

/** A polite, quick, closed conversation that passes: the base the late rating changes. */
async function closedGoodSession(polite = true): Promise<string> {
  await signedPost(
    batch([
      messageEvent({ id: 'm1', at: at(0), text: '你好，我的快递到哪了' }),
      messageEvent({
        id: 'm2',
        at: at(polite ? 10 : 90),
        role: 'agent',
        agentId: 'kf001',
        text: polite ? '您好，很高兴为您服务，已为您查询，包裹预计明天送达' : '已查询，包裹预计明天送达',
      }),
      messageEvent({ id: 'm3', at: at(100), text: '好的' }),
      messageEvent({
        id: 'm4',
        at: at(110),
        role: 'agent',
        agentId: 'kf001',
        text: polite ? '还有其他可以帮您的吗？感谢您的耐心，祝您生活愉快' : '嗯',
      }),
    ]),
  );
  const [session] = await all('sessions');
  await callApi('admin-1', { action: 'sessions/close', sessionId: session._id });
  return session._id;
}

describe('a rating that arrives after the session closed', () => {
  it('re-scores the session and moves the counters from the old result to the new one, once', async () => {
    const sessionId = await closedGoodSession();
    const [before] = await all('sessions');
    expect(before.score).toMatchObject({ passed: true, revision: 0 });
    const [bucketBefore] = (await all('rollups')).filter((r) => r.sessions !== undefined);

    const late = batch([ratingEvent({ id: 'late-1', at: at(600), csat: 1, resolved: false })]);
    await signedPost(late);
    await signedPost(late); // the source retries: nothing moves twice

    const [after] = await all('sessions');
    expect(after.score.revision).toBe(1);
    expect(after.score.total).toBeLessThan(before.score.total);
    const [score] = await all('scores', { sessionId });
    expect(score.hits.map((h: { ruleId: string }) => h.ruleId)).toContain('unresolved');
    expect(score.ratingUsed).toEqual({ csat: 1, resolved: false });

    const [bucket] = (await all('rollups')).filter((r) => r.sessions !== undefined);
    expect(bucket.sessions).toBe(1);
    expect(bucket.scoreSum).toBe(after.score.total);
    expect(bucket.csatCount).toBe(1);
    expect(bucket.csatSum).toBe(1);
    expect(bucket.resolvedCount).toBe(1);
    expect(bucket.resolvedYes ?? 0).toBe(0);
    expect(Object.values(bucket.scoreBuckets as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(1);
    expect(bucketBefore.scoreSum).toBe(before.score.total);
  });

  it('raises the alert a newly failing session deserves', async () => {
    await closedGoodSession(false);
    const [before] = await all('sessions');
    expect(before.score.passed).toBe(true);
    expect(await all('alerts')).toHaveLength(0);
    await signedPost(batch([ratingEvent({ id: 'late-2', at: at(600), csat: 1, resolved: false })]));
    const [session] = await all('sessions');
    expect(session.score.passed).toBe(false);
    expect(await all('alerts')).toEqual([expect.objectContaining({ sessionId: session._id, policy: 'score-low' })]);
  });
});
