import { act, fireEvent, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import type { IssueTypeExample } from '@core/model';
import AddExampleForm from '../../../src/components/issue-examples/add-example-form';
import ClassifyForm from '../../../src/components/issue-examples/classify-form';
import { useIssueExamples, type IssueLabel } from '../../../src/hooks/use-issue-examples';
import { signIn } from '../../../src/services/auth';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW } from '../support/factories';

const LABELS: IssueLabel[] = [
  { id: 'logistics', name: '物流配送' },
  { id: 'refund', name: '退款退货' },
];

const example = (over: Partial<IssueTypeExample> = {}): IssueTypeExample => ({
  _id: 'ex_0000000000000001',
  text: '快递三天了还没到',
  label: 'logistics',
  createdBy: 'demo-admin',
  createdAt: NOW,
  updatedBy: 'demo-admin',
  updatedAt: NOW,
  ...over,
});

const calls = (all: ApiCall[], action: string) => all.filter((c) => c.action === action);
const button = (scope: HTMLElement, label: string) =>
  Array.from(scope.querySelectorAll('.at-button')).find((b) => b.textContent === label) as HTMLElement;

beforeEach(() => signIn('demo-admin'));

describe('useIssueExamples', () => {
  test('loads the list and names labels in Chinese', async () => {
    installFakeHost({ api: () => ok({ items: [example()], labels: LABELS }) });
    const { result } = renderHook(() => useIssueExamples());
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(result.current.items).toHaveLength(1);
    expect(result.current.labelName('refund')).toBe('退款退货');
    expect(result.current.labelName('unknown-id')).toBe('unknown-id');
  });

  test('add says whether the example was added, relabelled or already there', async () => {
    const answers = [
      { example: example({ _id: 'ex_new', label: 'refund' }), created: true },
      { example: example({ label: 'refund' }), created: false },
      { example: example(), created: false },
    ];
    installFakeHost({
      api: (call) =>
        call.action === 'issueTypes/examples/add' ? ok(answers.shift()) : ok({ items: [example()], labels: LABELS }),
    });
    const { result } = renderHook(() => useIssueExamples());
    await waitFor(() => expect(result.current.loaded).toBe(true));
    await expect(result.current.add('退款多久到账', 'refund')).resolves.toEqual({
      tone: 'ok',
      text: '已添加：退款退货',
    });
    await expect(result.current.add('快递三天了还没到', 'refund')).resolves.toEqual({
      tone: 'ok',
      text: '已更新标签：物流配送 → 退款退货',
    });
    await expect(result.current.add('快递三天了还没到', 'logistics')).resolves.toEqual({
      tone: 'ok',
      text: '样例已存在（物流配送）',
    });
  });

  test('a failed removal is shown until the list answers again', async () => {
    let removable = false;
    const api = installFakeHost({
      api: (call) => {
        if (call.action !== 'issueTypes/examples/remove') return ok({ items: [example()], labels: LABELS });
        return removable ? ok({ removed: example() }) : fail('AUTH.FORBIDDEN', '无权删除');
      },
    });
    const { result } = renderHook(() => useIssueExamples());
    await waitFor(() => expect(result.current.loaded).toBe(true));
    act(() => result.current.remove(example()));
    expect(result.current.removing).toBe('ex_0000000000000001');
    await waitFor(() => expect(result.current.listFeedback).toMatchObject({ tone: 'error', code: 'AUTH.FORBIDDEN' }));
    expect(result.current.removing).toBeNull();

    await act(() => result.current.reload());
    expect(result.current.listFeedback).toBeNull();
    removable = true;
    act(() => result.current.remove(example()));
    await waitFor(() => expect(calls(api.calls, 'issueTypes/examples/list')).toHaveLength(3));
    expect(result.current.listFeedback).toBeNull();
  });
});

describe('ClassifyForm', () => {
  test('asks for a line before asking the server, and a double tap classifies once', async () => {
    const api = installFakeHost({
      api: () => ok({ ranked: [{ label: 'refund', name: '退款退货', p: 0.9 }], examples: 0 }),
    });
    const { container } = render(<ClassifyForm />);
    fireEvent.click(button(container, '试一试'));
    expect(screen.getByRole('alert')).toHaveTextContent('请输入一句客户的话');
    fireEvent.change(container.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '钱什么时候退' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(button(container, '试一试'));
    fireEvent.click(button(container, '试一试'));
    await waitFor(() => expect(container.querySelectorAll('[data-rank]')).toHaveLength(1));
    expect(calls(api.calls, 'issueTypes/classify')).toHaveLength(1);
  });
});

describe('AddExampleForm', () => {
  const form = (over: { add?: jest.Mock; reload?: jest.Mock } = {}) => {
    const examples = {
      labels: LABELS,
      add: over.add ?? jest.fn(async () => ({ tone: 'ok' as const, text: '已添加：退款退货' })),
      reload: over.reload ?? jest.fn(async () => undefined),
    };
    const view = render(<AddExampleForm examples={examples} />);
    const typeText = (text: string) =>
      fireEvent.change(view.container.querySelector('textarea') as HTMLTextAreaElement, { target: { value: text } });
    return { ...view, examples, typeText };
  };

  test('sends the trimmed text and label, shows what happened, clears the text, then reloads the list', async () => {
    const { container, examples, typeText } = form();
    typeText('  退款多久到账  ');
    fireEvent.click(within(container).getByText('退款退货'));
    fireEvent.click(button(container, '添加样例'));
    expect(await screen.findByText('已添加：退款退货')).toBeInTheDocument();
    expect(examples.add).toHaveBeenCalledWith('退款多久到账', 'refund');
    expect((container.querySelector('textarea') as HTMLTextAreaElement).value).toBe('');
    await waitFor(() => expect(examples.reload).toHaveBeenCalledTimes(1));
  });

  test('checks the length and the label itself; nothing is sent', () => {
    const { container, examples, typeText } = form();
    typeText('好');
    fireEvent.click(button(container, '添加样例'));
    expect(screen.getByRole('alert')).toHaveTextContent('样例需 2–200 个字');
    typeText('好的谢谢');
    fireEvent.click(button(container, '添加样例'));
    expect(screen.getByRole('alert')).toHaveTextContent('请选择问题类型');
    expect(examples.add).not.toHaveBeenCalled();
  });

  test('a refusal keeps what was typed and does not reload', async () => {
    const add = jest.fn(async () => {
      throw new Error('label: 问题类型无效');
    });
    const { container, examples, typeText } = form({ add });
    typeText('发票开错了');
    fireEvent.click(within(container).getByText('物流配送'));
    fireEvent.click(button(container, '添加样例'));
    expect(await screen.findByRole('alert')).toHaveTextContent('label: 问题类型无效');
    expect((container.querySelector('textarea') as HTMLTextAreaElement).value).toBe('发票开错了');
    expect(examples.reload).not.toHaveBeenCalled();
  });
});
