/**
 * Images and mini-program cards in the workspace chat (issue 16, agent-notices): a card goes
 * through `messages/replyMedia` and the chat reloads; WeChat's refusal is shown in Chinese and
 * the chat reloads to show the failed message; no media buttons once the window closed.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DeskView } from '@core/desk/desk.model';
import DeskChat from '../../../src/packages/agent/chat';
import MediaReply from '../../../src/components/media-reply';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW, makeMessage, makeSession, makeUser } from '../support/factories';

const AGENT = makeUser({ _id: 'demo-agent', role: 'agent', name: '王晓雨', agentId: 'kf001' });

function view(open = true): DeskView {
  return {
    session: makeSession({ _id: 's-1', customerId: 'oCust', status: 'open' }),
    messages: [makeMessage({ role: 'customer', text: '我的快递到哪了', at: NOW - 60_000 })],
    whispers: [],
    window: { lastCustomerAt: NOW - 60_000, closesAt: NOW + 3600_000, leftMs: open ? 3600_000 : 0, open },
    colleagues: [],
    now: NOW,
  };
}

beforeEach(() => {
  signIn('demo-agent');
  taroTest.setRouterParams({ sessionId: 's-1' });
});

test('a card is sent with its title and page path, then the chat reloads', async () => {
  const api = installFakeHost({
    api: ({ action }: ApiCall) => {
      if (action === 'me/get') return ok(AGENT);
      if (action === 'desk/get') return ok(view());
      if (action === 'messages/replyMedia')
        return ok({ message: makeMessage({ type: 'card', text: '[小程序卡片] 订单' }) });
      return ok({ items: [] });
    },
  });
  render(<DeskChat />);
  fireEvent.click(await screen.findByText('小程序卡片'));
  fireEvent.change(screen.getByPlaceholderText('卡片标题，如：查看订单详情'), { target: { value: '查看订单' } });
  fireEvent.change(screen.getByPlaceholderText('页面路径，如 pages/order/index?id=1'), {
    target: { value: 'pages/order/index?id=7' },
  });
  const loadsBefore = api.calls.filter((c) => c.action === 'desk/get').length;
  fireEvent.click(screen.getByText('发送卡片'));
  await waitFor(() => expect(api.calls.filter((c) => c.action === 'desk/get').length).toBe(loadsBefore + 1));
  expect(api.calls.find((c) => c.action === 'messages/replyMedia')?.params).toEqual({
    kind: 'card',
    sessionId: 's-1',
    title: '查看订单',
    pagePath: 'pages/order/index?id=7',
  });
  expect(screen.queryByText('发送卡片')).toBeNull();
});

test('WeChat’s refusal is shown in Chinese', async () => {
  installFakeHost({
    api: ({ action }: ApiCall) => {
      if (action === 'me/get') return ok(AGENT);
      if (action === 'desk/get') return ok(view());
      if (action === 'messages/replyMedia')
        return fail('WECHAT.SEND_FAILED', '发送失败（45015）：已超过 48 小时回复时限，无法再向该客户发送客服消息');
      return ok({ items: [] });
    },
  });
  render(<DeskChat />);
  fireEvent.click(await screen.findByText('小程序卡片'));
  fireEvent.change(screen.getByPlaceholderText('卡片标题，如：查看订单详情'), { target: { value: '订单' } });
  fireEvent.click(screen.getByText('发送卡片'));
  expect(await screen.findByText(/45015.*48 小时/)).toBeInTheDocument();
});

test('no picture or card once the 48-hour window closed', async () => {
  installFakeHost({
    api: ({ action }: ApiCall) =>
      action === 'me/get' ? ok(AGENT) : action === 'desk/get' ? ok(view(false)) : ok({ items: [] }),
  });
  render(<DeskChat />);
  await screen.findByText('48 小时回复窗口已关闭');
  expect(screen.queryByText('小程序卡片')).toBeNull();
  expect(screen.queryByText('图片')).toBeNull();
});

test('图片: a picked picture is sent; a cancelled pick sends nothing; a failure is shown', async () => {
  const onImage = jest
    .fn<Promise<boolean>, []>()
    .mockResolvedValueOnce(false)
    .mockRejectedValueOnce(Object.assign(new Error('只能发送 JPG 或 PNG 图片'), { code: 'MEDIA.INVALID' }));
  render(<MediaReply onImage={onImage} onCard={() => Promise.resolve()} />);
  fireEvent.click(screen.getByText('图片'));
  await waitFor(() => expect(onImage).toHaveBeenCalledTimes(1));
  expect(screen.queryByText('只能发送 JPG 或 PNG 图片')).toBeNull();
  fireEvent.click(screen.getByText('图片'));
  expect(await screen.findByText('只能发送 JPG 或 PNG 图片')).toBeInTheDocument();
});
