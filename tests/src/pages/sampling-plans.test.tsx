import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AgentPlanMargin, PlanDraft } from '@core/api.contract';
import type { ReviewTask } from '@core/inspection/review-task';
import InspectorHome from '../../../src/packages/inspector/home';
import PlansPage from '../../../src/packages/sampling/plans';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeUser } from '../support/factories';

const NOW = Date.UTC(2026, 11, 6, 4);
const DAY = 86400_000;

function task(over: Partial<ReviewTask>): ReviewTask {
  return {
    _id: 'tk_p1_s1',
    planId: 'p1',
    sessionId: 's1',
    inspectorId: 'demo-inspector',
    agentId: 'agent-007',
    status: 'todo',
    dueAt: NOW + DAY,
    createdAt: NOW - DAY,
    updatedAt: NOW - DAY,
    ...over,
  };
}

describe('inspector home: my tasks', () => {
  test('lists open tasks with due dates, overdue in red, progress, and opens the review page', async () => {
    signIn('demo-inspector');
    const tasks = [
      task({ _id: 'tk_p1_s1', sessionId: 's1', dueAt: NOW - DAY }),
      task({ _id: 'tk_p1_s2', sessionId: 's2', status: 'in-progress', dueAt: NOW + 2 * DAY }),
    ];
    const host = installFakeHost({
      api: ({ action, params }: ApiCall) => {
        if (action === 'me/get') return ok(makeUser({ _id: 'demo-inspector', role: 'inspector' }));
        if (action === 'agents/list') return ok({ items: [{ agentId: 'agent-007', name: '李客服' }], total: 1 });
        if (action === 'tasks/list')
          return (params as { status?: string }).status === 'done'
            ? ok({ items: [], total: 1, now: NOW })
            : ok({ items: tasks, total: 3, now: NOW });
        return ok({ items: [], total: 0 });
      },
    });
    render(<InspectorHome />);
    expect(await screen.findByText('我的任务')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText(/已完成 1\/3/)).toBeInTheDocument());
    const overdue = screen.getByText(/已逾期/);
    expect(overdue.className).toContain('my-tasks__due--overdue');
    expect(screen.getByText(/^截止/).className).not.toContain('overdue');
    expect(screen.getByText('质检中')).toBeInTheDocument();
    fireEvent.click(overdue);
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({
      url: '/packages/review/index/index?sessionId=s1&taskId=tk_p1_s1',
    });
    expect(host.calls.some((c) => c.action === 'tasks/list')).toBe(true);
  });
});

describe('sampling plans page', () => {
  test('previews per-agent margins live and creates a risk-weighted plan', async () => {
    signIn('demo-supervisor');
    const previews: PlanDraft[] = [];
    const agents: AgentPlanMargin[] = [
      { agentId: 'agent-007', population: 40, sampled: 10, passRateMargin: 0.1234, meanScoreMargin: 5.67 },
    ];
    const host = installFakeHost({
      api: ({ action, params }: ApiCall) => {
        if (action === 'me/get') return ok(makeUser({ _id: 'demo-supervisor', role: 'supervisor' }));
        if (action === 'plans/preview') {
          previews.push(params as unknown as PlanDraft);
          return ok({
            candidates: 40,
            drawn: 10,
            agents,
            riskWeights: { lowScore: 3, redLine: 4, customerNegative: 2, unresolved: 1, alerted: 2 },
            inspectors: [{ id: 'demo-inspector', name: '赵质检' }],
          });
        }
        if (action === 'plans/create') return ok({ plan: { _id: 'pl_1' }, tasks: 10 });
        return ok({ items: [], total: 0 });
      },
    });
    render(<PlansPage />);
    expect(await screen.findByText('±12.3')).toBeInTheDocument();
    expect(screen.getByText('±5.7')).toBeInTheDocument();
    fireEvent.click(screen.getByText('风险加权'));
    await waitFor(() => expect(previews.at(-1)?.kind).toBe('risk'));
    expect(await screen.findByText(/红线 \+4/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('创建计划'));
    await waitFor(() => expect(screen.getByText('已创建，生成 10 个任务')).toBeInTheDocument());
    const created = host.calls.find((c) => c.action === 'plans/create')?.params as unknown as PlanDraft;
    expect(created).toMatchObject({ kind: 'risk', inspectorIds: ['demo-inspector'] });
  });
});
