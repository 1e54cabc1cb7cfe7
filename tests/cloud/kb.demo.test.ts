/**
 * The demo's knowledge base and training (devcloud/demo/demo.kb.ts): stored as the seed stores
 * them, agents find the published articles as quick replies and not the draft, every catalogue
 * item names rules the default scorecard has (a renamed rule would silently recommend nothing),
 * and demo-agent's assigned training shows on 我的培训.
 */
import { demoKnowledge } from '../../devcloud/demo/demo.kb';
import { DEFAULT_SCORECARD } from '../../cloudfunctions/core/scoring';
import { data, putDoc } from './alerts.support';
import { callApi, resetStore } from './harness';

describe('demo knowledge base and training', () => {
  const now = Date.now();
  beforeAll(async () => {
    await resetStore();
    for (const d of demoKnowledge(now)) await putDoc(d.collection, d._id, d.data);
  });

  it('gives agents published articles to search, not the draft', async () => {
    const all = data(await callApi('agent-1', { action: 'kb/list' })).items;
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all.every((a: { status: string }) => a.status === 'published')).toBe(true);
    const refund = data(await callApi('agent-1', { action: 'kb/list', q: '退款多久能到账' })).items;
    expect(refund.map((a: { _id: string }) => a._id)).toEqual(['kb_demo_refund_time']);
  });

  it('tags training with rules the default scorecard has', async () => {
    const ruleIds = new Set(DEFAULT_SCORECARD.sections.flatMap((s) => s.rules.map((r) => r.id)));
    const items = data(await callApi('agent-1', { action: 'training/list' })).items as { ruleIds: string[] }[];
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const item of items) for (const id of item.ruleIds) expect([id, ruleIds.has(id)]).toEqual([id, true]);
  });

  it("shows demo-agent's assigned training on 我的培训", async () => {
    const { effects } = data(await callApi('agent-1', { action: 'training/mine' }));
    expect(effects).toEqual([expect.objectContaining({ kind: 'training', title: '高效响应：首响与回复时效' })]);
  });
});
