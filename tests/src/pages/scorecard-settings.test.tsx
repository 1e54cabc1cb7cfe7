/**
 * The scorecard settings pages against a fake host that answers with the real core: the draft is
 * edited by applyEdits/validateDraft and compared with diffScorecards, as the server does.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ScorecardDetail, StoredScorecardDraft } from '@core/api.contract';
import { DEFAULT_SCORECARD_V1 } from '@core/scoring/default.scorecard';
import { DEFAULT_SCORECARD_V7 } from '@core/scoring/default.scorecard.v7';
import { diffScorecards } from '@core/scoring/scorecard.diff';
import { applyEdits, validateDraft, type ScorecardEdit } from '@core/scoring/scorecard.edit';
import { draftFrom } from '@core/scoring/scorecard.versioning';
import ScorecardPage from '../../../src/packages/settings/scorecard';
import ScorecardsPage from '../../../src/packages/settings/scorecards';
import SessionDetail from '../../../src/packages/session/detail';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeMessage, makeScore, makeSession, makeUser } from '../support/factories';

const ADMIN = makeUser({ _id: 'demo-admin', role: 'admin' });

describe('scorecards list', () => {
  test('shows scope, live version and badges; reorders the precedence and picks the default; copies a card', async () => {
    signIn('demo-admin');
    const host = installFakeHost({
      api: ({ action, params }: ApiCall) => {
        if (action === 'me/get') return ok(ADMIN);
        if (action === 'scorecards/list')
          return ok({
            items: [
              {
                id: 'default',
                name: '通用评分卡',
                scope: {},
                liveVersion: 2,
                versions: [1, 2],
                draft: null,
                isDefault: true,
              },
              {
                id: 'general',
                name: '新通用卡',
                scope: {},
                liveVersion: 1,
                versions: [1],
                draft: null,
                isDefault: false,
              },
              {
                id: 'refunds',
                name: '退款专项',
                scope: { issueTypes: ['refund'] },
                liveVersion: 3,
                versions: [1, 2, 3],
                draft: { version: 4, basedOn: 3, updatedAt: 1, updatedBy: 'demo-admin' },
                isDefault: false,
              },
              {
                id: 'wecom',
                name: '微信客服卡',
                scope: { channels: ['wecom-kf'] },
                liveVersion: 1,
                versions: [1],
                draft: null,
                isDefault: false,
              },
            ],
            precedence: {
              stored: false,
              order: ['refunds', 'wecom'],
              defaultId: 'default',
              cards: [
                { id: 'default', name: '通用评分卡', scope: {}, scoped: false, liveVersion: 2 },
                { id: 'general', name: '新通用卡', scope: {}, scoped: false, liveVersion: 1 },
                { id: 'refunds', name: '退款专项', scope: { issueTypes: ['refund'] }, scoped: true, liveVersion: 3 },
                { id: 'wecom', name: '微信客服卡', scope: { channels: ['wecom-kf'] }, scoped: true, liveVersion: 1 },
              ],
            },
          });
        if (action === 'scorecards/precedence') return ok({ stored: true, order: [], defaultId: 'general', cards: [] });
        if (action === 'scorecards/draft')
          return ok({ created: true, draft: { id: (params.copyAs as { id: string }).id } });
        return fail('ACTION.UNKNOWN', action);
      },
    });
    render(<ScorecardsPage />);
    const refunds = await screen.findByText('退款专项', { selector: '.scorecards-page__name' });
    const row = refunds.closest('[data-scorecard]') as HTMLElement;
    expect(within(row).getByText('草稿 v4')).toBeInTheDocument();
    expect(within(row).getByText(/问题类型：退款退货 · 线上 v3/)).toBeInTheDocument();
    const defaultRow = document.querySelector('[data-scorecard="default"]') as HTMLElement;
    expect(within(defaultRow).getByText('默认')).toBeInTheDocument();
    fireEvent.click(row);
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({
      url: '/packages/settings/scorecard/index?scorecardId=refunds',
    });

    // Precedence: not stored yet, said so; move 微信客服卡 up, choose 新通用卡 as the default.
    const precedence = document.querySelector('[data-part="precedence"]') as HTMLElement;
    expect(within(precedence).getByText(/尚未设置/)).toBeInTheDocument();
    fireEvent.click(within(precedence.querySelector('[data-order="wecom"]') as HTMLElement).getByText('上移'));
    fireEvent.click(within(precedence).getByText('新通用卡（general）'));
    fireEvent.click(within(precedence).getByText('保存优先级'));
    await waitFor(() => expect(screen.getByText('优先级已保存，新会话按此评分')).toBeInTheDocument());
    expect(host.calls.find((c) => c.action === 'scorecards/precedence')?.params).toEqual({
      set: { order: ['wecom', 'refunds'], defaultId: 'general' },
    });

    // A copy for a new scope.
    const copy = document.querySelector('[data-part="copy"]') as HTMLElement;
    fireEvent.click(within(copy).getByText('退款专项'));
    fireEvent.change(copy.querySelector('[data-field="copy-id"]')!, { target: { value: 'refunds-wecom' } });
    fireEvent.click(within(copy.querySelector('[data-part="copy-channels"]') as HTMLElement).getByText('微信客服'));
    fireEvent.click(within(copy).getByText('复制并编辑草稿'));
    await waitFor(() =>
      expect(taroTest.navigation.navigateTo).toHaveBeenLastCalledWith({
        url: '/packages/settings/scorecard/index?scorecardId=refunds-wecom',
      }),
    );
    expect(host.calls.find((c) => c.action === 'scorecards/draft')?.params).toEqual({
      scorecardId: 'refunds',
      copyAs: { id: 'refunds-wecom', scope: { channels: ['wecom-kf'], issueTypes: [], businessLines: [] } },
    });
  });
});

/** A fake server holding one draft of the default scorecard, edited with the real core. */
function scorecardServer() {
  const live = DEFAULT_SCORECARD_V7;
  let draft: StoredScorecardDraft | null = null;
  const detail = (): ScorecardDetail => ({
    live,
    draft,
    changes: draft ? diffScorecards(live, draft) : null,
    versions: [
      { version: 1, shipped: true, live: false },
      { version: 2, shipped: true, live: false },
      { version: 3, shipped: true, live: false },
      { version: 4, shipped: true, live: false },
      { version: 5, shipped: true, live: false },
      { version: 6, shipped: true, live: false },
      { version: 7, shipped: true, live: true },
    ],
  });
  return {
    api: ({ action, params }: ApiCall) => {
      if (action === 'me/get') return ok(ADMIN);
      if (action === 'scorecards/get') return ok(detail());
      if (action === 'sessions/list')
        return ok({
          items: [makeSession({ _id: 's-recent', preview: { text: '我的快递怎么还没到', at: 1 } })],
          total: 1,
        });
      if (action === 'scorecards/saveDraft') {
        // As the server does: the stored draft without its storage fields.
        const {
          updatedAt: _at,
          updatedBy: _by,
          ...base
        } = draft ?? { ...draftFrom(live), updatedAt: 0, updatedBy: '' };
        try {
          const next = validateDraft(applyEdits(base, params.edits as ScorecardEdit[]));
          draft = { ...next, updatedAt: Date.now(), updatedBy: 'demo-admin' };
          return ok({ draft, changes: diffScorecards(live, next) });
        } catch (e) {
          return fail('SCORECARD.INVALID', (e as Error).message);
        }
      }
      if (action === 'scorecards/preview')
        return ok({
          scorecardId: 'default',
          version: draft ? 8 : 7,
          draft: Boolean(draft),
          total: 0,
          passed: false,
          redLine: true,
          hits: [
            {
              ruleId: 'off-platform-transaction',
              ruleVersion: 1,
              ruleName: '引导站外交易',
              messageIndex: 0,
              span: [3, 6],
              excerpt: '亲，加我微信聊',
              points: -25,
              reason: '引导站外交易：命中「加微信」',
              redLine: true,
            },
          ],
          skipped: [],
          sample: { role: 'agent', text: String(params.text) },
        });
      if (action === 'scorecards/publish') {
        const changes = diffScorecards(live, draft!);
        draft = null;
        return ok({ published: { ...live, version: 8 }, changes });
      }
      if (action === 'backtests/latest')
        return ok({
          job: { _id: 'bt_1', scorecardId: 'default', status: 'done', days: 30 },
          report: {
            sessions: 120,
            days: 30,
            flips: { count: 3, toFail: 2, toPass: 1, listed: [] },
            change: { key: 'all', n: 120, mean: -1.25, low: -2, high: -0.5 },
            alertsPerDay: { live: 2, draft: 2.5, byPolicy: [] },
          },
          draftUpdatedAt: 1,
          stale: false,
          ruleNames: [],
        });
      if (action === 'scorecards/rollback')
        return ok({ published: { ...DEFAULT_SCORECARD_V1, version: 8 }, changes: {} });
      return fail('ACTION.UNKNOWN', action);
    },
  };
}

