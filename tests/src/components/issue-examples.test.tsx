import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ApiResponse } from '@core/api.contract';
import type { IssueTypeExample } from '@core/model';
import IssueExamples from '../../../src/components/issue-examples';
import AdminHome from '../../../src/packages/admin/home';
import IssueExamplesPage from '../../../src/packages/settings/examples';
import { signIn } from '../../../src/services/auth';
import { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW, makeSession, makeUser } from '../support/factories';

const LABELS = [
  { id: 'logistics', name: '物流配送' },
  { id: 'refund', name: '退款退货' },
  { id: 'repair', name: '售后维修' },
  { id: 'other', name: '其他' },
];

function makeExample(over: Partial<IssueTypeExample> = {}): IssueTypeExample {
  return {
    _id: 'ex_0000000000000001',
    text: '快递三天了还没到',
    label: 'logistics',
    createdBy: 'demo-admin',
    createdAt: NOW - 5 * 60_000,
    updatedBy: 'demo-admin',
    updatedAt: NOW - 5 * 60_000,
    ...over,
  };
}

type Handler = (call: ApiCall) => ApiResponse<unknown>;

/**
 * The `api` function's issue-type actions over an in-memory list, with the server's rules: one
 * example per text (the same text again relabels it, or changes nothing with the same label).
 */
function examplesHost(initial: IssueTypeExample[], overrides: Record<string, Handler> = {}) {
  let items = [...initial];
  let next = 100;
  const handler = (call: ApiCall): ApiResponse<unknown> => {
    const override = overrides[call.action];
    if (override) return override(call);
    const p = call.params;
    switch (call.action) {
      case 'issueTypes/examples/list':
        return ok({ items, labels: LABELS });
      case 'issueTypes/examples/add': {
        const existing = items.find((it) => it.text === p.text);
        if (existing && existing.label === p.label) return ok({ example: existing, created: false });
        const example = makeExample({
          _id: existing?._id ?? `ex_${String(next++).padStart(16, '0')}`,
          text: String(p.text),
          label: p.label as IssueTypeExample['label'],
          createdAt: existing?.createdAt ?? NOW,
          updatedBy: 'demo-admin-2',
          updatedAt: NOW,
        });
        items = [example, ...items.filter((it) => it._id !== example._id)];
        return ok({ example, created: !existing });
      }
      case 'issueTypes/examples/remove': {
        const removed = items.find((it) => it._id === p.id);
        if (!removed) return fail('ISSUE_EXAMPLE.NOT_FOUND', `样例 ${String(p.id)} 不存在`);
        items = items.filter((it) => it !== removed);
        return ok({ removed });
      }
      case 'issueTypes/classify':
        return ok({
          ranked: [
            { label: 'repair', name: '售后维修', p: 0.6312 },
            { label: 'product', name: '商品咨询', p: 0.2049 },
            { label: 'exchange', name: '换货', p: 0.1 },
            { label: 'other', name: '其他', p: 0.0639 },
          ],
          examples: items.length,
        });
      default:
        return fail('ACTION.UNKNOWN', call.action);
    }
  };
  return handler;
}

const EXAMPLES = [
  makeExample(),
  makeExample({
    _id: 'ex_0000000000000002',
    text: '耳机左边没声音了能修吗',
    label: 'repair',
    createdBy: 'demo-admin',
    createdAt: NOW - 3 * 60 * 60_000,
    updatedBy: 'demo-admin-2',
    updatedAt: NOW - 20 * 60_000,
  }),
];

const part = (container: HTMLElement, name: string) => container.querySelector(`[data-part="${name}"]`) as HTMLElement;
const button = (scope: HTMLElement, label: string) => {
  const found = Array.from(scope.querySelectorAll('.at-button')).find((b) => b.textContent === label);
  if (!found) throw new Error(`no ${label} button`);
  return found;
};
const type = (scope: HTMLElement, text: string) =>
  fireEvent.change(scope.querySelector('textarea') as HTMLTextAreaElement, { target: { value: text } });
const item = (container: HTMLElement, id: string) =>
  container.querySelector(`[data-example-id="${id}"]`) as HTMLElement | null;
