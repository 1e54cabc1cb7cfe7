/**
 * The report subpackage: chart option builders and card formatting (pure), the chart colours
 * against the tokens, and the overview and drill-down pages against a fake host whose answers
 * are built by the core's own report assembly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Increments } from '../../../cloudfunctions/core/rollups/rollup.counters';
import {
  sessionContribution,
  addStats,
  type SessionFacts,
} from '../../../cloudfunctions/core/reports/report.contribution';
import { assembleOverview, rangeOf } from '../../../cloudfunctions/core/reports/report.overview';
import { periodOf } from '../../../cloudfunctions/core/reports/report.periods';
import { trendOf } from '../../../cloudfunctions/core/reports/report.trends';
import { CHART_COLORS, CHART_COLOR_TOKENS } from '../../../src/packages/reports/chart/chart.colors';
import {
  axisLabel,
  scoreBucketRange,
  scoreDistributionOption,
  trendOption,
  trendSeries,
} from '../../../src/packages/reports/chart/options';
import { cardsOf, dimsFor, drillParams, drillUrl } from '../../../src/packages/reports/report-view';
import ReportOverviewPage from '../../../src/packages/reports/overview';
import ReportSessionsPage from '../../../src/packages/reports/sessions';
import { signIn } from '../../../src/services/auth';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeUser } from '../support/factories';
import { taroTest } from '../mocks/taro';

const T = Date.parse('2026-12-01T10:00:00+08:00');
const facts = (i: number, over: Partial<SessionFacts> = {}): SessionFacts => ({
  sessionId: `s${i}`,
  channel: 'mp-kf',
  startedAt: T,
  endedAt: T + 300_000,
  agentId: i % 2 ? 'kf001' : 'kf002',
  team: '售后一组',
  messages: [
    { role: 'customer', at: T },
    { role: 'agent', at: T + 20_000 + i * 1000 },
  ],
  rating: { csat: 3 + (i % 3), resolved: i % 4 !== 0 },
  score: { total: 60 + i, passed: i % 5 !== 0, redLine: false, scorecardId: 'default', scorecardVersion: 2, hits: [] },
  alertPolicies: [],
  ...over,
});
const sum = (n: number, offset = 0): Increments => {
  const out: Increments = {};
  for (let i = 0; i < n; i++) addStats(out, sessionContribution(facts(i + offset)));
  return out;
};

function overviewAnswer(dim: string | undefined) {
  const byValue =
    dim === 'agent'
      ? {
          current: new Map([
            ['kf001', sum(10)],
            ['kf002', sum(8)],
          ]),
          previous: new Map(),
        }
      : undefined;
  return assembleOverview({
    period: periodOf('week', '2026-12-01'),
    previousPeriod: periodOf('week', '2026-11-24'),
    dim: (dim ?? 'all') as 'all',
    scope: { team: '售后一组' },
    total: { current: sum(40), previous: sum(20, 5) },
    byValue,
  });
}

function trendAnswer() {
  const keys = ['2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49'];
  const points = trendOf(keys.map((key, i) => ({ key, stats: sum(20 + i) })));
  return {
    scope: { team: '售后一组' },
    points: points.map((p, i) => ({
      ...p,
      period: rangeOf(periodOf('week', `2026-11-${String(3 + 7 * i).padStart(2, '0')}`)),
    })),
  };
}

describe('chart option builders', () => {
  const points = trendAnswer().points;

  it('plot the value, the band as a stacked low + width, and mark a point outside it', () => {
    const flagged = points.map((p, i) =>
      i === 4
        ? { ...p, passRate: { ...p.passRate, value: 0.2, band: { centre: 0.8, low: 0.6, high: 0.95, out: true } } }
        : p,
    );
    const s = trendSeries(flagged, 'passRate');
    expect(s.labels).toEqual(['W45', 'W46', 'W47', 'W48', 'W49']);
    expect(s.values[4]).toBe(20);
    expect(s.low[4]).toBe(60);
    expect(s.width[4]).toBe(35);
    expect(s.low.slice(0, 3)).toEqual([null, null, null]); // no band without three periods of history
    expect(s.out).toEqual([false, false, false, false, true]);
    const option = trendOption(flagged, 'passRate') as { series: { stack?: string; data: unknown[] }[] };
    expect(option.series.map((x) => x.stack)).toEqual(['band', 'band', undefined]);
    const last = option.series[2].data[4] as { itemStyle: { color: string } };
    expect(last.itemStyle.color).toBe(CHART_COLORS.danger);
  });

  it('plot the EWMA for response time and label periods briefly', () => {
    const s = trendSeries(points, 'firstResponse');
    expect(s.values[3]).toBeCloseTo(points[3].firstResponse.ewma!, 1);
    expect(axisLabel('2026-12-01')).toBe('12-01');
    expect(axisLabel('2026-12')).toBe('2026-12');
  });

  it('draw the score distribution with every bucket, empty ones as 0, and give each bucket its range', () => {
    const option = scoreDistributionOption({ b60: 3, b90: 5, b100: 1 }) as {
      xAxis: { data: string[] };
      series: { data: number[] }[];
    };
    expect(option.xAxis.data[0]).toBe('0-9');
    expect(option.xAxis.data[10]).toBe('100');
    expect(option.series[0].data).toEqual([0, 0, 0, 0, 0, 0, 3, 0, 0, 5, 1]);
    expect(scoreBucketRange(60)).toEqual({ scoreMin: 60, scoreMax: 69.999 });
    expect(scoreBucketRange(100)).toEqual({ scoreMin: 100, scoreMax: 100 });
  });

  it('use exactly the colours of the style tokens', () => {
    const tokens = readFileSync(join(__dirname, '..', '..', '..', 'src', 'styles', '_tokens.scss'), 'utf8');
    for (const [name, token] of Object.entries(CHART_COLOR_TOKENS)) {
      const m = new RegExp(`^\\$${token}:\\s*(#[0-9a-f]+);`, 'mi').exec(tokens);
      expect([name, m?.[1]]).toEqual([name, CHART_COLORS[name as keyof typeof CHART_COLORS]]);
    }
  });
});

describe('report cards and drill-down links', () => {
  it('show each figure with its interval, its change and a small-sample mark', () => {
    const o = overviewAnswer(undefined);
    const cards = cardsOf(o.total.figures, o.total.change);
    const pass = cards.find((c) => c.key === 'passRate')!;
    expect(pass.value).toBe('80.0%'); // 32 of 40 pass (every fifth fails)
    expect(pass.interval).toMatch(/^95% 区间 6\d\.\d%–8\d\.\d%$/);
    expect(pass.drill).toEqual({ passed: 'false' });
    expect(cards.find((c) => c.key === 'sessions')!.change.text).toBe('较上期 +20.0');
    expect(cards.find((c) => c.key === 'firstResponse')!.small).toBe(false);
    const few = cardsOf(o.total.previous, o.total.change).find((c) => c.key === 'score')!;
    expect(few.small).toBe(true); // 20 sessions
  });

  it('round-trips a drill-down into sessions/list filters', () => {
    const range = rangeOf(periodOf('day', '2026-12-01'));
    const url = drillUrl(range, { team: '售后一组' }, { passed: 'false' }, '合格率');
    const query = Object.fromEntries(new URLSearchParams(url.split('?')[1]));
    expect(drillParams(query)).toEqual({
      status: 'closed',
      from: range.from,
      to: range.to,
      team: '售后一组',
      passed: false,
    });
  });

  it('offer breakdowns by role', () => {
    expect(dimsFor('agent')).toEqual([]);
    expect(dimsFor('supervisor')).not.toContain('team');
    expect(dimsFor('inspector')).toContain('team');
  });
});

describe('report pages', () => {
  beforeEach(() => signIn('demo-supervisor'));

  function host() {
    return installFakeHost({
      api: ({ action, params }: ApiCall) => {
        if (action === 'me/get') return ok(makeUser());
        if (action === 'reports/overview') return ok(overviewAnswer(params.dim as string | undefined));
        if (action === 'reports/trend') return ok(trendAnswer());
        return ok({});
      },
    });
  }

  it('shows the cards and the trend, and a card opens the sessions behind it', async () => {
    const api = host();
    render(<ReportOverviewPage />);
    expect(await screen.findByTestId('card-passRate')).toBeTruthy();
    expect(screen.getByText('80.0%')).toBeTruthy();
    expect(screen.getByText(/小组 售后一组 · 2026-W49（对比 2026-W48）/)).toBeTruthy();
    const chart = await screen.findByTestId('chart-report-trend');
    // ECharts drew the trend into the DOM node (SVG in H5): the line and band paths are there.
    await waitFor(() => expect(chart.querySelectorAll('svg path').length).toBeGreaterThan(2));
    const bars = await screen.findByTestId('chart-report-scores');
    await waitFor(() => expect(bars.querySelectorAll('svg path').length).toBeGreaterThan(0));
    expect(api.calls.find((c) => c.action === 'reports/overview')?.params).toMatchObject({ period: 'week' });
    fireEvent.click(screen.getByTestId('card-passRate'));
    const url = (taroTest.navigation.navigateTo.mock.calls.at(-1)?.[0] as { url: string }).url;
    expect(url).toMatch(/^\/packages\/reports\/sessions\/index\?/);
    const query = Object.fromEntries(new URLSearchParams(url.split('?')[1]));
    expect(drillParams(query)).toMatchObject({
      team: '售后一组',
      passed: false,
      from: rangeOf(periodOf('week', '2026-12-01')).from,
    });
  });

  it('breaks down by agent and opens an agent’s sessions', async () => {
    const api = host();
    render(<ReportOverviewPage />);
    await screen.findByTestId('card-passRate');
    fireEvent.click(screen.getByText('按坐席'));
    await waitFor(() =>
      expect(api.calls.some((c) => c.action === 'reports/overview' && c.params.dim === 'agent')).toBe(true),
    );
    fireEvent.click(await screen.findByText('kf001'));
    const url = (taroTest.navigation.navigateTo.mock.calls.at(-1)?.[0] as { url: string }).url;
    expect(Object.fromEntries(new URLSearchParams(url.split('?')[1]))).toMatchObject({
      agentId: 'kf001',
      team: '售后一组',
    });
  });

  it('the drill-down page lists the closed sessions of the period with the figure’s filters', async () => {
    const range = rangeOf(periodOf('day', '2026-12-01'));
    const url = drillUrl(range, { team: '售后一组' }, { passed: 'false' }, '2026-12-01 合格率');
    taroTest.setRouterParams(Object.fromEntries(new URLSearchParams(url.split('?')[1])));
    const api = installFakeHost({
      api: ({ action }: ApiCall) => {
        if (action === 'me/get') return ok(makeUser());
        if (action === 'sessions/list') return ok({ items: [], total: 0 });
        return ok([]);
      },
    });
    render(<ReportSessionsPage />);
    expect(await screen.findByText('2026-12-01 合格率')).toBeTruthy();
    await waitFor(() => expect(api.calls.some((c) => c.action === 'sessions/list')).toBe(true));
    expect(api.calls.find((c) => c.action === 'sessions/list')?.params).toMatchObject({
      status: 'closed',
      from: range.from,
      to: range.to,
      team: '售后一组',
      passed: false,
    });
  });
});
