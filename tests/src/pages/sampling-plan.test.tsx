import { fireEvent, render, screen } from '@testing-library/react';
import PlanPage from '../../../src/packages/sampling/plan';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';

describe('sampling plan page', () => {
  test('shows progress per inspector, margins (— where none can be computed), and reassigns a task', async () => {
    signIn('demo-supervisor');
    taroTest.setRouterParams({ planId: 'pl_1' });
    const task = {
      _id: 'tk_pl_1_s1',
      planId: 'pl_1',
      sessionId: 's1',
      inspectorId: 'insp-1',
      agentId: 'kf001',
      status: 'todo',
      dueAt: Date.now() - 86400_000,
      createdAt: 0,
      updatedAt: 0,
    };
    const host = installFakeHost({
      api: ({ action }: ApiCall) => {
        if (action === 'agents/list') return ok({ items: [{ agentId: 'kf001', name: '王晓雨' }] });
        if (action === 'plans/get')
          return ok({
            plan: { _id: 'pl_1', name: '每周风险抽检', kind: 'risk', recurrence: 'weekly', drawn: 1, unassigned: 0 },
            progress: [
              { inspectorId: 'insp-1', name: '质检员小何', total: 1, done: 0, overdue: 1 },
              { inspectorId: 'insp-2', name: '质检员小周', total: 0, done: 0, overdue: 0 },
            ],
            agents: [
              { agentId: 'kf001', population: 40, sampled: 1, passRateMargin: 0.3, meanScoreMargin: null },
              {
                agentId: 'kf002',
                population: 20,
                sampled: 4,
                passRateMargin: 0.2,
                meanScoreMargin: 6,
                inspected: {
                  n: 4,
                  passRate: 0.75,
                  passRateLow: 0.3,
                  passRateHigh: 0.95,
                  mean: 78.75,
                  meanLow: 70.1,
                  meanHigh: 87.4,
                },
              },
            ],
            tasks: [task],
          });
        if (action === 'tasks/reassign') return ok({ task: { ...task, inspectorId: 'insp-2' } });
        return ok({});
      },
    });
    render(<PlanPage />);
    expect(await screen.findByText('每周风险抽检')).toBeInTheDocument();
    expect(screen.getByText(/逾期 1/)).toBeInTheDocument();
    expect(screen.getByText('±30.0')).toBeInTheDocument();
    expect(screen.getByText('—')).toBeInTheDocument();
    // What the submitted reviews say, beside the planning margins (kf001 has none yet).
    expect(screen.getAllByText(/^已质检/)).toHaveLength(1);
    expect(screen.getByText(/已质检 4 通：合格率 75%（30%–95%），均分 78.8（70.1–87.4）/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('转派'));
    fireEvent.click(screen.getByText('给 质检员小周'));
    expect(await screen.findByText('已转派')).toBeInTheDocument();
    expect(host.calls.find((c) => c.action === 'tasks/reassign')?.params).toEqual({
      taskId: 'tk_pl_1_s1',
      inspectorId: 'insp-2',
    });
  });
});
