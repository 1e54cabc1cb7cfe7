/**
 * The clock of a page that shows live data (the agent's workspace, the supervisors' live
 * sessions): `reload` runs every `refreshMs` while the page is shown, not while another page
 * covers it, and at once when it is shown again; the returned `now` ticks every `tickMs` on this
 * device's clock so waiting times count up between answers. Pull-down refresh stays with the
 * page (what it reloads differs).
 */
import { useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

export function usePolling(reload: () => Promise<unknown>, refreshMs: number, tickMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  const visible = useRef(true);

  useEffect(() => {
    const refresh = setInterval(() => {
      if (visible.current) void reload();
    }, refreshMs);
    const tick = setInterval(() => setNow(Date.now()), tickMs);
    return () => {
      clearInterval(refresh);
      clearInterval(tick);
    };
  }, [reload, refreshMs, tickMs]);
  useDidShow(() => {
    if (!visible.current) void reload();
    visible.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });
  return now;
}
