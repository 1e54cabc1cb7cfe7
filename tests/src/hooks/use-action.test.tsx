import { act, renderHook } from '@testing-library/react';
import { useAction } from '../../../src/hooks/use-action';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useAction', () => {
  test('is busy with its arguments while it runs, then hands the result to onDone', async () => {
    const answer = deferred<string>();
    const onDone = jest.fn();
    const { result } = renderHook(() => useAction((_id: string) => answer.promise, { onDone }));
    let running!: Promise<void>;
    act(() => {
      running = result.current.run('ex-1');
    });
    expect(result.current).toMatchObject({ busy: true, running: ['ex-1'] });
    await act(async () => {
      answer.resolve('done');
      await running;
    });
    expect(onDone).toHaveBeenCalledWith('done', 'ex-1');
    expect(result.current).toMatchObject({ busy: false, running: null });
  });

  test('a second tap while busy sends nothing', async () => {
    const answer = deferred<void>();
    const perform = jest.fn(() => answer.promise);
    const { result } = renderHook(() => useAction(perform));
    act(() => {
      void result.current.run();
      void result.current.run();
    });
    await act(async () => answer.resolve());
    expect(perform).toHaveBeenCalledTimes(1);
  });

  test('a failure goes to onError and the action is free again', async () => {
    const onError = jest.fn();
    const failure = new Error('网络不可用');
    const { result } = renderHook(() => useAction(() => Promise.reject(failure), { onError }));
    await act(() => result.current.run());
    expect(onError).toHaveBeenCalledWith(failure);
    expect(result.current.busy).toBe(false);
  });

  test('stays busy until what onDone returns has settled (a reload after a change)', async () => {
    const reload = deferred<void>();
    const { result } = renderHook(() => useAction(() => Promise.resolve(1), { onDone: () => reload.promise }));
    act(() => {
      void result.current.run();
    });
    await act(async () => {});
    expect(result.current.busy).toBe(true);
    await act(async () => reload.resolve());
    expect(result.current.busy).toBe(false);
  });

  test('after unmount neither handler runs', async () => {
    const ok = deferred<string>();
    const bad = deferred<string>();
    const onDone = jest.fn();
    const onError = jest.fn();
    const first = renderHook(() => useAction(() => ok.promise, { onDone, onError }));
    const second = renderHook(() => useAction(() => bad.promise, { onDone, onError }));
    act(() => {
      void first.result.current.run();
      void second.result.current.run();
    });
    first.unmount();
    second.unmount();
    await act(async () => {
      ok.resolve('late');
      bad.reject(new Error('late'));
    });
    expect(onDone).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
  });
});
