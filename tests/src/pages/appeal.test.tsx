import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { StoredAppeal } from '@core/inspection/appeal.model';
import ReviewResult from '../../../src/packages/appeal/result';
import AppealDecide from '../../../src/packages/appeal/decide';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW, makeHit, makeMessage, makeScore } from '../support/factories';

const messages = [
  makeMessage({ role: 'customer', text: '退款怎么还没到账', at: NOW }),
  makeMessage({ role: 'agent', text: '不知道，你自己去查吧', at: NOW + 45_000 }),
];
const KEY = 'shirking@1:0-3';
const hit = {
  ...makeHit({ ruleId: 'shirking', ruleName: '推诿客户', messageIndex: 1, span: [0, 3], points: -15 }),
  key: KEY,
  source: 'automatic' as const,
};
const review = {
  _id: 'rv-1',
  sessionId: 'session-1',
  inspectorId: 'demo-inspector',
  agentId: 'agent-007',
  team: '售前一组',
  scorecardId: 'default',
  scorecardVersion: 2,
  status: 'submitted' as const,
  verdicts: [],
  added: [],
  annotations: [],
  createdAt: NOW,
  updatedAt: NOW,
  submittedAt: NOW,
};

function appealHost() {
  let appeal: StoredAppeal | null = null;
  const view = () => ({
    review,
    appeal,
    messages,
    manual: {
      ...makeScore({ total: 85, passed: true }),
      hits: [hit],
      dropped: [],
      automaticTotal: 85,
      automaticPassed: true,
    },
    appealBy: Date.now() + 86_400_000,
  });
  return ({ action, params }: ApiCall) => {
    switch (action) {
      case 'appeals/review':
        return ok(view());
      case 'appeals/file': {
        const items = (params.items as { key: string; reason: string }[]).map((i) => ({
          ...i,
          ruleId: 'shirking',
          points: -15,
          filedAt: NOW,
          decideBy: Date.now() + 86_400_000,
          status: 'pending' as const,
        }));
        appeal = {
          _id: 'ap_rv-1',
          reviewId: 'rv-1',
          sessionId: 'session-1',
          inspectorId: 'demo-inspector',
          agentId: 'agent-007',
          team: '售前一组',
          status: 'open',
          items,
          openedAt: NOW,
        };
        return ok({ appeal });
      }
      case 'appeals/get':
        return appeal ? ok({ ...view(), appeal }) : fail('APPEAL.NOT_FOUND', '申诉不存在');
      case 'appeals/decide':
        appeal = {
          ...appeal!,
          status: 'decided',
          items: appeal!.items.map((i) => ({
            ...i,
            status: params.outcome as 'overturned',
            decision: { outcome: params.outcome as 'overturned', by: 'demo-supervisor', at: NOW },
          })),
        };
        return ok({ appeal });
      default:
        return fail('ACTION.UNKNOWN', action);
    }
  };
}

test('the agent appeals a hit with a reason; the supervisor overturns it', async () => {
  const api = appealHost();
  signIn('demo-agent');
  taroTest.setRouterParams({ reviewId: 'rv-1' });
  let host = installFakeHost({ api });
  const result = render(<ReviewResult />);
  fireEvent.click(await screen.findByText('申诉此项'));
  fireEvent.click(screen.getByText('提交申诉（1 项）'));
  expect(host.calls.some((c) => c.action === 'appeals/file')).toBe(false); // a reason is required
  fireEvent.change(result.container.querySelector('textarea') as HTMLTextAreaElement, {
    target: { value: '客户先辱骂' },
  });
  fireEvent.click(screen.getByText('提交申诉（1 项）'));
  expect(await screen.findByText('申诉：客户先辱骂 · 待裁决')).toBeInTheDocument();
  expect(host.calls.find((c) => c.action === 'appeals/file')?.params).toEqual({
    reviewId: 'rv-1',
    items: [{ key: KEY, reason: '客户先辱骂' }],
  });
  result.unmount();

  signIn('demo-supervisor');
  taroTest.setRouterParams({ appealId: 'ap_rv-1' });
  host = installFakeHost({ api });
  render(<AppealDecide />);
  expect(await screen.findByText('客服理由：客户先辱骂')).toBeInTheDocument();
  fireEvent.click(screen.getByText('撤销'));
  await waitFor(() => expect(screen.getByText('已撤销扣分')).toBeInTheDocument());
  expect(host.calls.find((c) => c.action === 'appeals/decide')?.params).toEqual({
    appealId: 'ap_rv-1',
    key: KEY,
    outcome: 'overturned',
  });
});
