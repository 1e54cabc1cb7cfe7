import { act, renderHook, waitFor } from '@testing-library/react';
import { useRemote } from '../../../src/hooks/use-remote';
import { ApiError } from '../../../src/services/api.error';

/** A promise the test settles by hand, to control the order answers arrive in. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets settled promises run their continuations inside act. */
const flush = () => act(async () => {});

describe('useRemote', () => {
  test('is loading until the answer arrives, then shows it', async () => {
    const answer = deferred<string[]>();
    const { result } = renderHook(() => useRemote(() => answer.promise, []));
    expect(result.current).toMatchObject({ loading: true, loaded: false, data: undefined, error: null });

    await act(async () => answer.resolve(['a', 'b']));
    expect(result.current).toMatchObject({ loading: false, loaded: true, data: ['a', 'b'], error: null });
  });

  test('a failure becomes a Chinese message with its cause, and the page stops loading', async () => {
    const failure = new ApiError('AUTH.FORBIDDEN', '无权查看');
    const { result } = renderHook(() => useRemote(() => Promise.reject(failure), []));
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(result.current).toMatchObject({ loading: false, error: '无权查看', data: undefined });
    expect(result.current.cause).toBe(failure);
  });

  test('a failed reload keeps what was shown; a later success clears the error', async () => {
    const answers = [deferred<number>(), deferred<number>(), deferred<number>()];
    let n = 0;
    const { result } = renderHook(() => useRemote(() => answers[n++].promise, []));
    await act(async () => answers[0].resolve(1));

    let reloading!: Promise<void>;
    act(() => {
      reloading = result.current.reload();
    });
    expect(result.current).toMatchObject({ loading: true, loaded: true, data: 1 });
    await act(async () => {
      answers[1].reject(new Error('网络不可用'));
      await reloading;
    });
    expect(result.current).toMatchObject({ loading: false, data: 1, error: '网络不可用' });

    await act(async () => {
      const again = result.current.reload();
      answers[2].resolve(3);
      await again;
    });
    expect(result.current).toMatchObject({ data: 3, error: null });
  });

  test('new deps start a new query and drop the answer to the old one, whatever order they arrive in', async () => {
    const byId: Record<string, ReturnType<typeof deferred<string>>> = { a: deferred(), b: deferred() };
    const { result, rerender } = renderHook(({ id }) => useRemote(() => byId[id].promise, [id]), {
      initialProps: { id: 'a' },
    });
    rerender({ id: 'b' });
    expect(result.current).toMatchObject({ loading: true, loaded: false });

    await act(async () => byId.b.resolve('answer for b'));
    expect(result.current.data).toBe('answer for b');
    await act(async () => byId.a.resolve('late answer for a'));
    expect(result.current.data).toBe('answer for b');

    // A late failure of the old query is dropped as well.
    const c = deferred<string>();
    byId.c = c;
    rerender({ id: 'c' });
    await act(async () => c.resolve('answer for c'));
    await act(async () => byId.b.reject(new Error('too late')));
    expect(result.current).toMatchObject({ data: 'answer for c', error: null });
  });

  test('in the very render new deps arrive, the old answer is not shown as theirs', async () => {
    const seen: Array<{ id: string; data: string | undefined; loaded: boolean }> = [];
    const { rerender } = renderHook(
      ({ id }) => {
        const r = useRemote(() => Promise.resolve(`answer for ${id}`), [id]);
        seen.push({ id, data: r.data, loaded: r.loaded });
        return r;
      },
      { initialProps: { id: 'a' } },
    );
    await flush();
    rerender({ id: 'b' });
    await flush();
    expect(seen.filter((s) => s.loaded).map((s) => [s.id, s.data])).toEqual([
      ['a', 'answer for a'],
      ['b', 'answer for b'],
    ]);
  });

  test('only the newest reload counts', async () => {
    const answers = [deferred<string>(), deferred<string>(), deferred<string>()];
    let n = 0;
    const { result } = renderHook(() => useRemote(() => answers[n++].promise, []));
    await act(async () => answers[0].resolve('first'));
    act(() => {
      void result.current.reload();
      void result.current.reload();
    });
    await act(async () => answers[2].resolve('newest'));
    await act(async () => answers[1].resolve('older'));
    expect(result.current).toMatchObject({ data: 'newest', loading: false });
  });

  test('waits while load is null, and loads once it is given', async () => {
    const load = jest.fn(() => Promise.resolve('me'));
    const { result, rerender } = renderHook(({ ready }) => useRemote(ready ? load : null, [ready]), {
      initialProps: { ready: false },
    });
    await flush();
    expect(load).not.toHaveBeenCalled();
    expect(result.current).toMatchObject({ loading: false, loaded: false, data: undefined });

    rerender({ ready: true });
    await waitFor(() => expect(result.current.data).toBe('me'));
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('setData changes the shown data in place', async () => {
    const { result } = renderHook(() => useRemote(() => Promise.resolve([1, 2]), []));
    await waitFor(() => expect(result.current.loaded).toBe(true));
    act(() => result.current.setData((list) => [...(list ?? []), 3]));
    expect(result.current.data).toEqual([1, 2, 3]);
  });

  describe('after unmount', () => {
    // React 18 no longer warns about it, so the test watches the hook's state setters itself.
    let writes: Array<{ at: 'mounted' | 'unmounted' }>;
    let phase: 'mounted' | 'unmounted';
    beforeEach(() => {
      writes = [];
      phase = 'mounted';
      // The module object itself (an `import * as` copy would not reach the hook's calls).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const react = require('react') as typeof import('react');
      const realUseState = react.useState;
      jest.spyOn(react, 'useState').mockImplementation(((initial: unknown) => {
        const [value, set] = realUseState(initial);
        const watched = (next: unknown) => {
          writes.push({ at: phase });
          set(next);
        };
        return [value, watched];
      }) as typeof react.useState);
    });
    afterEach(() => jest.restoreAllMocks());

    test('an answer arriving after unmount writes no state', async () => {
      const answer = deferred<string>();
      const { unmount } = renderHook(() => useRemote(() => answer.promise, []));
      await flush();
      expect(writes.length).toBeGreaterThan(0); // the watch works: mounting wrote state
      unmount();
      phase = 'unmounted';
      await act(async () => answer.resolve('too late'));
      expect(writes.filter((w) => w.at === 'unmounted')).toEqual([]);
    });

    test('a failure arriving after unmount writes no state', async () => {
      const answer = deferred<string>();
      const { unmount } = renderHook(() => useRemote(() => answer.promise, []));
      await flush();
      unmount();
      phase = 'unmounted';
      await act(async () => answer.reject(new Error('gone')));
      expect(writes.filter((w) => w.at === 'unmounted')).toEqual([]);
    });

    test('a reload called after unmount (a timer, a pull-down) does not load or write', async () => {
      const load = jest.fn(() => Promise.resolve('x'));
      const { result, unmount } = renderHook(() => useRemote(load, []));
      await flush();
      const { reload } = result.current;
      unmount();
      phase = 'unmounted';
      await act(() => reload());
      expect(load).toHaveBeenCalledTimes(1);
      expect(writes.filter((w) => w.at === 'unmounted')).toEqual([]);
    });
  });
});
