import { render, screen } from '@testing-library/react';
import CalibrationRound from '../../../src/packages/calibration/round';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW } from '../support/factories';

const round = {
  _id: 'cr-1',
  title: '校准 12月6日',
  scorecardId: 'default',
  scorecardVersion: 2,
  sessionIds: ['s-1'],
  inspectorIds: ['insp-1', 'insp-2'],
  skipped: [],
  createdBy: 'sup-1',
  createdAt: NOW,
};

test('a complete round shows each rule’s agreement, flags the ambiguous and names who split', async () => {
  signIn('demo-supervisor');
  taroTest.setRouterParams({ roundId: 'cr-1' });
  installFakeHost({
    api: ({ action }: ApiCall) =>
      action === 'calibration/get'
        ? ok({
            round,
            progress: { done: { 'insp-1': 1, 'insp-2': 1 }, waitingFor: [], complete: true },
            inspectors: [
              { id: 'insp-1', name: '小何' },
              { id: 'insp-2', name: '小孙' },
            ],
            sessions: [{ _id: 's-1', preview: '退款怎么还没到' }],
            mine: null,
            revealed: true,
            reviews: [],
            results: {
              complete: true,
              raters: ['insp-1', 'insp-2'],
              threshold: 0.6,
              criteria: [
                {
                  ruleId: 'shirking',
                  ruleName: '推诿客户',
                  method: 'cohen',
                  value: 0.2,
                  raters: 2,
                  ambiguous: true,
                  splits: [{ sessionId: 's-1', hit: ['insp-1'], clear: ['insp-2'] }],
                  humanVsAutomatic: { kappa: 0.5, observed: 0.75, n: 4 },
                },
              ],
            },
          })
        : fail('ACTION.UNKNOWN', action),
  });
  render(<CalibrationRound />);
  expect(await screen.findByText('推诿客户')).toBeInTheDocument();
  expect(screen.getByText(/Cohen's κ 0\.20 有歧义/)).toBeInTheDocument();
  expect(screen.getByText(/分歧：退款怎么还没到 — 判命中 小何，判未命中 小孙/)).toBeInTheDocument();
  expect(screen.getByText(/人机一致 75%/)).toBeInTheDocument();
});
