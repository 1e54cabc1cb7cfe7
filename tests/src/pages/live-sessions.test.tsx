import { act, fireEvent, render, screen } from '@testing-library/react';
import type { LiveSession } from '@core/api.contract';
import LiveSessions from '../../../src/packages/supervisor/live';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW, makeAlert, makeSession, makeUser } from '../support/factories';

const live = (id: string, customerId: string, waitingMs: number): LiveSession => ({
  ...makeSession({ _id: id, customerId, status: 'open', lastAt: NOW }),
  waitingMs,
});

function host(sessions: () => LiveSession[]) {
  return ({ action }: ApiCall) => {
    if (action === 'me/get') return ok(makeUser());
    if (action === 'sessions/live') return ok({ items: sessions(), now: NOW });
    if (action === 'alerts/list') {
      const items = [makeAlert({ _id: 'al-1', sessionId: 's-alert', severity: 'critical', status: 'new' })];
      return ok({ items, total: 1, unread: 1 });
    }
    return ok({});
  };
}

const customers = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.live-list__customer')).map((el) => el.textContent);

describe('live sessions page', () => {
  beforeEach(() => signIn('demo-supervisor'));
  afterEach(() => jest.useRealTimers());

  test('lists open sessions riskiest first under the 实时会话 heading', async () => {
    installFakeHost({
      api: host(() => [live('s-wait', '甲', 3 * 60_000), live('s-alert', '乙', 0), live('s-ok', '丙', 0)]),
    });
    const { container } = render(<LiveSessions />);
    expect(screen.getByText('实时会话')).toBeInTheDocument();
    await screen.findByText('客户 乙');
    expect(customers(container)).toEqual(['客户 乙', '客户 甲', '客户 丙']);
    expect(container.querySelector('[data-session-id="s-alert"] .live-list__risk')?.textContent).toBe('高风险');
    expect(screen.getByText('等待 3分00秒')).toBeInTheDocument();
  });

  test('the waiting time ticks and the list refreshes every 5 seconds', async () => {
    jest.useFakeTimers({ now: NOW });
    const api = installFakeHost({ api: host(() => [live('s-wait', '甲', 10_000)]) });
    render(<LiveSessions />);
    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(screen.getByText('等待 10秒')).toBeInTheDocument();
    await act(() => jest.advanceTimersByTimeAsync(3_000));
    expect(screen.getByText('等待 13秒')).toBeInTheDocument();
    const before = api.calls.filter((c) => c.action === 'sessions/live').length;
    await act(() => jest.advanceTimersByTimeAsync(2_000));
    expect(api.calls.filter((c) => c.action === 'sessions/live').length).toBe(before + 1);
  });

  test('opening a session with an open alert brings the alert along', async () => {
    installFakeHost({ api: host(() => [live('s-alert', '乙', 0)]) });
    render(<LiveSessions />);
    fireEvent.click(await screen.findByText('客户 乙'));
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({
      url: '/packages/session/detail/index?sessionId=s-alert&alertId=al-1',
    });
  });
});
