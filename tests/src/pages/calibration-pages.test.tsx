import { fireEvent, render, screen } from '@testing-library/react';
import CaseLibrary from '../../../src/packages/calibration/cases';
import PrecisionPage from '../../../src/packages/calibration/precision';
import { signIn } from '../../../src/services/auth';
import { installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW, makeUser } from '../support/factories';

const CASE = {
  _id: 'case_s1',
  sessionId: 's1',
  kind: 'cautionary',
  note: '客户投诉后没有安抚',
  tags: ['安抚'],
  issueType: 'complaint',
  createdBy: 'insp-1',
  createdAt: NOW,
  excerpts: [{ messageIndex: 0, role: 'customer', text: '我要投诉，电话138****5678' }],
  anonymous: true,
};

describe('calibration pages', () => {
  beforeEach(() => signIn('demo-agent'));

  test('the case library filters by tag and opens a case to its masked excerpts', async () => {
    const api = installFakeHost({
      api: ({ action }: ApiCall) => {
        if (action === 'me/get') return ok(makeUser({ _id: 'demo-agent', role: 'agent', agentId: 'kf009' }));
        if (action === 'cases/list')
          return ok({
            items: [CASE],
            total: 1,
            tags: [{ tag: '安抚', count: 1 }],
            issueTypes: ['complaint'],
            capped: false,
          });
        return ok({});
      },
    });
    render(<CaseLibrary />);
    await screen.findByText('客户投诉后没有安抚');
    expect(screen.queryByText(/138\*\*\*\*5678/)).toBeNull();
    fireEvent.click(screen.getByText('客户投诉后没有安抚'));
    expect(await screen.findByText(/138\*\*\*\*5678/)).toBeTruthy();
    fireEvent.click(screen.getByText('#安抚 1'));
    await screen.findByText('客户投诉后没有安抚');
    expect(api.calls.filter((c) => c.action === 'cases/list').at(-1)?.params).toMatchObject({ tag: '安抚' });
  });

  test('rule precision shows the interval and marks a flagged rule', async () => {
    installFakeHost({
      api: ({ action }: ApiCall) =>
        action === 'rules/precision'
          ? ok({
              items: [
                {
                  ruleId: 'customer-negative',
                  ruleVersion: 2,
                  ruleName: '客户负面情绪',
                  confirmed: 3,
                  rejected: 9,
                  n: 12,
                  precision: 0.25,
                  interval: { low: 0.0889, high: 0.5323 },
                  flagged: true,
                  rejectReasons: [{ reason: '只是询问', count: 9 }],
                },
              ],
              flagBelow: 0.8,
              minVerdicts: 10,
              reviews: 12,
              capped: false,
              since: null,
            })
          : ok({}),
    });
    render(<PrecisionPage />);
    expect(await screen.findByText(/客户负面情绪 v2 · 需复查/)).toBeTruthy();
    expect(screen.getByText(/准确率 25%（9%–53%）/)).toBeTruthy();
  });
});