describe('scorecard editor', () => {
  beforeEach(() => {
    signIn('demo-admin');
    taroTest.setRouterParams({ scorecardId: 'default' });
  });

  test('a switch and a word chip save to the draft at once; publishing confirms what changed', async () => {
    const host = installFakeHost(scorecardServer());
    render(<ScorecardPage />);
    const greeting = await screen.findByText('已开启', { selector: '[data-switch="greeting-missing"]' });
    expect(screen.getByText(/无草稿/)).toBeInTheDocument();
    fireEvent.click(greeting);
    await waitFor(() => expect(document.querySelector('[data-switch="greeting-missing"]')).toHaveTextContent('已关闭'));
    expect(host.calls.find((c) => c.action === 'scorecards/saveDraft')?.params).toEqual({
      scorecardId: 'default',
      edits: [{ kind: 'rule', rule: 'greeting-missing', enabled: false }],
    });
    expect(screen.getByText(/草稿 v8（基于 v7）/)).toBeInTheDocument();

    // A word list: remove 拜拜 from the closing words, add 回见.
    const closing = document.querySelector('[data-words="p:closing-missing:0:words"]') as HTMLElement;
    fireEvent.click(within(closing).getByLabelText('删除拜拜'));
    await waitFor(() => expect(within(closing).queryByLabelText('删除拜拜')).toBeNull());
    fireEvent.change(closing.querySelector('input')!, { target: { value: '回见' } });
    fireEvent.click(within(closing).getByText('添加'));
    await waitFor(() => expect(within(closing).getByText('回见')).toBeInTheDocument());

    fireEvent.click(screen.getByText('发布'));
    const confirm = document.querySelector('[data-part="confirm"]') as HTMLElement;
    expect(within(confirm).getByText('修改规则「首句未问候」：关闭')).toBeInTheDocument();
    // The draft's newest back-test, shown before publishing.
    expect(
      await within(confirm).findByText(
        '回测近 30 天 120 通：3 通结果翻转（2 通转为不合格、1 通转为合格），均分变化 -1.3，告警 2.0 → 2.5 条/天',
      ),
    ).toBeInTheDocument();
    expect(within(confirm).getByText(/修改规则「未礼貌结束」：关键词 \+「回见」 −「拜拜」/)).toBeInTheDocument();
    fireEvent.click(within(confirm).getByText('确认发布'));
    await waitFor(() => expect(screen.getByText('已发布 v8，新会话按此版本评分')).toBeInTheDocument());
    expect(host.calls.filter((c) => c.action === 'scorecards/publish')).toHaveLength(1);
  });

  test('typed numbers wait for 保存修改, and the server’s error shows beside the field it names', async () => {
    const host = installFakeHost(scorecardServer());
    render(<ScorecardPage />);
    const points = (await screen.findAllByDisplayValue('-35')).find(
      (el) => el.getAttribute('data-field') === 'r:rude-language:points',
    )!;
    fireEvent.change(points, { target: { value: '0' } });
    const seconds = document.querySelector('[data-field="p:first-response-slow:0:overSeconds"]')!;
    fireEvent.change(seconds, { target: { value: '90' } });
    expect(host.calls.some((c) => c.action === 'scorecards/saveDraft')).toBe(false);
    fireEvent.click(screen.getByText('保存修改（2）'));
    const error = await screen.findByText(/服务态度恶劣」的分值：分值不能为 0/);
    expect(error).toHaveAttribute('data-error', 'r:rude-language:points');
    expect(document.querySelector('[data-error="p:first-response-slow:0:overSeconds"]')).toBeNull();

    fireEvent.change(points, { target: { value: '-40' } });
    fireEvent.click(screen.getByText('保存修改（2）'));
    await waitFor(() => expect(screen.queryByText(/保存修改/)).toBeNull());
    expect(document.querySelector('[data-error]')).toBeNull();
    expect(host.calls.filter((c) => c.action === 'scorecards/saveDraft').at(-1)?.params.edits).toEqual([
      { kind: 'rule', rule: 'rude-language', points: -40 },
      { kind: 'param', rule: 'first-response-slow', leaf: 0, param: 'overSeconds', value: 90 },
    ]);
    expect(screen.getByDisplayValue('90')).toBeInTheDocument();
  });

  test("a red line's learned-model condition (v7) shows the red line it judges and a bar the admin tunes", async () => {
    const host = installFakeHost(scorecardServer());
    render(<ScorecardPage />);
    await screen.findByText('已开启', { selector: '[data-switch="rude-language"]' });
    // Condition 1 is the word lists, condition 2 the model.
    const head = document.querySelector('[data-chips="p:rude-language:1:head"]') as HTMLElement;
    expect(within(head).getByText('辱骂推诿')).toHaveAttribute('aria-pressed', 'true');
    expect(within(head).getByText('好评返利')).toHaveAttribute('aria-pressed', 'false');
    const bar = document.querySelector('[data-field="p:rude-language:1:minConfidence"]') as HTMLInputElement;
    expect(bar.value).toBe('0.9');
    fireEvent.change(bar, { target: { value: '0.95' } });
    fireEvent.click(screen.getByText('保存修改（1）'));
    await waitFor(() => expect(screen.queryByText(/保存修改/)).toBeNull());
    expect(host.calls.filter((c) => c.action === 'scorecards/saveDraft').at(-1)?.params.edits).toEqual([
      { kind: 'param', rule: 'rude-language', leaf: 1, param: 'minConfidence', value: 0.95 },
    ]);
    expect(document.querySelector('[data-error]')).toBeNull();
  });

  test('opened from a back-test flip, previews that session with the draft at once (side by side)', async () => {
    taroTest.setRouterParams({ scorecardId: 'default', sessionId: 's-flip' });
    const host = installFakeHost(scorecardServer());
    render(<ScorecardPage />);
    await screen.findByText('预览');
    await waitFor(() =>
      expect(host.calls.find((c) => c.action === 'scorecards/preview')?.params).toEqual({
        scorecardId: 'default',
        sessionId: 's-flip',
      }),
    );
  });

  test('previews a sample line, rolls back to an earlier version, and opens the back-test', async () => {
    const host = installFakeHost(scorecardServer());
    render(<ScorecardPage />);
    const preview = (await screen.findByText('预览')).closest('[data-part="preview"]') as HTMLElement;
    fireEvent.change(preview.querySelector('[data-field="preview-text"]')!, { target: { value: '亲，加我微信聊' } });
    fireEvent.click(within(preview).getByText('试一试'));
    expect(await within(preview).findByText(/引导站外交易 -25/)).toBeInTheDocument();
    expect(within(preview).getByText('线上 v7：0 分，不合格')).toBeInTheDocument();
    expect(host.calls.find((c) => c.action === 'scorecards/preview')?.params).toEqual({
      scorecardId: 'default',
      text: '亲，加我微信聊',
      role: 'agent',
    });

    // A real session picked from the latest ones.
    fireEvent.click(await within(preview).findByText(/我的快递怎么还没到/));
    await waitFor(() =>
      expect(host.calls.filter((c) => c.action === 'scorecards/preview').at(-1)?.params).toEqual({
        scorecardId: 'default',
        sessionId: 's-recent',
      }),
    );
    expect(host.calls.find((c) => c.action === 'sessions/list')?.params).toMatchObject({ status: 'closed' });

    const v1 = document.querySelector('[data-version="1"]') as HTMLElement;
    // The shipped versions 1-7 in the history, 7 live.
    expect(Array.from(document.querySelectorAll('[data-version]')).map((e) => e.getAttribute('data-version'))).toEqual([
      '7',
      '6',
      '5',
      '4',
      '3',
      '2',
      '1',
    ]);
    expect(within(document.querySelector('[data-version="7"]') as HTMLElement).getByText('线上')).toBeInTheDocument();
    fireEvent.click(within(v1).getByText('回滚'));
    fireEvent.click(within(v1).getByText('确认回滚到 v1'));
    await waitFor(() => expect(screen.getByText('已回滚：v1 的内容发布为 v8')).toBeInTheDocument());
    expect(host.calls.find((c) => c.action === 'scorecards/rollback')?.params).toEqual({
      scorecardId: 'default',
      version: 1,
    });

    fireEvent.click(screen.getByText('回测'));
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({
      url: '/packages/settings/backtest/index?scorecardId=default',
    });
  });
});

describe('session detail after a publish', () => {
  test('names the scorecard version that scored the session above its waterfall', async () => {
    signIn('demo-admin');
    taroTest.setRouterParams({ sessionId: 'session-1' });
    installFakeHost({
      api: ({ action }: ApiCall) => {
        if (action === 'me/get') return ok(ADMIN);
        if (action === 'sessions/get')
          return ok({
            session: makeSession({ status: 'closed' }),
            messages: [makeMessage({ role: 'customer', text: '在吗' })],
            score: makeScore({ total: 90, passed: true, hits: [], scorecardVersion: 3 }),
          });
        return fail('ACTION.UNKNOWN', action);
      },
    });
    render(<SessionDetail />);
    expect(await screen.findByText('评分卡 default v3')).toHaveAttribute('data-part', 'scorecard-version');
  });
});
