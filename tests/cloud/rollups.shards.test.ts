/**
 * The day bucket every unassigned customer's push increments is hot: concurrent pushes
 * conflicted on it past the SDK's retries and failed (WeChat's retries could fail the same way,
 * and the message was lost). Its pushes are spread over the bucket's shards from the first try;
 * an agent's bucket takes a shard only after a conflict.
 */
import { dayKey, NO_AGENT, ROLLUP_SHARDS, rollupId } from '../../cloudfunctions/core/rollups/rollup.counters';
import { shardAfterConflict, shardForPush } from '../../cloudfunctions/common/rollups';
import { push, pushedNow, resetStore, store } from './harness';

beforeEach(() => resetStore());

describe('rollups: a hot bucket split into shards under contention', () => {
  it('the first try counts in the bucket itself, a retry in one of the other shards', () => {
    expect(shardAfterConflict(0)).toBe(0);
    expect(shardAfterConflict(1, () => 0)).toBe(1);
    expect(shardAfterConflict(3, () => 0.999)).toBe(ROLLUP_SHARDS - 1);
  });

  it("an unassigned customer's push is spread over all shards from the first try; an agent's keeps to the bucket", () => {
    expect(shardForPush(NO_AGENT, 0, () => 0)).toBe(0);
    expect(shardForPush(NO_AGENT, 0, () => 0.999)).toBe(ROLLUP_SHARDS - 1);
    expect(shardForPush('kf001', 0, () => 0.999)).toBe(0);
    expect(shardForPush('kf001', 1, () => 0)).toBe(1);
  });

  it('48 customers pushing at once: every push succeeds, each message counted once across the shards', async () => {
    const at = Date.now();
    const n = 48;
    const bodies = Array.from({ length: n }, (_, i) =>
      pushedNow('mp-kf-text.json', { FromUserName: `oShard${i}`, MsgId: 5_000_000 + i, Content: `第${i}条` }, at),
    );
    const outcomes = await Promise.allSettled(bodies.map((b) => push(b)));
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(store.count('messages', {})).toBe(n);

    const bucket = rollupId(dayKey(at), undefined, 'mp-kf');
    const docs = store.find('rollups', {}).filter((r) => String(r._id).startsWith(bucket));
    expect(docs.reduce((s, r) => s + Number(r.messages), 0)).toBe(n);
    expect(docs.reduce((s, r) => s + Number((r.byRole as { customer: number }).customer), 0)).toBe(n);
    // The pushes went to the shards (48 pushes over 8 documents: all but never by chance).
    const shards = docs.filter((r) => r._id !== bucket);
    expect(shards.length).toBeGreaterThan(1);
    for (const s of shards) expect(s).toMatchObject({ day: dayKey(at), channel: 'mp-kf', shard: expect.any(Number) });
  });
});