const callsOf = (calls: ApiCall[], action: string) => calls.filter((c) => c.action === action);

describe('IssueExamples', () => {
  beforeEach(() => signIn('demo-admin'));

  test('lists the examples with their label names, who changed them and when', async () => {
    installFakeHost({ api: examplesHost(EXAMPLES) });
    const { container } = render(<IssueExamples now={NOW} />);
    expect(screen.getByText('加载中…')).toBeInTheDocument();
    expect(await screen.findByText('快递三天了还没到')).toBeInTheDocument();
    expect(screen.getByText('共 2 条')).toBeInTheDocument();

    const first = within(item(container, 'ex_0000000000000001') as HTMLElement);
    expect(first.getByText('物流配送')).toBeInTheDocument();
    expect(first.getByText('demo-admin 添加于 5 分钟前')).toBeInTheDocument();
    const second = within(item(container, 'ex_0000000000000002') as HTMLElement);
    expect(second.getByText('耳机左边没声音了能修吗')).toBeInTheDocument();
    expect(second.getByText('售后维修')).toBeInTheDocument();
    expect(second.getByText('demo-admin-2 更新于 20 分钟前')).toBeInTheDocument();
    expect(container.querySelectorAll('.issue-examples__item')).toHaveLength(2);
    expect(screen.queryByText('加载中…')).toBeNull();
    // The label picker offers every label by its Chinese name.
    const chips = container.querySelectorAll('[data-filter="issue-label"] .filter-chips__chip');
    expect(Array.from(chips).map((c) => c.textContent)).toEqual(['物流配送', '退款退货', '售后维修', '其他']);
  });

  test('adding an example sends the typed text and the chosen label, then refreshes the list', async () => {
    const host = installFakeHost({ api: examplesHost(EXAMPLES) });
    const { container } = render(<IssueExamples now={NOW} />);
    await screen.findByText('快递三天了还没到');
    const form = part(container, 'add');
    type(form, '  屏幕碎了保修吗  ');
    fireEvent.click(within(form).getByText('售后维修'));
    expect(within(form).getByText('售后维修')).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(button(form, '添加样例'));

    expect(await within(form).findByText('已添加：售后维修')).toBeInTheDocument();
    expect(callsOf(host.calls, 'issueTypes/examples/add').map((c) => c.params)).toEqual([
      { text: '屏幕碎了保修吗', label: 'repair' },
    ]);
    await waitFor(() => expect(callsOf(host.calls, 'issueTypes/examples/list')).toHaveLength(2));
    const added = await waitFor(() => {
      const el = item(container, 'ex_0000000000000100');
      expect(el).not.toBeNull();
      return el as HTMLElement;
    });
    expect(within(added).getByText('屏幕碎了保修吗')).toBeInTheDocument();
    expect(within(added).getByText('售后维修')).toBeInTheDocument();
    expect(screen.getByText('共 3 条')).toBeInTheDocument();
    expect((form.querySelector('textarea') as HTMLTextAreaElement).value).toBe('');
  });

  test('the same text with another label relabels it; with the same label it already exists', async () => {
    const host = installFakeHost({ api: examplesHost(EXAMPLES) });
    const { container } = render(<IssueExamples now={NOW} />);
    await screen.findByText('快递三天了还没到');
    const form = part(container, 'add');

    type(form, '快递三天了还没到');
    fireEvent.click(within(form).getByText('退款退货'));
    fireEvent.click(button(form, '添加样例'));
    expect(await within(form).findByText('已更新标签：物流配送 → 退款退货')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(item(container, 'ex_0000000000000001') as HTMLElement).getByText('退款退货')).toBeInTheDocument(),
    );
    expect(container.querySelectorAll('.issue-examples__item')).toHaveLength(2);

    type(form, '快递三天了还没到');
    fireEvent.click(button(form, '添加样例'));
    expect(await within(form).findByText('样例已存在（退款退货）')).toBeInTheDocument();
    expect(callsOf(host.calls, 'issueTypes/examples/add').map((c) => c.params)).toEqual([
      { text: '快递三天了还没到', label: 'refund' },
      { text: '快递三天了还没到', label: 'refund' },
    ]);
  });

  test('shows the server’s error (INPUT.INVALID) under the form and keeps what was typed', async () => {
    const host = installFakeHost({
      api: examplesHost(EXAMPLES, {
        'issueTypes/examples/add': () => fail('INPUT.INVALID', 'label: 问题类型无效'),
      }),
    });
    const { container } = render(<IssueExamples now={NOW} />);
    await screen.findByText('快递三天了还没到');
    const form = part(container, 'add');
    type(form, '发票开错了');
    fireEvent.click(within(form).getByText('其他'));
    fireEvent.click(button(form, '添加样例'));

    const error = await within(form).findByRole('alert');
    expect(error).toHaveTextContent('label: 问题类型无效');
    expect(error).toHaveAttribute('data-code', 'INPUT.INVALID');
    expect((form.querySelector('textarea') as HTMLTextAreaElement).value).toBe('发票开错了');
    expect(callsOf(host.calls, 'issueTypes/examples/add')).toHaveLength(1);
    expect(callsOf(host.calls, 'issueTypes/examples/list')).toHaveLength(1);
    expect(container.querySelectorAll('.issue-examples__item')).toHaveLength(2);
  });

  test('checks the length before asking the server', async () => {
    const host = installFakeHost({ api: examplesHost(EXAMPLES) });
    const { container } = render(<IssueExamples now={NOW} />);
    await screen.findByText('快递三天了还没到');
    const form = part(container, 'add');

    type(form, ' 好 ');
    fireEvent.click(within(form).getByText('其他'));
    fireEvent.click(button(form, '添加样例'));
    expect(within(form).getByRole('alert')).toHaveTextContent('样例需 2–200 个字');
    expect(callsOf(host.calls, 'issueTypes/examples/add')).toHaveLength(0);

    type(form, '好的谢谢');
    expect(within(form).queryByRole('alert')).toBeNull();
    fireEvent.click(button(form, '添加样例'));
    expect(await within(form).findByText('已添加：其他')).toBeInTheDocument();
    expect(callsOf(host.calls, 'issueTypes/examples/add').map((c) => c.params)).toEqual([
      { text: '好的谢谢', label: 'other' },
    ]);
  });

  test('asks for a label when none is chosen', async () => {
    const host = installFakeHost({ api: examplesHost(EXAMPLES) });
    const { container } = render(<IssueExamples now={NOW} />);
    await screen.findByText('快递三天了还没到');
    const form = part(container, 'add');
    type(form, '好的谢谢');
    fireEvent.click(button(form, '添加样例'));
    expect(within(form).getByRole('alert')).toHaveTextContent('请选择问题类型');
    expect(callsOf(host.calls, 'issueTypes/examples/add')).toHaveLength(0);
  });

  test('removing an example calls remove with its id and drops it from the list', async () => {
    const host = installFakeHost({ api: examplesHost(EXAMPLES) });
    const { container } = render(<IssueExamples now={NOW} />);
    await screen.findByText('快递三天了还没到');
    fireEvent.click(within(item(container, 'ex_0000000000000002') as HTMLElement).getByText('删除'));

    await waitFor(() => expect(item(container, 'ex_0000000000000002')).toBeNull());
    expect(callsOf(host.calls, 'issueTypes/examples/remove').map((c) => c.params)).toEqual([
      { id: 'ex_0000000000000002' },
    ]);
    expect(item(container, 'ex_0000000000000001')).not.toBeNull();
    expect(screen.getByText('共 1 条')).toBeInTheDocument();
  });

  test('a failed removal says why and keeps the example', async () => {
    installFakeHost({
      api: examplesHost(EXAMPLES, {
        'issueTypes/examples/remove': () =>
          fail('AUTH.FORBIDDEN', '角色 supervisor 无权执行 issueTypes/examples/remove'),
      }),
    });
    const { container } = render(<IssueExamples now={NOW} />);
    await screen.findByText('快递三天了还没到');
    fireEvent.click(within(item(container, 'ex_0000000000000001') as HTMLElement).getByText('删除'));

    const error = await within(part(container, 'list')).findByRole('alert');
    expect(error).toHaveTextContent('角色 supervisor 无权执行 issueTypes/examples/remove');
    expect(error).toHaveAttribute('data-code', 'AUTH.FORBIDDEN');
    expect(item(container, 'ex_0000000000000001')).not.toBeNull();
  });

  test('the preview shows the top three labels with percentages and the examples in effect', async () => {
    const host = installFakeHost({ api: examplesHost(EXAMPLES) });
    const { container } = render(<IssueExamples now={NOW} />);
    await screen.findByText('快递三天了还没到');
    const preview = part(container, 'preview');
    type(preview, '手机充不进电了');
    fireEvent.click(button(preview, '试一试'));

    await waitFor(() => expect(preview.querySelectorAll('[data-rank]')).toHaveLength(3));
    const rows = Array.from(preview.querySelectorAll('[data-rank]')).map((r) => r.textContent);
    expect(rows).toEqual(['售后维修63%', '商品咨询20%', '换货10%']);
    expect(within(preview).queryByText('其他')).toBeNull();
    expect(within(preview).getByText('已生效管理员样例 2 条')).toBeInTheDocument();
    expect(callsOf(host.calls, 'issueTypes/classify').map((c) => c.params)).toEqual([{ text: '手机充不进电了' }]);
  });

  test('the preview shows the server’s error instead of a ranking', async () => {
    installFakeHost({
      api: examplesHost(EXAMPLES, {
        'issueTypes/classify': () => fail('INPUT.INVALID', 'text: 请输入一句客户的话'),
      }),
    });
    const { container } = render(<IssueExamples now={NOW} />);
    await screen.findByText('快递三天了还没到');
    const preview = part(container, 'preview');
    type(preview, '？');
    fireEvent.click(button(preview, '试一试'));

    const error = await within(preview).findByRole('alert');
    expect(error).toHaveTextContent('text: 请输入一句客户的话');
    expect(error).toHaveAttribute('data-code', 'INPUT.INVALID');
    expect(preview.querySelectorAll('[data-rank]')).toHaveLength(0);
  });

  test('a list that fails to load says why and loads again on 重试', async () => {
    let failing = true;
    const base = examplesHost(EXAMPLES);
    const host = installFakeHost({
      api: (call) =>
        call.action === 'issueTypes/examples/list' && failing
          ? fail('INTERNAL', '服务内部错误，请稍后重试')
          : base(call),
    });
    const { container } = render(<IssueExamples now={NOW} />);
    const error = await within(part(container, 'list')).findByRole('alert');
    expect(error).toHaveTextContent('服务内部错误，请稍后重试');
    expect(container.querySelectorAll('.issue-examples__item')).toHaveLength(0);

    failing = false;
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('快递三天了还没到')).toBeInTheDocument();
    expect(within(part(container, 'list')).queryByRole('alert')).toBeNull();
    expect(callsOf(host.calls, 'issueTypes/examples/list')).toHaveLength(2);
  });
});

