/**
 * The demo's reviewers' praise (devcloud/demo/demo.praise.ts), run through the real router on
 * imported, scored sessions: demo-agent's newest full-mark sessions are praised, the agent's
 * inbox has 做得好的 to show, the review notices arrive, and a session that lost points (the
 * one the e2e inspection walk reviews) stays unreviewed.
 */
import { seedDemoPraise } from '../../devcloud/demo/demo.praise';
import type { Strengths } from '../../cloudfunctions/core/inspection/strengths';
import { data, inStore } from './alerts.support';
import { callApi, importAsServer, resetStore } from './harness';
import { scoredSession } from './inspection.support';

beforeEach(() => resetStore());

const call = (openid: string, d: Record<string, unknown>) => callApi(openid, d);

/** A polite, quick conversation of kf001 that the default card scores 100. */
async function perfectSession(n: number, at: number): Promise<string> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const answer = (await importAsServer({
    id: `perfect-${n}`,
    channel: 'import',
    customerId: `oPerfect${n}`,
    agentId: 'kf001',
    messages: [
      { role: 'customer', at: iso(at), text: '你好，我想问一下我的订单什么时候发货' },
      { role: 'agent', at: iso(at + 20_000), text: '您好，很高兴为您服务！您的订单已经打包，今天下午就会发货。' },
      { role: 'customer', at: iso(at + 60_000), text: '好的，谢谢' },
      { role: 'agent', at: iso(at + 80_000), text: '不客气，请问还有其他可以帮您的吗？祝您生活愉快，再见！' },
    ],
  })) as { ok: boolean; sessionId: string };
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  const [score] = await inStore<{ total: number }>('scores', { sessionId: answer.sessionId });
  if (score?.total !== 100) throw new Error(`the fixture must score 100, scored ${score?.total}`);
  return answer.sessionId;
}

describe('demo praise', () => {
  it("praises the agent's two newest full-mark sessions on their first reply; a session that lost points stays unreviewed", async () => {
    const hour = 3600_000;
    const oldest = await perfectSession(1, Date.now() - 30 * hour);
    const praised = [await perfectSession(2, Date.now() - 20 * hour), await perfectSession(3, Date.now() - 10 * hour)];
    const lost = await scoredSession('kf001', Date.now() - 5 * hour);
    expect(await seedDemoPraise(call, { inspector: 'insp-1', agentId: 'kf001' })).toBe(2);

    const mine = data<Strengths>(await callApi('agent-1', { action: 'agent/strengths' }));
    expect(mine.counts.praise).toBe(2);
    expect(mine.items.map((i) => [i.kind, i.messageIndex])).toEqual([
      ['praise', 1],
      ['praise', 1],
    ]);
    expect(mine.items.map((i) => i.sessionId).sort()).toEqual([...praised].sort());
    expect(mine.items.map((i) => i.sessionId)).not.toContain(oldest);
    expect(mine.byLabel.map((l) => l.key).sort()).toEqual(['安抚到位', '话术专业']);
    expect(await inStore('notices', { to: 'agent-1', kind: 'review' })).toHaveLength(2);
    expect(await inStore('reviews', { sessionId: lost.session._id })).toEqual([]);
  });

  it('says what refused it rather than seeding half a review', async () => {
    await perfectSession(1, Date.now() - 3600_000);
    // An agent may not open reviews: the seed stops with the router's reason.
    await expect(seedDemoPraise(call, { inspector: 'agent-1', agentId: 'kf001' })).rejects.toThrow(/reviews\/open/);
    expect(await inStore('reviews', {})).toEqual([]);
  });
});
