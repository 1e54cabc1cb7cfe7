/**
 * Report figures known after a session closed, on screen: review figures and false-alarm shares
 * as lines (built from counters by the core's own figures), the section on the overview, and the
 * ranking page against a fake host whose answer is the core's ranking: ranks with ranges, ties
 * and small samples marked, a row opening its sessions.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { figuresOf } from '../../../cloudfunctions/core/reports/report.figures';
import { rangeOf } from '../../../cloudfunctions/core/reports/report.overview';
import { periodOf } from '../../../cloudfunctions/core/reports/report.periods';
import { rankEntries, type RankEntry } from '../../../cloudfunctions/core/reports/report.ranking';
import { falseAlarmLines, rankLine, reviewLines } from '../../../src/packages/reports/report-later';
import { assembleOverview } from '../../../cloudfunctions/core/reports/report.overview';
import LaterFigures from '../../../src/packages/reports/later-figures';
import ReportRankingPage from '../../../src/packages/reports/ranking';
import { drillParams } from '../../../src/packages/reports/report-view';
import { signIn } from '../../../src/services/auth';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeUser } from '../support/factories';
import { taroTest } from '../mocks/taro';

const stats = {
  sessions: 40,
  score: { count: 40, sum: 3200, sumSq: 260000, passed: 30 },
  alerts: { 'score-low': 20, 'red-line': 4 },
  falseAlarms: { 'score-low': 5 },
  review: {
    count: 10,
    sum: 850,
    sumSq: 72500,
    diffSum: 30,
    diffSumSq: 250,
    overturned: 2,
    appealItems: 4,
    appealOverturned: 1,
  },
};

describe('review and false-alarm lines', () => {
  it('show the difference with its interval, the overturn rates, and each policy’s false-alarm share', () => {
    const f = figuresOf(stats);
    const review = Object.fromEntries(reviewLines(f).map((l) => [l.key, l.text]));
    expect(review.difference).toMatch(/^\+3\.0 分（95% 区间 [+−]?\d\.\d–\+\d\.\d） · 10 通 · 样本少$/);
    expect(review.overturn).toMatch(/^20\.0%（95% 区间 .+） · 2\/10$/);
    expect(review.appeal).toMatch(/^25\.0%.* · 1\/4 项$/);
    expect(falseAlarmLines(f).map((l) => [l.label, l.text.split('（')[0]])).toEqual([
      ['score-low', '误报 5/20 = 25.0%'],
      ['red-line', '误报 0/4 = 0.0%'],
    ]);
    expect(reviewLines(figuresOf({ sessions: 3 }))).toEqual([]);
  });
});

const e = (value: string, n: number, estimate: number, low: number, high: number): RankEntry => ({
  value,
  n,
  estimate,
  low,
  high,
});
const period = rangeOf(periodOf('month', '2026-12-01'));
const rankingAnswer = (dim: 'agent' | 'team') => ({
  period,
  dim,
  metric: 'passRate' as const,
  team: dim === 'agent' ? '售后一组' : undefined,
  higherIsBetter: true,
  minN: 30,
  rows: rankEntries(
    [
      e('kf001', 100, 0.9, 0.85, 0.95),
      e('kf002', 60, 0.86, 0.8, 0.9),
      e('kf003', 100, 0.6, 0.5, 0.7),
      e('kf009', 8, 1, 0.7, 1),
    ],
    true,
  ),
});

describe('ranking lines', () => {
  it('give the rank and its range, name ties, and leave small samples unranked', () => {
    const [a, b, c, small] = rankingAnswer('agent').rows.map((r) => rankLine('passRate', r));
    expect([a.rank, a.note, a.tied]).toEqual(['第 1 名（1–2）', '与 kf002 无显著差异', true]);
    expect([b.rank, b.estimate]).toEqual(['第 2 名（1–2）', '86.0%']);
    expect([c.rank, c.note, c.tied]).toEqual(['第 3 名', 'n=100', false]);
    expect([small.rank, small.note, small.small]).toEqual(['—', '样本少（n=8），不参与排名', true]);
  });
});

describe('report screens', () => {
  beforeEach(() => signIn('demo-supervisor'));

  it('the overview section lists review figures and false alarms and links to the rankings', () => {
    const overview = assembleOverview({
      period: periodOf('month', '2026-12-01'),
      previousPeriod: periodOf('month', '2026-11-01'),
      dim: 'all',
      scope: {},
      total: { current: stats, previous: {} },
    });
    render(<LaterFigures overview={overview} role='supervisor' period='month' />);
    expect(screen.getByTestId('review-figures').textContent).toContain('改判率');
    expect(screen.getByTestId('false-alarms').textContent).toContain('误报 5/20 = 25.0%');
    fireEvent.click(screen.getByText(/排名/));
    const url = (taroTest.navigation.navigateTo.mock.calls.at(-1)?.[0] as { url: string }).url;
    expect(url).toBe('/packages/reports/ranking/index?period=month');
  });

  it('a supervisor ranks the agents of their team; a row opens the agent’s sessions', async () => {
    const api = installFakeHost({
      api: ({ action, params }: ApiCall) => {
        if (action === 'me/get') return ok(makeUser());
        if (action === 'reports/ranking') return ok(rankingAnswer((params.dim as 'agent' | 'team') ?? 'agent'));
        return ok({});
      },
    });
    render(<ReportRankingPage />);
    expect(await screen.findByText('第 1 名（1–2）')).toBeTruthy();
    expect(screen.getByText('样本少（n=8），不参与排名')).toBeTruthy();
    expect(screen.queryByText('小组')).toBeNull(); // supervisors do not rank teams
    expect(api.calls.find((c) => c.action === 'reports/ranking')?.params).toEqual({
      period: 'month',
      metric: 'passRate',
      dim: 'agent',
    });
    fireEvent.click(screen.getByText('平均得分'));
    await waitFor(() =>
      expect(api.calls.some((c) => c.action === 'reports/ranking' && c.params.metric === 'score')).toBe(true),
    );
    fireEvent.click(await screen.findByTestId('rank-kf003'));
    const url = (taroTest.navigation.navigateTo.mock.calls.at(-1)?.[0] as { url: string }).url;
    expect(drillParams(Object.fromEntries(new URLSearchParams(url.split('?')[1])))).toMatchObject({
      agentId: 'kf003',
      team: '售后一组',
      from: period.from,
      to: period.to,
    });
  });
});
