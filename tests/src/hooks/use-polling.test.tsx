/**
 * usePolling: reloads on its period only while the page is shown, at once when it is shown
 * again, and returns a clock that ticks between answers. The page's show/hide callbacks are
 * captured from Taro's hooks so the test can cover and uncover the page.
 */
import { act, renderHook } from '@testing-library/react';
import { usePolling } from '../../../src/hooks/use-polling';

const pageEvents: { show?: () => void; hide?: () => void } = {};
jest.mock('@tarojs/taro', () => {
  const taro = jest.requireActual('../mocks/taro');
  return {
    ...taro,
    useDidShow: (cb: () => void) => {
      pageEvents.show = cb;
      taro.useDidShow(cb);
    },
    useDidHide: (cb: () => void) => {
      pageEvents.hide = cb;
    },
  };
});

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('reloads every period and the clock ticks every second', () => {
  const reload = jest.fn(() => Promise.resolve());
  const { result } = renderHook(() => usePolling(reload, 5_000));
  const start = result.current;
  act(() => jest.advanceTimersByTime(1_000));
  expect(result.current).toBeGreaterThanOrEqual(start + 1_000);
  expect(reload).not.toHaveBeenCalled();
  act(() => jest.advanceTimersByTime(4_000));
  expect(reload).toHaveBeenCalledTimes(1);
  act(() => jest.advanceTimersByTime(10_000));
  expect(reload).toHaveBeenCalledTimes(3);
});

test('no reloads while another page covers it; one at once when it is shown again', () => {
  const reload = jest.fn(() => Promise.resolve());
  renderHook(() => usePolling(reload, 5_000));
  expect(reload).not.toHaveBeenCalled(); // the first show is the page's own first load
  act(() => pageEvents.hide!());
  act(() => jest.advanceTimersByTime(20_000));
  expect(reload).not.toHaveBeenCalled();
  act(() => pageEvents.show!());
  expect(reload).toHaveBeenCalledTimes(1);
  act(() => jest.advanceTimersByTime(5_000));
  expect(reload).toHaveBeenCalledTimes(2);
});

test('stops its timers when the page goes away', () => {
  const reload = jest.fn(() => Promise.resolve());
  const { unmount } = renderHook(() => usePolling(reload, 5_000));
  unmount();
  act(() => jest.advanceTimersByTime(20_000));
  expect(reload).not.toHaveBeenCalled();
  expect(jest.getTimerCount()).toBe(0);
});
