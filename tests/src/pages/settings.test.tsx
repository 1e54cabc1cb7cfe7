/**
 * The admins' settings pages (issue 14) against a fake host: what each page sends, and what it
 * shows of the answers (codes shown once, refusals in the server's words).
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DEFAULT_ALERT_POLICIES } from '@core/alerts/alert.policy-set';
import Landing from '../../../src/pages/index';
import SettingsHome from '../../../src/packages/settings/index';
import UsersPage from '../../../src/packages/settings/users';
import TeamsPage from '../../../src/packages/settings/teams';
import SourcesPage from '../../../src/packages/settings/sources';
import DeadLettersPage from '../../../src/packages/settings/deadletters';
import AuditPage from '../../../src/packages/settings/audit';
import AlertPoliciesPage from '../../../src/packages/settings/alerts';
import GeneralSettingsPage from '../../../src/packages/settings/general';
import PrivacyPage from '../../../src/packages/settings/privacy';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { makeSession, makeUser } from '../support/factories';

const NOW = Date.UTC(2026, 11, 6, 4);
const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
const sent = (calls: ApiCall[], action: string) => calls.filter((c) => c.action === action).map((c) => c.params);

beforeEach(() => signIn('demo-admin'));

describe('settings home', () => {
  test('links every settings page, scorecards first', () => {
    const { container } = render(<SettingsHome />);
    const urls = Array.from(container.querySelectorAll('[data-url]')).map((e) => e.getAttribute('data-url'));
    expect(urls[0]).toBe('/packages/settings/scorecards/index');
    expect(urls).toEqual(expect.arrayContaining(['/packages/settings/users/index', '/packages/settings/audit/index']));
    expect(urls).toHaveLength(12);
    fireEvent.click(screen.getByText('死信'));
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({ url: '/packages/settings/deadletters/index' });
  });
});

describe('landing: redeeming an invite', () => {
  test('a stranger types the code, gets an account and lands on their home', async () => {
    signIn('o-new');
    let registered = false;
    const host = installFakeHost({
      api: ({ action, params }) => {
        if (action === 'me/get')
          return registered ? ok(makeUser({ _id: 'o-new', role: 'agent' })) : fail('AUTH.UNKNOWN_USER', '未登记');
        if (action === 'invites/redeem') {
          if (params.code !== 'ABCDE-FGHJK') return fail('INVITE.USED', '邀请码已被使用，请向管理员索取新的邀请码');
          registered = true;
          return ok({ user: makeUser({ _id: 'o-new', role: 'agent' }) });
        }
        return ok({});
      },
    });
    render(<Landing />);
    const input = await screen.findByPlaceholderText(/输入邀请码/);
    type(input, 'XXXXX-XXXXX');
    fireEvent.click(screen.getByText('开通账号'));
    expect(await screen.findByText(/邀请码已被使用/)).toBeInTheDocument();
    type(input, 'ABCDE-FGHJK');
    fireEvent.click(screen.getByText('开通账号'));
    await waitFor(() =>
      expect(taroTest.navigation.redirectTo).toHaveBeenCalledWith({ url: '/packages/agent/home/index' }),
    );
    expect(sent(host.calls, 'invites/redeem')).toEqual([{ code: 'XXXXX-XXXXX' }, { code: 'ABCDE-FGHJK' }]);
  });

  test('a deactivated user is told so, not sent anywhere', async () => {
    signIn('demo-agent');
    installFakeHost({ api: () => fail('AUTH.DEACTIVATED', '账号已停用，请联系管理员') });
    render(<Landing />);
    expect(await screen.findByText('账号已停用')).toBeInTheDocument();
    expect(screen.queryByPlaceholderText(/输入邀请码/)).toBeNull();
    expect(taroTest.navigation.redirectTo).not.toHaveBeenCalled();
  });
});

describe('users and invites', () => {
  test('creates an agent invite and shows its code once; deactivates a user', async () => {
    const users = [
      makeUser({ _id: 'u1', role: 'agent', name: '王晓雨', team: '售前一组', agentId: 'kf001' }),
      makeUser({ _id: 'u2', role: 'supervisor', name: '林主管', team: '售前一组' }),
    ];
    const host = installFakeHost({
      api: ({ action, params }) => {
        if (action === 'users/list') return ok({ items: users });
        if (action === 'invites/list') return ok({ items: [] });
        if (action === 'invites/create') {
          if (!params.agentId) return fail('USER.BAD_AGENT_ID', '客服角色必须填写客服工号（agentId）');
          return ok({ code: 'ABCDEFGHJK', invite: { _id: 'inv_1', state: 'open' } });
        }
        if (action === 'users/deactivate') return ok({ user: { ...users[0], deactivated: true } });
        return ok({});
      },
    });
    render(<UsersPage />);
    expect(await screen.findByText(/王晓雨 · 客服/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('生成邀请码'));
    expect(await screen.findByText(/必须填写客服工号/)).toBeInTheDocument();
    type(screen.getByPlaceholderText('团队（可选）'), '售前一组');
    type(screen.getByPlaceholderText('客服工号 agentId（必填）'), 'kf099');
    fireEvent.click(screen.getByText('生成邀请码'));
    expect(await screen.findByText('ABCDE-FGHJK')).toBeInTheDocument();
    expect(sent(host.calls, 'invites/create')[1]).toEqual({
      role: 'agent',
      ttlHours: 72,
      team: '售前一组',
      agentId: 'kf099',
    });
    fireEvent.click(screen.getAllByText('停用')[0]);
    await waitFor(() => expect(sent(host.calls, 'users/deactivate')).toEqual([{ userId: 'u1' }]));
  });
});

describe('revoking an invite (issue 14 gap)', () => {
  test('an open invite has 撤销: confirmed, it is revoked and the list reads 已撤销; used ones have none', async () => {
    let invites = [
      { _id: 'inv_open', role: 'agent', team: '售前一组', hint: 'K7', state: 'open' },
      { _id: 'inv_used', role: 'inspector', hint: 'Q2', state: 'used' },
    ];
    const host = installFakeHost({
      api: ({ action, params }) => {
        if (action === 'users/list') return ok({ items: [] });
        if (action === 'invites/list') return ok({ items: invites });
        if (action === 'invites/revoke') {
          invites = invites.map((i) => (i._id === params.inviteId ? { ...i, state: 'revoked' } : i));
          return ok({ invite: invites[0] });
        }
        return ok({});
      },
    });
    const { container } = render(<UsersPage />);
    await screen.findByText(/尾号 K7/);
    expect(container.querySelector('[data-revoke="inv_used"]')).toBeNull();
    fireEvent.click(container.querySelector('[data-revoke="inv_open"]') as HTMLElement);
    await waitFor(() => expect(sent(host.calls, 'invites/revoke')).toEqual([{ inviteId: 'inv_open' }]));
    expect(await screen.findByText('已撤销')).toBeInTheDocument();
    expect(container.querySelector('[data-revoke="inv_open"]')).toBeNull();
  });
});

describe('teams', () => {
  test('saves supervisors and a robot; a bad URL is refused in the server words', async () => {
    const host = installFakeHost({
      api: ({ action, params }) => {
        if (action === 'teams/list')
          return ok({
            items: [{ _id: '售前一组', robotWebhook: null, supervisors: [{ _id: 'u2', name: '林主管' }], agents: 3 }],
          });
        if (action === 'users/list')
          return ok({
            items: [
              makeUser({ _id: 'u2', role: 'supervisor', name: '林主管' }),
              makeUser({ _id: 'u3', role: 'supervisor', name: '黄主管' }),
            ],
          });
        if (action === 'teams/save')
          return String(params.robotWebhook ?? '').startsWith('http://')
            ? fail('TEAM.BAD_WEBHOOK', '群机器人地址应为 https://qyapi…')
            : ok({ team: {} });
        return ok({});
      },
    });
    render(<TeamsPage />);
    fireEvent.click(await screen.findByText('黄主管'));
    type(screen.getByPlaceholderText(/Webhook/), 'http://evil.example');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText(/群机器人地址应为/)).toBeInTheDocument();
    expect(sent(host.calls, 'teams/save')[0]).toEqual({
      team: '售前一组',
      supervisorIds: ['u2', 'u3'],
      robotWebhook: 'http://evil.example',
    });
  });
});

describe('ingest sources', () => {
  test('shows a new secret once with the rotation grace, and never lists one', async () => {
    const host = installFakeHost({
      api: ({ action }) => {
        if (action === 'sources/list')
          return ok({ items: [{ _id: 'crm', name: '工单系统', enabled: true, storage: 'plain' }] });
        if (action === 'sources/rotate') return ok({ source: { _id: 'crm' }, secret: 's3cr3t-rotated' });
        if (action === 'sources/create') return ok({ source: { _id: 'ivr' }, secret: 's3cr3t-new' });
        return ok({});
      },
    });
    render(<SourcesPage />);
    expect(await screen.findByText(/旧版明文密钥/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('轮换密钥'));
    expect(await screen.findByText('s3cr3t-rotated')).toBeInTheDocument();
    expect(screen.getByText(/旧密钥在 24 小时内仍然有效/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('我已保存'));
    expect(screen.queryByText('s3cr3t-rotated')).toBeNull();
    type(screen.getByPlaceholderText(/来源标识/), 'ivr');
    type(screen.getByPlaceholderText(/名称/), '电话');
    fireEvent.click(screen.getByText('创建并生成密钥'));
    expect(await screen.findByText('s3cr3t-new')).toBeInTheDocument();
    expect(sent(host.calls, 'sources/create')).toEqual([{ sourceId: 'ivr', name: '电话' }]);
  });
});

describe('dead letters', () => {
  test('lists with reasons, opens one masked, replays it and discards another with a note', async () => {
    const letter = {
      _id: 'dl_1',
      reason: 'role: 无效的角色',
      code: 'INPUT.INVALID',
      origin: 'ingest-events',
      at: NOW,
      replayed: false,
      preview: '{"id":"e1"',
    };
    const host = installFakeHost({
      api: ({ action, params }) => {
        if (action === 'deadletters/list') return ok({ items: [letter], total: 1 });
        if (action === 'deadletters/get')
          return ok({ deadLetter: { ...letter, raw: '{"id":"e1","text":"138****5678"}' } });
        if (action === 'deadletters/replay') return ok({ deadLetter: { ...letter, replayed: true } });
        if (action === 'deadletters/discard')
          return params.note
            ? ok({ deadLetter: { ...letter, discarded: true } })
            : fail('INPUT.INVALID', 'note: 请说明丢弃原因');
        return ok({});
      },
    });
    render(<DeadLettersPage />);
    expect(sent(host.calls, 'deadletters/list')[0]).toEqual({ replayed: false, discarded: false, limit: 50 });
    fireEvent.click(await screen.findByText('role: 无效的角色'));
    expect(await screen.findByText('{"id":"e1","text":"138****5678"}')).toBeInTheDocument();
    fireEvent.click(screen.getByText('丢弃'));
    expect(await screen.findByText(/请说明丢弃原因/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('重放'));
    expect(await screen.findByText(/重放成功/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('已丢弃'));
    await waitFor(() => expect(sent(host.calls, 'deadletters/list').at(-1)).toEqual({ discarded: true, limit: 50 }));
  });
});

describe('audit log', () => {
  test('filters by who, what and when and pages', async () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({
      _id: `a${i}`,
      at: NOW - i * 1000,
      by: 'u1',
      entity: 'user',
      entityId: 'u9',
      action: 'update',
      before: { team: null },
      after: { team: '售前一组' },
    }));
    const host = installFakeHost({
      api: ({ action }) => {
        if (action === 'users/list') return ok({ items: [makeUser({ _id: 'u1', role: 'admin', name: '管理员甲' })] });
        if (action === 'audit/list') return ok({ items: entries, total: 45 });
        return ok({});
      },
    });
    render(<AuditPage />);
    expect((await screen.findAllByText(/管理员甲 · 用户 u9 · 修改/)).length).toBe(20);
    expect(screen.getAllByText(/之前：team: null；之后：team: 售前一组/)).toHaveLength(20);
    fireEvent.click(screen.getAllByText('管理员甲')[0]);
    fireEvent.click(screen.getByText('接入来源'));
    fireEvent.click(screen.getByText('7 天'));
    fireEvent.click(await screen.findByText('下一页'));
    await waitFor(() =>
      expect(sent(host.calls, 'audit/list').at(-1)).toMatchObject({
        by: 'u1',
        entity: 'ingestSource',
        skip: 20,
        limit: 20,
      }),
    );
    const last = sent(host.calls, 'audit/list').at(-1) as { from: number };
    expect(Date.now() - last.from).toBeGreaterThanOrEqual(7 * 86400_000);
    expect(screen.getByText('21-40 / 共 45 条')).toBeInTheDocument();
  });
});

describe('alert policies', () => {
  test('turns a policy off, changes a threshold, saves the draft and publishes', async () => {
    let draft: unknown = null;
    const host = installFakeHost({
      api: ({ action, params }) => {
        const published = {
          version: 3,
          status: 'published',
          policies: DEFAULT_ALERT_POLICIES,
          storm: { cooldownMinutes: 30, digestAbovePerMinute: 5 },
        };
        if (action === 'alertPolicies/get') return ok({ published, draft });
        if (action === 'alertPolicies/saveDraft') {
          draft = { ...published, status: 'draft', version: 4, policies: params.policies };
          return ok({ draft });
        }
        if (action === 'alertPolicies/publish') return ok({ published: { ...published, version: 4 } });
        return ok({});
      },
    });
    const { container } = render(<AlertPoliciesPage />);
    expect(await screen.findByText(/生效中：第 3 版/)).toBeInTheDocument();
    const waiting = container.querySelector('[data-policy="customer-waiting"]') as HTMLElement;
    // The test host renders Switch as a plain input: a change carrying `checked` stands in for the tap.
    fireEvent.change(waiting.querySelector('input:not([data-field])') as HTMLElement, {
      target: { value: 'off', checked: false },
    });
    type(waiting.querySelector('[data-field="waitSeconds"]') as HTMLElement, '300');
    fireEvent.click(screen.getByText('保存草稿'));
    expect(await screen.findByText(/草稿已保存/)).toBeInTheDocument();
    const saved = sent(host.calls, 'alertPolicies/saveDraft')[0] as {
      policies: { id: string; enabled: boolean; waitSeconds?: number }[];
    };
    expect(saved.policies.find((p) => p.id === 'customer-waiting')).toMatchObject({ enabled: false, waitSeconds: 300 });
    expect(saved.policies.find((p) => p.id === 'red-line')).toMatchObject({ enabled: true });
    fireEvent.click(await screen.findByText('发布'));
    expect(await screen.findByText('已发布第 4 版')).toBeInTheDocument();
  });
});

describe('general settings', () => {
  test('loads the appeal window, sampling defaults and FCR window and saves them', async () => {
    const host = installFakeHost({
      api: ({ action, params }) => {
        if (action === 'settings/get')
          return ok({
            appeals: { windowDays: 7, decideWithinDays: 7 },
            sampling: { dueDays: 3, share: 0.05 },
            reports: { fcrHours: 24 },
          });
        if (action === 'settings/set') return ok(params);
        return ok({});
      },
    });
    const { container } = render(<GeneralSettingsPage />);
    await screen.findByText('申诉期限（天）');
    // The form is filled from the loaded settings by an effect: typing before it would be overwritten.
    await waitFor(() =>
      expect((container.querySelector('[data-field="windowDays"]') as HTMLInputElement).value).toBe('7'),
    );
    type(container.querySelector('[data-field="windowDays"]') as HTMLElement, '14');
    type(container.querySelector('[data-field="sharePercent"]') as HTMLElement, '10');
    type(container.querySelector('[data-field="fcrHours"]') as HTMLElement, '48');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    expect(sent(host.calls, 'settings/set')).toEqual([
      {
        appeals: { windowDays: 14, decideWithinDays: 7 },
        sampling: { dueDays: 3, share: 0.1 },
        reports: { fcrHours: 48 },
      },
    ]);
  });
});

describe('个人信息保护 (retention and data-subject requests)', () => {
  test('saves the retention period; looks a customer up, shows what is held, erases after a confirm', async () => {
    const host = installFakeHost({
      api: ({ action, params }) => {
        if (action === 'retention/get') return ok({ messageDays: 180 });
        if (action === 'retention/set') return ok({ messageDays: params.messageDays });
        if (action === 'customers/export')
          return params.customerId === 'oAlice'
            ? ok({
                customer: 'cust_abc',
                total: 1,
                skip: 0,
                sessions: [
                  {
                    session: makeSession({ _id: 's-1', customerId: 'oAlice' }),
                    messages: [{ _id: 'm1', text: '我的手机号是138****5678', role: 'customer' }],
                    score: { total: 88 },
                    alerts: [],
                    reviews: [],
                    appeals: [],
                  },
                ],
              })
            : fail('CUSTOMER.NOT_FOUND', '没有该客户的会话记录');
        if (action === 'customers/erase')
          return ok({ customer: 'cust_abc', sessions: 1, messages: 1, outbox: 0, cases: 0 });
        return ok({});
      },
    });
    const { container } = render(<PrivacyPage />);
    await screen.findByText('消息保留期');
    const daysInput = container.querySelector('[data-field="messageDays"]') as HTMLInputElement;
    await waitFor(() => expect(daysInput.value).toBe('180'));
    fireEvent.change(daysInput, { target: { value: '90' } });
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('已保存：消息保留 90 天')).toBeInTheDocument();
    expect(host.calls.find((c) => c.action === 'retention/set')?.params).toEqual({ messageDays: 90 });

    const who = container.querySelector('[data-field="customerId"]') as HTMLInputElement;
    fireEvent.change(who, { target: { value: 'oNobody' } });
    fireEvent.click(screen.getByText('查询并导出'));
    expect(await screen.findByText('没有该客户的会话记录')).toBeInTheDocument();
    fireEvent.change(who, { target: { value: 'oAlice' } });
    fireEvent.click(screen.getByText('查询并导出'));
    expect(await screen.findByText(/共 1 通会话（本页 1 通），消息 1 条/)).toBeInTheDocument();
    expect(screen.getByText(/138\*\*\*\*5678/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('删除该客户的个人信息'));
    expect(await screen.findByText('已删除：1 条消息，1 通会话已匿名化')).toBeInTheDocument();
    expect(host.calls.find((c) => c.action === 'customers/erase')?.params).toEqual({
      customerId: 'oAlice',
      confirm: true,
    });
  });
});
