import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import SupervisorAlerts from '../../../src/packages/supervisor/alerts';
import { signIn } from '../../../src/services/auth';
import Taro, { taroTest } from '../mocks/taro';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeAlert, makeUser } from '../support/factories';

const ALERTS = [
  makeAlert({ _id: 'a-new', status: 'new', title: '首次响应超时', sessionId: 's-1' }),
  makeAlert({ _id: 'a-ack', status: 'acknowledged', title: '客户情绪激动' }),
];

function alertsHost({ action, params }: ApiCall) {
  if (action === 'me/get') return ok(makeUser());
  const items = ALERTS.filter((a) => a.status === params.status);
  return ok({ items, total: items.length, unread: 3 });
}

describe('supervisor alerts page', () => {
  beforeEach(() => signIn('demo-supervisor'));

  test('opens on new alerts with the unread count', async () => {
    const host = installFakeHost({ api: alertsHost });
    render(<SupervisorAlerts />);
    expect(await screen.findByText('首次响应超时')).toBeInTheDocument();
    expect(screen.queryByText('客户情绪激动')).toBeNull();
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(host.calls.find((c) => c.action === 'alerts/list')?.params).toMatchObject({ status: 'new' });
  });

  test('switching tab lists the alerts of that status', async () => {
    installFakeHost({ api: alertsHost });
    render(<SupervisorAlerts />);
    await screen.findByText('首次响应超时');
    fireEvent.click(screen.getAllByText('已确认')[0]);
    expect(await screen.findByText('客户情绪激动')).toBeInTheDocument();
    expect(screen.queryByText('首次响应超时')).toBeNull();
  });

  test('tapping an alert opens its session with the alert id', async () => {
    installFakeHost({ api: alertsHost });
    render(<SupervisorAlerts />);
    fireEvent.click(await screen.findByText('首次响应超时'));
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({
      url: '/packages/session/detail/index?sessionId=s-1&alertId=a-new',
    });
  });

  test('pull-down refresh reloads and then stops the spinner', async () => {
    const host = installFakeHost({ api: alertsHost });
    render(<SupervisorAlerts />);
    await screen.findByText('首次响应超时');
    const before = host.calls.filter((c) => c.action === 'alerts/list').length;
    act(() => taroTest.pullDown());
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
    expect(host.calls.filter((c) => c.action === 'alerts/list').length).toBe(before + 1);
  });

  test('polls for new alerts every 10 seconds', async () => {
    jest.useFakeTimers();
    try {
      const host = installFakeHost({ api: alertsHost });
      render(<SupervisorAlerts />);
      await act(async () => {
        await Promise.resolve();
      });
      const count = () => host.calls.filter((c) => c.action === 'alerts/list').length;
      const initial = count();
      await act(async () => {
        jest.advanceTimersByTime(10_000);
      });
      expect(count()).toBe(initial + 1);
      await act(async () => {
        jest.advanceTimersByTime(20_000);
      });
      expect(count()).toBe(initial + 3);
    } finally {
      jest.useRealTimers();
    }
  });
});
