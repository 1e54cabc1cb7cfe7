/**
 * 定期回顾报告 (src/packages/reports/periodic): the caller's reports listed, one opened with its
 * figures, change, flags and rules, and its XLSX downloaded through the fresh link.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import PeriodicReportsPage from '../../../src/packages/reports/periodic';
import { headlineText } from '../../../src/packages/reports/periodic/periodic-view';
import { signIn } from '../../../src/services/auth';
import { installFakeHost, ok } from '../support/fake-host';
import { makeUser } from '../support/factories';

const report = {
  _id: 'pr_month_2026-11_sup-1',
  to: 'sup-1',
  role: 'supervisor',
  kind: 'month',
  period: { kind: 'month', key: '2026-11', first: '2026-11-01', last: '2026-11-30', from: 0, to: 0 },
  title: '月度质检回顾 2026-11 · 售前一组',
  scope: { team: '售前一组' },
  dim: 'agent',
  summary: {
    headline: [
      { key: 'sessions', label: '会话数', kind: 'int', value: 120, previous: 100, change: 20, better: null },
      { key: 'passRate', label: '合格率', kind: 'pct', value: 0.8, previous: 0.85, change: -0.05, better: false },
    ],
    flags: [{ level: 'warn', text: '合格率 80.0% 超出控制带（82.0%–95.0%），明显下降' }],
    topRules: [{ rule: 'greeting', hits: 12, previous: 4 }],
  },
  file: { fileID: 'cloud://x/reports/a.xlsx', name: '质检报表_2026-11_售前一组.xlsx', bytes: 9000, exportId: 'exp_1' },
  createdAt: 0,
};

describe('periodic reports page', () => {
  beforeEach(() => signIn('demo-supervisor'));

  it('formats a headline figure with its change', () => {
    expect(headlineText(report.summary.headline[1] as never)).toEqual({
      value: '80.0%',
      change: '较上期 −5.0个百分点',
    });
    expect(headlineText({ ...report.summary.headline[0], change: null } as never)).toEqual({
      value: '120',
      change: '无上期数据',
    });
  });

  it('lists the reports and opens one with its figures, flags, rules and file', async () => {
    const clicked: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.href);
    });
    const api = installFakeHost({
      api: ({ action }) => {
        if (action === 'me/get') return ok(makeUser({ role: 'supervisor' }));
        if (action === 'reports/periodic/list') return ok({ items: [report] });
        if (action === 'reports/periodic/get') return ok({ ...report, url: 'http://127.0.0.1/storage/a.xlsx?sign=1' });
        return ok({});
      },
    });
    render(<PeriodicReportsPage />);
    fireEvent.click(await screen.findByText('月度质检回顾 2026-11 · 售前一组'));
    expect(await screen.findByText('较上期 −5.0个百分点')).toBeTruthy();
    expect(screen.getByText(/超出控制带/)).toBeTruthy();
    expect(screen.getByText('greeting：12 次（上期 4）')).toBeTruthy();
    fireEvent.click(screen.getByText(/打开 Excel/));
    await screen.findByText(/打开 Excel/);
    await new Promise((r) => setTimeout(r, 50));
    expect(clicked).toEqual(['http://127.0.0.1/storage/a.xlsx?sign=1']);
    expect(api.calls.find((c) => c.action === 'reports/periodic/get')?.params).toEqual({ reportId: report._id });
    click.mockRestore();
  });

  it('says when there is none yet', async () => {
    installFakeHost({
      api: ({ action }) => (action === 'reports/periodic/list' ? ok({ items: [] }) : ok(makeUser({ role: 'agent' }))),
    });
    render(<PeriodicReportsPage />);
    expect(await screen.findByText(/还没有定期回顾报告/)).toBeTruthy();
  });
});
