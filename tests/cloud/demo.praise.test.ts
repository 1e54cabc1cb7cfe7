/**
 * The demo's reviewers' praise (devcloud/demo/demo.praise.ts), run through the real router on
 * scored sessions: the agent's inbox then has 做得好的 to show, and the review notices arrive.
 */
import { seedDemoPraise } from '../../devcloud/demo/demo.praise';
import type { Strengths } from '../../cloudfunctions/core/inspection/strengths';
import { data, inStore } from './alerts.support';
import { callApi, resetStore } from './harness';
import { scoredSession } from './inspection.support';

beforeEach(() => resetStore());

describe('demo praise', () => {
  it("praises the agent's two newest scored sessions on their first reply, and the agent sees them", async () => {
    const older = await scoredSession('kf001', Date.now() - 30 * 3600_000);
    await scoredSession('kf001', Date.now() - 20 * 3600_000);
    await scoredSession('kf001', Date.now() - 10 * 3600_000);
    const call = (openid: string, d: Record<string, unknown>) => callApi(openid, d);
    expect(await seedDemoPraise(call, { inspector: 'insp-1', agentId: 'kf001' })).toBe(2);

    const mine = data<Strengths>(await callApi('agent-1', { action: 'agent/strengths' }));
    expect(mine.counts.praise).toBe(2);
    expect(mine.items.map((i) => [i.kind, i.messageIndex])).toEqual([
      ['praise', 1],
      ['praise', 1],
    ]);
    expect(mine.items.map((i) => i.sessionId)).not.toContain(older.session._id);
    expect(mine.byLabel.map((l) => l.key).sort()).toEqual(['安抚到位', '话术专业']);
    expect(await inStore('notices', { to: 'agent-1', kind: 'review' })).toHaveLength(2);
  });

  it('says what refused it rather than seeding half a review', async () => {
    await scoredSession('kf001');
    const call = (openid: string, d: Record<string, unknown>) => callApi(openid, d);
    // An agent may not open reviews: the seed stops with the router's reason.
    await expect(seedDemoPraise(call, { inspector: 'agent-1', agentId: 'kf001' })).rejects.toThrow(/reviews\/open/);
    expect(await inStore('reviews', {})).toEqual([]);
  });
});
