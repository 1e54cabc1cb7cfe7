/**
 * The knowledge base and training pages (issue 16, kb) against a fake host: the admin's article
 * and catalogue editors (what they send), the knowledge gaps and a gap drafted into an article,
 * the agent's training page (recommendations with their reason, the before/after with its
 * interval or 「样本不足」, a supervisor's assignment), and knowledge-base quick replies in the chat.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { GapAnswer } from '@core/kb/kb.gaps';
import type { KbArticle } from '@core/kb/kb.model';
import type { EffectItem } from '@core/training/coaching.effect';
import type { WeaknessProfile } from '@core/training/weakness';
import KnowledgeSettings from '../../../src/packages/settings/knowledge';
import TrainingSettings from '../../../src/packages/settings/training';
import KnowledgeGaps from '../../../src/packages/supervisor/gaps';
import Training from '../../../src/packages/agent/training';
import ReplyBox from '../../../src/components/reply-box';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeUser } from '../support/factories';

const type = (el: Element, value: string) => fireEvent.change(el, { target: { value } });
const sent = (calls: ApiCall[], action: string) => calls.filter((c) => c.action === action).map((c) => c.params);

const article = (over: Partial<KbArticle> = {}): KbArticle => ({
  _id: 'kb-1',
  title: '退款多久到账',
  body: '退款原路退回，一般 1-3 个工作日到账',
  tags: ['退款'],
  issueTypes: ['refund'],
  status: 'published',
  updatedBy: 'admin',
  updatedAt: 0,
  ...over,
});

describe('settings: knowledge base and training catalogue', () => {
  beforeEach(() => signIn('demo-admin'));

  test('lists articles with their state, and publishes a new one with its tags and issue types', async () => {
    const api = installFakeHost({
      api: ({ action, params }) =>
        action === 'kb/list'
          ? ok({ items: [article({ status: 'draft', fromGap: { issueType: 'refund', questions: ['退款呢'] } })] })
          : action === 'kb/save'
            ? ok({ article: article({ ...(params as Partial<KbArticle>), _id: 'kb-2' }) })
            : ok({}),
    });
    const { container } = render(<KnowledgeSettings />);
    expect(await screen.findByText('草稿 · 退款 · 来自知识缺口')).toBeInTheDocument();
    const inputs = container.querySelectorAll('.kb-form input');
    type(inputs[0], '发票怎么开');
    type(container.querySelector('.kb-form textarea')!, '订单详情 → 申请发票');
    type(inputs[1], '发票，电子发票');
    fireEvent.click(screen.getByText('商品咨询'));
    fireEvent.click(screen.getByText('发布'));
    await waitFor(() => expect(sent(api.calls, 'kb/save')).toHaveLength(1));
    expect(sent(api.calls, 'kb/save')[0]).toEqual({
      title: '发票怎么开',
      body: '订单详情 → 申请发票',
      tags: ['发票', '电子发票'],
      issueTypes: ['product'],
      status: 'published',
    });
    expect(await screen.findByText('已保存「发票怎么开」（已发布）')).toBeInTheDocument();
  });

  test('tapping an article edits it (its id is sent back)', async () => {
    const api = installFakeHost({
      api: ({ action }) => (action === 'kb/list' ? ok({ items: [article()] }) : ok({ article: article() })),
    });
    render(<KnowledgeSettings />);
    fireEvent.click(await screen.findByText('退款多久到账'));
    fireEvent.click(screen.getByText('存为草稿'));
    await waitFor(() => expect(sent(api.calls, 'kb/save')).toHaveLength(1));
    expect(sent(api.calls, 'kb/save')[0]).toMatchObject({ articleId: 'kb-1', status: 'draft', tags: ['退款'] });
  });

  test('the catalogue sends rule ids and skills as lists', async () => {
    const api = installFakeHost({
      api: ({ action }) =>
        action === 'training/list'
          ? ok({ items: [] })
          : ok({ item: { _id: 'tr-1', title: '高效回复', link: '', description: '', ruleIds: [], skills: [] } }),
    });
    const { container } = render(<TrainingSettings />);
    expect(await screen.findByText('还没有培训条目')).toBeInTheDocument();
    const inputs = container.querySelectorAll('input');
    type(inputs[0], '高效回复');
    type(inputs[1], 'https://learn.example.com/speed');
    type(inputs[2], 'slow-reply, first-response-slow');
    type(inputs[3], '响应');
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(sent(api.calls, 'training/save')).toHaveLength(1));
    expect(sent(api.calls, 'training/save')[0]).toEqual({
      title: '高效回复',
      link: 'https://learn.example.com/speed',
      description: '',
      ruleIds: ['slow-reply', 'first-response-slow'],
      skills: ['响应'],
    });
  });
});

const GAPS: GapAnswer = {
  days: 30,
  pool: 42,
  truncated: false,
  questions: 57,
  topics: [],
  gaps: [
    {
      key: 'product:发票+增值税+专用',
      issueType: 'product',
      terms: ['发票', '增值税', '专用'],
      sessions: 3,
      questions: 3,
      damage: 150,
      failedShare: 1,
      representative: ['能开增值税专用发票吗', '发票怎么开'],
      sessionIds: ['s08', 's09', 's10'],
      article: null,
    },
  ],
  articlesStillFailing: [
    { _id: 'kb-1', title: '退款多久到账', topics: ['refund:退款+到账'], sessions: 3, damage: 100 },
  ],
};

describe('knowledge gaps', () => {
  beforeEach(() => signIn('demo-supervisor'));

  test('shows gaps ranked with their questions and failing articles; 生成草稿 drafts one from its questions', async () => {
    const api = installFakeHost({
      api: ({ action }) =>
        action === 'kb/gaps'
          ? ok(GAPS)
          : ok({ article: article({ title: '商品咨询：能开增值税专用发票吗', status: 'draft' }) }),
    });
    render(<KnowledgeGaps />);
    expect(await screen.findByText('商品咨询 · 发票 / 增值税 / 专用')).toBeInTheDocument();
    expect(screen.getByText('3 个会话 · 扣分 150 · 未通过 100%')).toBeInTheDocument();
    expect(screen.getByText('「能开增值税专用发票吗」')).toBeInTheDocument();
    expect(screen.getByText('3 个未通过会话 · 扣分 100')).toBeInTheDocument();
    fireEvent.click(screen.getByText('生成草稿'));
    expect(await screen.findByText('已生成草稿「商品咨询：能开增值税专用发票吗」')).toBeInTheDocument();
    expect(sent(api.calls, 'kb/draftFromGap')).toEqual([
      { issueType: 'product', questions: ['能开增值税专用发票吗', '发票怎么开'] },
    ]);
  });
});

const PROFILE: WeaknessProfile = {
  agentId: 'kf001',
  days: 30,
  sessions: 40,
  teamSessions: 200,
  rules: [
    {
      ruleId: 'slow-reply',
      ruleName: '回复超时',
      failures: 12,
      sessions: 40,
      rate: 0.3,
      teamFailures: 16,
      teamSessions: 200,
      teamRate: 0.08,
    },
  ],
  recommendations: [
    {
      itemId: 'tr-1',
      title: '高效回复技巧',
      link: '',
      ruleId: 'slow-reply',
      reason: '近30天「回复超时」规则失败 12/40 次（30%），团队为 8%',
    },
  ],
};

const effect = (over: Partial<EffectItem['effect']>): EffectItem['effect'] => ({
  ruleIds: ['slow-reply'],
  at: 0,
  windowDays: 30,
  before: { failures: 12, sessions: 40, rate: 0.3, from: 0, to: 0 },
  after: { failures: 3, sessions: 40, rate: 0.075, from: 0, to: 0 },
  difference: { estimate: -0.225, low: -0.3869, high: -0.0532 },
  enough: true,
  minSessions: 20,
  verdict: 'better',
  ...over,
});

describe('training page', () => {
  afterEach(() => taroTest.setRouterParams({}));

  test('an agent sees recommendations with the reason and whether coaching worked, or 样本不足', async () => {
    signIn('demo-agent');
    installFakeHost({
      api: ({ action }) =>
        action === 'me/get'
          ? ok(makeUser({ _id: 'demo-agent', role: 'agent', agentId: 'kf001' }))
          : ok({
              profile: PROFILE,
              minSessions: 20,
              effects: [
                { kind: 'training', id: 'ta-1', title: '高效回复技巧', effect: effect({}) },
                {
                  kind: 'notice',
                  id: 'n-1',
                  title: '质检结果',
                  effect: effect({
                    verdict: 'too-few',
                    enough: false,
                    difference: null,
                    after: { failures: 1, sessions: 9, rate: 1 / 9, from: 0, to: 0 },
                  }),
                },
              ],
            }),
    });
    render(<Training />);
    expect(await screen.findByText('近30天「回复超时」规则失败 12/40 次（30%），团队为 8%')).toBeInTheDocument();
    expect(screen.getByText('失败 12/40（30.0%），团队 16/200（8.0%）')).toBeInTheDocument();
    expect(screen.getByText('之前 12/40（30.0%）→ 之后 1/9（11.1%），各 30 天')).toBeInTheDocument();
    expect(screen.getByText('有改善：差 -22.5 个百分点，95% 区间 [-38.7, -5.3]')).toBeInTheDocument();
    expect(screen.getByText('样本不足')).toBeInTheDocument();
    expect(screen.queryByText('指派')).toBeNull();
  });

  test("a supervisor opens one agent's page and assigns a recommended item", async () => {
    signIn('demo-supervisor');
    taroTest.setRouterParams({ agentId: 'kf001' });
    const api = installFakeHost({
      api: ({ action }) =>
        action === 'training/profile'
          ? ok(PROFILE)
          : action === 'training/effect'
            ? ok({ items: [], minSessions: 20 })
            : ok({ assignment: { _id: 'ta-2' } }),
    });
    render(<Training />);
    fireEvent.click(await screen.findByText('指派'));
    await waitFor(() => expect(sent(api.calls, 'training/assign')).toEqual([{ agentId: 'kf001', itemId: 'tr-1' }]));
    expect(screen.getByText('还没有通知或指派的培训')).toBeInTheDocument();
  });

  // Issue 16 (strengths): what the agent did well, for the supervisor beside the weak spots.
  test("a supervisor sees the agent's 做得好的 (agent/strengths for that agent)", async () => {
    signIn('demo-supervisor');
    taroTest.setRouterParams({ agentId: 'kf001' });
    const api = installFakeHost({
      api: ({ action }) =>
        action === 'training/profile'
          ? ok(PROFILE)
          : action === 'training/effect'
            ? ok({ items: [], minSessions: 20 })
            : action === 'agent/strengths'
              ? ok({
                  days: 30,
                  since: 0,
                  items: [],
                  counts: { praise: 2, bonus: 0, sessions: 2 },
                  byLabel: [{ key: '解决彻底', name: '解决彻底', count: 2 }],
                  byRule: [],
                })
              : ok({}),
    });
    render(<Training />);
    expect(await screen.findByText('近30天：表扬 2 次 · 加分 0 项 · 涉及 2 通会话')).toBeInTheDocument();
    expect(screen.getByText('解决彻底 ×2')).toBeInTheDocument();
    expect(sent(api.calls, 'agent/strengths')).toEqual([{ agentId: 'kf001' }]);
  });

  test("a supervisor without an agent picks one of their team's agents first", async () => {
    signIn('demo-supervisor');
    installFakeHost({
      api: ({ action }) =>
        action === 'me/get'
          ? ok(makeUser({ role: 'supervisor', team: '售前一组' }))
          : ok({
              items: [
                { agentId: 'kf001', name: '王晓雨', team: '售前一组' },
                { agentId: 'kf006', name: '赵敏', team: '售后二组' },
              ],
            }),
    });
    render(<Training />);
    fireEvent.click(await screen.findByText('王晓雨 · kf001'));
    expect(screen.queryByText('赵敏 · kf006')).toBeNull();
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({
      url: '/packages/agent/training/index?agentId=kf001',
    });
  });
});

describe('knowledge-base quick replies in the reply box', () => {
  test('searching by words lists articles; a tap fills the draft with the article', async () => {
    const search = jest.fn(async (q: string) => (q.includes('退款') ? [article()] : []));
    const onSend = jest.fn(async () => undefined);
    const { container } = render(<ReplyBox onSend={onSend} searchArticles={search} />);
    type(container.querySelector('.kb-search input')!, '发票');
    fireEvent.click(screen.getByText('搜索'));
    expect(await screen.findByText('知识库里没有相关文章')).toBeInTheDocument();
    type(container.querySelector('.kb-search input')!, '退款到账');
    fireEvent.click(screen.getByText('搜索'));
    fireEvent.click(await screen.findByText('退款多久到账'));
    expect(search).toHaveBeenLastCalledWith('退款到账');
    fireEvent.click(screen.getByText('发送'));
    await waitFor(() => expect(onSend).toHaveBeenCalledWith('退款原路退回，一般 1-3 个工作日到账', false));
  });
});
