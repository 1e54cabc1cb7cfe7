import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Alert } from '@core/model';
import SupervisorAlerts from '../../../src/packages/supervisor/alerts';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW, makeAlert, makeUser } from '../support/factories';

/** Only what the page uses of EventSource; the local host's `alert` events are pushed by tests. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  readyState = 1;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, Array<(e: { data: string }) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, fn: (e: { data: string }) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
  }
  close() {}
  push(type: 'added' | 'updated', alert: Alert) {
    act(() => this.listeners.get('alert')?.forEach((fn) => fn({ data: JSON.stringify({ type, alert }) })));
  }
}

const ALERTS = [
  makeAlert({
    _id: 'a-red',
    status: 'new',
    severity: 'critical',
    title: '红线违规：0 分',
    team: '售后一组',
    createdAt: NOW - 60_000,
  }),
  makeAlert({
    _id: 'a-low',
    status: 'new',
    severity: 'medium',
    title: '不合格会话：58 分',
    team: '售前二组',
    createdAt: NOW - 120_000,
  }),
  makeAlert({ _id: 'a-fa', status: 'false-alarm', title: '误报的告警' }),
];

function host(alerts: Alert[] = ALERTS, user = makeUser()) {
  return ({ action, params }: ApiCall) => {
    if (action === 'me/get') return ok(user);
    if (action === 'alerts/subscription') return ok({ banked: 3, templateId: 'tmpl', askAgain: false });
    const items = alerts.filter(
      (a) =>
        (params.status === undefined || a.status === params.status) &&
        (params.severity === undefined || a.severity === params.severity) &&
        (params.team === undefined || a.team === params.team),
    );
    return ok({ items, total: items.length, unread: alerts.filter((a) => a.status === 'new').length });
  };
}

const titles = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.alert-list__title')).map((el) => el.textContent);
const chip = (container: HTMLElement, filter: string, value: string) =>
  container.querySelector(`[data-filter="${filter}"] [data-value="${value}"]`) as HTMLElement;
const badge = (container: HTMLElement) => container.querySelector('.alerts-page .at-badge__num')?.textContent;

describe('supervisor alerts page, live', () => {
  beforeEach(() => {
    signIn('demo-supervisor');
    (globalThis as { EventSource?: unknown }).EventSource = FakeEventSource;
  });
  afterEach(() => {
    delete (globalThis as { EventSource?: unknown }).EventSource;
  });

  test('a pushed alert appears at the top, highlighted, and bumps the unread badge without a reload', async () => {
    const api = installFakeHost({ api: host() });
    const { container } = render(<SupervisorAlerts />);
    await screen.findByText('红线违规：0 分');
    expect(badge(container)).toBe('2');
    const lists = api.calls.filter((c) => c.action === 'alerts/list').length;
    await waitFor(() => expect(FakeEventSource.last?.url).toBe('/live/alerts?ticket=ticket-1-for-demo-supervisor'));

    FakeEventSource.last?.push('added', makeAlert({ _id: 'a-new', title: '客户久等 3 分钟', createdAt: NOW }));

    expect(titles(container)).toEqual(['客户久等 3 分钟', '红线违规：0 分', '不合格会话：58 分']);
    expect(container.querySelector('[data-alert-id="a-new"]')).toHaveClass('alert-list__item--fresh');
    expect(badge(container)).toBe('3');
    expect(api.calls.filter((c) => c.action === 'alerts/list')).toHaveLength(lists);
  });

  test('a pushed update that acknowledges an alert moves it off the 新告警 tab and the badge', async () => {
    installFakeHost({ api: host() });
    const { container } = render(<SupervisorAlerts />);
    await screen.findByText('红线违规：0 分');
    FakeEventSource.last?.push('updated', { ...ALERTS[0], status: 'acknowledged', updatedAt: NOW });
    expect(titles(container)).toEqual(['不合格会话：58 分']);
    expect(badge(container)).toBe('1');
  });

  test('a pushed alert of another severity than the chosen one is counted but not listed', async () => {
    installFakeHost({ api: host() });
    const { container } = render(<SupervisorAlerts />);
    await screen.findByText('红线违规：0 分');
    fireEvent.click(chip(container, 'severity', 'critical'));
    await waitFor(() => expect(titles(container)).toEqual(['红线违规：0 分']));
    FakeEventSource.last?.push(
      'added',
      makeAlert({ _id: 'a-m', severity: 'medium', title: '中等告警', createdAt: NOW }),
    );
    expect(titles(container)).toEqual(['红线违规：0 分']);
    expect(badge(container)).toBe('3');
  });

  test('the severity chips filter the list through the server', async () => {
    const api = installFakeHost({ api: host() });
    const { container } = render(<SupervisorAlerts />);
    await screen.findByText('红线违规：0 分');
    fireEvent.click(chip(container, 'severity', 'medium'));
    await waitFor(() => expect(titles(container)).toEqual(['不合格会话：58 分']));
    expect(api.calls.filter((c) => c.action === 'alerts/list').pop()?.params).toMatchObject({
      status: 'new',
      severity: 'medium',
    });
    fireEvent.click(chip(container, 'severity', ''));
    await waitFor(() => expect(titles(container)).toHaveLength(2));
  });

  test('offers a team filter when alerts come from several teams', async () => {
    const api = installFakeHost({ api: host() });
    const { container } = render(<SupervisorAlerts />);
    await screen.findByText('红线违规：0 分');
    fireEvent.click(chip(container, 'team', '售前二组'));
    await waitFor(() => expect(titles(container)).toEqual(['不合格会话：58 分']));
    expect(api.calls.filter((c) => c.action === 'alerts/list').pop()?.params).toMatchObject({ team: '售前二组' });
  });

  test('hides the team filter for a supervisor of one team', async () => {
    installFakeHost({ api: host([ALERTS[0]]) });
    const { container } = render(<SupervisorAlerts />);
    await screen.findByText('红线违规：0 分');
    expect(container.querySelector('[data-filter="team"]')).toBeNull();
  });

  test('the 误报 tab lists false alarms', async () => {
    installFakeHost({ api: host() });
    render(<SupervisorAlerts />);
    await screen.findByText('红线违规：0 分');
    fireEvent.click(screen.getByText('误报'));
    expect(await screen.findByText('误报的告警')).toBeInTheDocument();
    expect(screen.queryByText('红线违规：0 分')).toBeNull();
  });

  test('links to the live sessions page', async () => {
    installFakeHost({ api: host() });
    render(<SupervisorAlerts />);
    fireEvent.click(await screen.findByText('实时会话 ›'));
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({ url: '/packages/supervisor/live/index' });
  });
});
