import Taro from '@tarojs/taro';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { BacktestAnswer } from '@core/api.contract';
import BacktestPage from '../../../src/packages/settings/backtest';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';

const rate = (k: number, n: number) => ({ k, n, estimate: n ? k / n : null, low: k ? 0.1 : 0, high: 1 });

function answer(status: 'running' | 'done', processed: number, over: Partial<BacktestAnswer> = {}): BacktestAnswer {
  return {
    job: {
      _id: 'bt_default_1',
      scorecardId: 'default',
      days: 30,
      from: 0,
      to: 1,
      status,
      draftUpdatedAt: 5,
      live: { id: 'default', version: 3 },
      createdBy: 'admin-1',
      createdAt: 1,
      updatedAt: 2,
      total: 400,
      processed,
      outOfScope: 0,
      failed: 0,
      chunks: 1,
      cursor: null,
      lastChunkMs: 10,
      maxChunkMs: 10,
      draftVersion: 4,
      progress: processed / 400,
    },
    report: {
      sessions: processed,
      reviewed: 12,
      days: 30,
      passRate: { live: 0.9, draft: 0.85 },
      flips: {
        count: 2,
        toFail: 1,
        toPass: 1,
        listed: [
          {
            sessionId: 's-bare',
            agentId: 'kf001',
            team: '售前一组',
            startedAt: 0,
            live: { total: 90, passed: true },
            draft: { total: 75, passed: false },
          },
          {
            sessionId: 's-complain',
            agentId: 'kf006',
            team: '售后二组',
            startedAt: 0,
            live: { total: 75, passed: false },
            draft: { total: 80, passed: true },
          },
        ],
      },
      change: { key: 'all', n: 400, mean: -1.2, low: -1.5, high: -0.9 },
      byAgent: [
        { key: 'kf001', n: 250, mean: -5, low: -6.5, high: -3.5 },
        { key: 'kf006', n: 1, mean: 3.75, low: null, high: null },
      ],
      byTeam: [{ key: '售前一组', n: 250, mean: -5, low: -6.5, high: -3.5 }],
      alertsPerDay: {
        live: 0.43,
        draft: 0.57,
        byPolicy: [{ policy: 'score-low', live: 0.29, draft: 0.43, liveCount: 2, draftCount: 3 }],
      },
      rules: [
        {
          ruleId: 'greeting-missing',
          live: { tp: 1, fp: 1, fn: 0, precision: rate(1, 2), recall: rate(1, 1) },
          draft: { tp: 0, fp: 0, fn: 1, precision: rate(0, 0), recall: rate(0, 1) },
        },
      ],
    },
    draftUpdatedAt: 5,
    stale: false,
    ruleNames: [{ ruleId: 'greeting-missing', name: '首句未问候' }],
    ...over,
  };
}

describe('back-test page', () => {
  beforeEach(() => {
    signIn('demo-admin');
    taroTest.setRouterParams({ scorecardId: 'default' });
  });

  test('starts a back-test over the chosen days, shows progress while polling, then the result', async () => {
    let gets = 0;
    const host = installFakeHost({
      api: ({ action }: ApiCall) => {
        if (action === 'agents/list') return ok({ items: [{ agentId: 'kf001', name: '王晓雨' }] });
        if (action === 'backtests/latest') return ok({ job: null });
        if (action === 'backtests/start') return ok(answer('running', 100));
        if (action === 'backtests/get') return ok(++gets < 2 ? answer('running', 300) : answer('done', 400));
        return ok({});
      },
    });
    render(<BacktestPage />);
    expect(await screen.findByText('这份草稿还没有回测')).toBeInTheDocument();
    fireEvent.click(screen.getByText('近 90 天'));
    fireEvent.click(screen.getByText('开始回测'));
    expect(await screen.findByText(/已回放 100\/400/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');
    expect(await screen.findByText(/已回放 300\/400/, undefined, { timeout: 3000 })).toBeInTheDocument();
    expect(await screen.findByText(/合格结果翻转 2 通/, undefined, { timeout: 3000 })).toBeInTheDocument();
    expect(host.calls.find((c) => c.action === 'backtests/start')?.params).toEqual({
      scorecardId: 'default',
      days: 90,
    });
    expect(host.calls.filter((c) => c.action === 'backtests/get').map((c) => c.params)).toEqual([
      { jobId: 'bt_default_1' },
      { jobId: 'bt_default_1' },
    ]);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  }, 10_000);

  test('shows flips (each opens side by side, and its session), change by agent and team, alerts per day and rule precision/recall', async () => {
    installFakeHost({
      api: ({ action }: ApiCall) => {
        if (action === 'agents/list') return ok({ items: [{ agentId: 'kf001', name: '王晓雨' }] });
        if (action === 'backtests/latest') return ok(answer('done', 400));
        return ok({});
      },
    });
    const { container } = render(<BacktestPage />);
    expect(await screen.findByText(/变不合格 1，变合格 1/)).toBeInTheDocument();
    expect(screen.getByText(/合格率：线上 90% → 草稿 85%/)).toBeInTheDocument();

    // A flip opens side by side (the editor previews the session with the draft beside its live
    // score); 会话 opens the session itself.
    fireEvent.click(screen.getByText('草稿 75（不合格）'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({
      url: '/packages/settings/scorecard/index?scorecardId=default&sessionId=s-bare',
    });
    const row = screen.getByText('草稿 75（不合格）').parentElement as HTMLElement;
    fireEvent.click(within(row).getByText('会话'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/session/detail/index?sessionId=s-bare' });

    const agents = container.querySelector('[data-part="agents"]') as HTMLElement;
    const kf001 = within(agents).getByText('王晓雨').parentElement as HTMLElement;
    expect(kf001).toHaveTextContent('n=250');
    expect(kf001).toHaveTextContent('-5.0（-6.5～-3.5）');
    // One session: a mean, no interval.
    const kf006 = agents.querySelector('[data-key="kf006"]') as HTMLElement;
    expect(kf006).toHaveTextContent('+3.8');
    expect(kf006).not.toHaveTextContent('～');
    expect(
      within(container.querySelector('[data-part="teams"]') as HTMLElement).getByText('售前一组'),
    ).toBeInTheDocument();

    expect(screen.getByText('预计告警：线上 0.43/天 → 草稿 0.57/天')).toBeInTheDocument();
    const lowScore = container.querySelector('[data-policy="score-low"]') as HTMLElement;
    expect(lowScore).toHaveTextContent('线上 0.29/天');
    expect(lowScore).toHaveTextContent('草稿 0.43/天');

    const rule = container.querySelector('[data-rule="greeting-missing"]') as HTMLElement;
    expect(rule).toHaveTextContent('首句未问候');
    expect(rule).toHaveTextContent('准确率：线上 50%（10%–100%，n=2） · 草稿 —');
    expect(rule).toHaveTextContent('召回率：线上 100%（10%–100%，n=1） · 草稿 0%（0%–100%，n=1）');
    expect(screen.queryByText(/结果可能已过时/)).not.toBeInTheDocument();
  });

  test('says when the draft changed after the back-test started', async () => {
    installFakeHost({
      api: ({ action }: ApiCall) => {
        if (action === 'backtests/latest') return ok(answer('done', 400, { stale: true, draftUpdatedAt: 9 }));
        return ok({ items: [] });
      },
    });
    render(<BacktestPage />);
    expect(await screen.findByText(/草稿在这次回测开始后又修改过/)).toBeInTheDocument();
  });
});
