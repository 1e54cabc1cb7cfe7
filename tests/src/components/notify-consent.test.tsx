import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import NotifyConsent from '../../../src/components/notify-consent';
import { signIn } from '../../../src/services/auth';
import Taro, { taroTest } from '../mocks/taro';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';

type Sub = { banked: number; templateId: string; askAgain: boolean };

/** WeChat's cloud: the same `api` answers, reached through `cloud.callFunction`. */
function weappApi(subscription: Sub) {
  const calls: ApiCall[] = [];
  process.env.TARO_ENV = 'weapp';
  taroTest.cloud.callFunction.mockImplementation(async ({ data }) => {
    const { action, ...params } = data as { action: string } & Record<string, unknown>;
    calls.push({ name: 'api', action, params, openid: '' });
    if (action === 'alerts/subscription') return { result: ok(subscription) };
    if (action === 'alerts/subscribe') return { result: ok({ banked: params.accepted ? subscription.banked + 1 : 0 }) };
    return { result: { ok: false, code: 'X', message: action } };
  });
  return calls;
}

describe('NotifyConsent', () => {
  test('in WeChat, asks for consent on tap and reports the acceptance, then gets out of the way', async () => {
    const calls = weappApi({ banked: 0, templateId: 'tmpl-1', askAgain: true });
    (Taro.requestSubscribeMessage as jest.Mock).mockResolvedValue({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-1': 'accept',
    });
    render(<NotifyConsent />);
    fireEvent.click(await screen.findByText('开启告警通知'));
    await waitFor(() => expect(screen.queryByText('开启告警通知')).toBeNull());
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-1'] });
    expect(calls.find((c) => c.action === 'alerts/subscribe')?.params).toEqual({
      templateId: 'tmpl-1',
      accepted: true,
    });
  });

  test('reports a refusal and keeps offering', async () => {
    const calls = weappApi({ banked: 0, templateId: 'tmpl-1', askAgain: true });
    (Taro.requestSubscribeMessage as jest.Mock).mockResolvedValue({ 'tmpl-1': 'reject' });
    render(<NotifyConsent />);
    fireEvent.click(await screen.findByText('开启告警通知'));
    await waitFor(() => expect(calls.some((c) => c.action === 'alerts/subscribe')).toBe(true));
    expect(calls.find((c) => c.action === 'alerts/subscribe')?.params).toEqual({
      templateId: 'tmpl-1',
      accepted: false,
    });
    expect(screen.getByText('开启告警通知')).toBeInTheDocument();
  });

  test('stays hidden while consents are banked', async () => {
    const calls = weappApi({ banked: 2, templateId: 'tmpl-1', askAgain: false });
    const { container } = render(<NotifyConsent />);
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(container).toBeEmptyDOMElement();
  });

  test('in H5 only says that notifications are turned on in WeChat', async () => {
    signIn('demo-supervisor');
    installFakeHost({ api: () => ok({ banked: 0, templateId: 'tmpl-1', askAgain: true }) });
    render(<NotifyConsent />);
    expect(await screen.findByText('告警通知需在微信小程序中开启')).toBeInTheDocument();
    expect(screen.queryByText('开启告警通知')).toBeNull();
  });
});
