/**
 * The hot-topic and driver pages against a fake host whose answers are built by the core's own
 * insight assembly (day documents → topics and drivers → the views the actions answer), and
 * their pure formatting.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MIN_RATED, type DriverOutcome, type DriverPattern } from '../../../cloudfunctions/core/reports/report.drivers';
import {
  driversOf,
  driversView,
  topicsOf,
  topicsView,
  type InsightDay,
} from '../../../cloudfunctions/core/reports/report.insights';
import ReportDriversPage from '../../../src/packages/reports/drivers';
import InsightSessionsPage from '../../../src/packages/reports/insight-sessions';
import ReportTopicsPage from '../../../src/packages/reports/topics';
import { hiddenText, insightDrillUrl, oddsText } from '../../../src/packages/reports/insight-view';
import { signIn } from '../../../src/services/auth';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeSession, makeUser } from '../support/factories';
import { taroTest } from '../mocks/taro';

const AT = Date.parse('2026-12-01T03:00:00+08:00');
const P = (f: string[], low: boolean, n: number): DriverPattern => ({ f, low, res: low ? 'n' : 'y', n });

function day(d: string, terms: InsightDay['terms'], patterns: DriverPattern[]): InsightDay {
  return {
    _id: `day:${d}|*`,
    kind: 'day',
    day: d,
    scope: '*',
    computedAt: AT,
    sessions: 40,
    problem: 12,
    terms,
    rated: patterns.reduce((s, p) => s + p.n, 0),
    patterns,
    samples: [{ f: 'slowFirst', ids: ['s1', 's2'] }],
    ruleNames: [{ id: 'greet', name: '开场问候' }],
  };
}

const days = (scale: number) => [
  day(
    '2026-11-20',
    [
      { t: '快递', n: 9, ids: ['a'] },
      { t: '尺码', n: 10, ids: ['b'] },
    ],
    [],
  ),
  day(
    '2026-11-28',
    [
      { t: '发票', n: 12, ids: ['s1', 's2'] },
      { t: '尺码', n: 10, ids: ['c'] },
    ],
    [
      P(['rule:greet', 'slowFirst'], true, 20 * scale),
      P(['rule:greet'], false, 25 * scale),
      P(['slowFirst'], true, 12 * scale),
      P(['slowFirst'], false, 30 * scale),
      P([], true, 20 * scale),
      P([], false, 130 * scale),
    ],
  ),
];

function host(scale = 1) {
  return installFakeHost({
    api: ({ action, params }: ApiCall) => {
      if (action === 'me/get') return ok(makeUser());
      if (action === 'reports/topics')
        return ok({
          scope: {},
          insight: topicsView(topicsOf('*', 'week', '2026-11-30', days(scale), AT)),
          ...(params.term ? { sessions: [makeSession({ _id: 's1' })] } : {}),
        });
      if (action === 'reports/drivers')
        return ok({
          scope: {},
          insight: driversView(driversOf('*', '2026-11-30', days(scale), AT), MIN_RATED),
          minRated: MIN_RATED,
          ...(params.feature ? { sessions: [makeSession({ _id: 's1' })] } : {}),
        });
      return ok({});
    },
  });
}

describe('hot topics page', () => {
  beforeEach(() => signIn('demo-supervisor'));

  it('lists the topics that rose with both counts, and a topic opens its sessions', async () => {
    const api = host();
    render(<ReportTopicsPage />);
    expect(await screen.findByText('发票')).toBeTruthy();
    expect(screen.queryByText('尺码')).toBeNull();
    expect(screen.getByText(/本期 12 个会话 · 上期 0 个 · z=/)).toBeTruthy();
    expect(api.calls.find((c) => c.action === 'reports/topics')?.params).toMatchObject({ window: 'week' });
    fireEvent.click(screen.getByText('发票'));
    const url = (taroTest.navigation.navigateTo.mock.calls.at(-1)?.[0] as { url: string }).url;
    expect(url).toBe(insightDrillUrl({ kind: 'topic', term: '发票', window: 'week' }, '话题「发票」'));
    fireEvent.click(screen.getByText('近30天'));
    await waitFor(() =>
      expect(api.calls.some((c) => c.action === 'reports/topics' && c.params.window === 'month')).toBe(true),
    );
  });

  it('the sessions page asks for the topic and lists what the action answers', async () => {
    const url = insightDrillUrl({ kind: 'topic', term: '发票', window: 'week' }, '话题「发票」');
    taroTest.setRouterParams(Object.fromEntries(new URLSearchParams(url.split('?')[1])));
    const api = host();
    render(<InsightSessionsPage />);
    expect(await screen.findByText('话题「发票」')).toBeTruthy();
    await waitFor(() => expect(document.querySelector('[data-session-id="s1"]')).toBeTruthy());
    expect(api.calls.find((c) => c.action === 'reports/topics')?.params).toMatchObject({
      term: '发票',
      window: 'week',
    });
  });
});

describe('drivers page', () => {
  beforeEach(() => signIn('demo-supervisor'));

  it('ranks drivers with effect sizes and intervals, says they are associations, and opens sessions', async () => {
    host();
    render(<ReportDriversPage />);
    expect(await screen.findByText('规则未通过：开场问候')).toBeTruthy();
    expect(screen.getByText('首次响应超过60秒')).toBeTruthy();
    expect(screen.getByText(/关联分析，不是因果结论/)).toBeTruthy();
    expect(screen.getAllByText(/相对权重 \d+% · OR [\d.]+（95% [\d.]+–[\d.]+）/)).toHaveLength(2);
    expect(screen.getByText(/237 个会话中 52 个低满意度/)).toBeTruthy();
    fireEvent.click(screen.getByText('首次响应超过60秒'));
    const url = (taroTest.navigation.navigateTo.mock.calls.at(-1)?.[0] as { url: string }).url;
    expect(url).toBe(insightDrillUrl({ kind: 'driver', feature: 'slowFirst' }, '首次响应超过60秒'));
  });

  it(`says why drivers are hidden under ${MIN_RATED} rated sessions`, async () => {
    host(0.5);
    render(<ReportDriversPage />);
    expect(await screen.findByText(/不足 200 个，暂不显示驱动因素/)).toBeTruthy();
    expect(screen.queryByText('首次响应超过60秒')).toBeNull();
  });
});

describe('insight formatting', () => {
  it('formats odds ratios and the hidden reasons', () => {
    const row = { oddsRatio: 2.345, low: 1.2, high: 4.56 } as Parameters<typeof oddsText>[0];
    expect(oddsText(row)).toBe('OR 2.35（95% 1.20–4.56）');
    const o = {
      outcome: 'lowCsat',
      n: 120,
      events: 10,
      rSquared: 0,
      converged: false,
      rows: [],
      excluded: [],
    } satisfies DriverOutcome;
    expect(hiddenText({ ...o, hidden: 'too-few' }, 200)).toBe(
      '近90天可用的评价会话 120 个，不足 200 个，暂不显示驱动因素',
    );
    expect(hiddenText({ ...o, hidden: 'no-variation' }, 200)).toMatch(/无法分析/);
  });
});
