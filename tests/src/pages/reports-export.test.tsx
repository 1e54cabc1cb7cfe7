/**
 * 导出 on the report overview (src/packages/reports/export): the export asks for what the page
 * shows, the H5 build downloads the temp URL through a link, the last file stays listed, and a
 * refusal (the hourly limit) is shown as a toast.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ExportBar from '../../../src/packages/reports/export/export-bar';
import { signIn } from '../../../src/services/auth';
import { installFakeHost, ok } from '../support/fake-host';

const exported = {
  exportId: 'exp_1',
  fileID: 'cloud://local.local/reports/2026-12-06/exp_1/质检报表_2026-W49_售后一组.xlsx',
  name: '质检报表_2026-W49_售后一组.xlsx',
  format: 'xlsx',
  bytes: 7_340,
  url: 'http://127.0.0.1:8787/storage/reports/x.xlsx?expires=1&sign=ab',
  urlExpiresAt: 0,
  expiresAt: 0,
  sheets: ['说明', '概览', '按坐席', '趋势'],
};

describe('report export', () => {
  beforeEach(() => signIn('demo-supervisor'));

  it('exports what the page shows and downloads it through a link', async () => {
    const clicked: { href: string; download: string }[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download });
    });
    const api = installFakeHost({ api: ({ action }) => (action === 'reports/export' ? ok(exported) : ok({})) });
    render(<ExportBar query={{ period: 'week', key: '2026-W49', dim: 'agent' }} />);
    fireEvent.click(screen.getByText('导出 Excel'));
    await screen.findByTestId('export-last');
    expect(api.calls.filter((c) => c.action === 'reports/export').map((c) => c.params)).toEqual([
      { format: 'xlsx', period: 'week', key: '2026-W49', dim: 'agent' },
    ]);
    expect(clicked).toEqual([{ href: exported.url, download: exported.name }]);
    expect(screen.getByText(exported.name)).toBeTruthy();
    expect(screen.getByText(/7\.2 KB · 含 说明、概览、按坐席、趋势/)).toBeTruthy();
    click.mockRestore();
  });

  it('shows why an export was refused', async () => {
    installFakeHost({
      api: ({ action }) =>
        action === 'reports/export'
          ? { ok: false, code: 'REPORT.TOO_MANY_EXPORTS', message: '每小时最多导出 20 次，请稍后再试' }
          : ok({}),
    });
    render(<ExportBar query={{ period: 'month' }} />);
    fireEvent.click(screen.getByText('导出 CSV'));
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith({ title: '每小时最多导出 20 次，请稍后再试', icon: 'none' }),
    );
    expect(screen.queryByTestId('export-last')).toBeNull();
  });
});