describe('admin home and the settings page of examples', () => {
  test('the admin home keeps one 设置 link under the session list (the examples moved to settings)', async () => {
    signIn('demo-admin');
    installFakeHost({
      api: (call) => {
        if (call.action === 'me/get') return ok(makeUser({ _id: 'demo-admin', role: 'admin', name: '管理员' }));
        if (call.action === 'agents/list') return ok({ items: [] });
        if (call.action === 'sessions/list') return ok({ items: [makeSession({ customerId: 'cust-42' })], total: 1 });
        return ok({ items: [], total: 0 });
      },
    });
    const { container } = render(<AdminHome />);
    expect(await screen.findByText('客户 cust-42')).toBeInTheDocument();
    expect(screen.queryByText('问题类型样例')).toBeNull();
    const link = screen.getByText('设置 ›');
    const sessions = container.querySelector('.session-list') as HTMLElement;
    expect(sessions.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(link);
    expect(taroTest.navigation.navigateTo).toHaveBeenCalledWith({ url: '/packages/settings/index/index' });
  });

  test('the settings page of examples shows and edits them with the same component', async () => {
    signIn('demo-admin');
    installFakeHost({ api: examplesHost(EXAMPLES) });
    render(<IssueExamplesPage />);
    expect(await screen.findByText('快递三天了还没到')).toBeInTheDocument();
  });
});
