import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { LiveSession } from '@core/api.contract';
import type { Alert } from '@core/model';
import LiveSessionList from '../../../components/live-session-list';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useLiveAlerts } from '../../../hooks/use-live-alerts';
import { listAlerts } from '../../../services/alerts';
import type { LiveAlertEvent } from '../../../services/alerts.live';
import { errorMessage } from '../../../services/api.error';
import { currentOpenid } from '../../../services/auth';
import { listLiveSessions } from '../../../services/sessions';
import { rankByRisk, type RankedSession } from '../../../utils/risk';
import { sessionDetailUrl } from '../../../utils/routes';
import './index.scss';
import { useAgentNames } from '../../../hooks/use-agent-names';

const LIVE_REFRESH_MS = 5_000;
const TICK_MS = 1_000;

/** Open sessions of the supervisor's teams, riskiest first, refreshed every 5 s and on alerts. */
export default function LiveSessions() {
  const { user } = useCurrentUser();
  const agentNames = useAgentNames();
  const [sessions, setSessions] = useState<LiveSession[]>([]);
  const [alerts, setAlerts] = useState<Map<string, Alert>>(new Map());
  const [measuredAt, setMeasuredAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const visible = useRef(true);

  const loadSessions = useCallback(async () => {
    try {
      const { items } = await listLiveSessions();
      setSessions(items);
      // Waiting times are as of the answer; they tick on from here on this device's clock.
      const at = Date.now();
      setMeasuredAt(at);
      setNow(at);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoaded(true);
    }
  }, []);

  const loadAlerts = useCallback(async () => {
    try {
      const page = await listAlerts({ limit: 100 });
      setAlerts(new Map(page.items.map((a) => [a._id, a])));
    } catch {
      // Risk then ranks by waiting time alone; the sessions' own error is the one shown.
    }
  }, []);

  useEffect(() => {
    void loadSessions();
    void loadAlerts();
    const refresh = setInterval(() => {
      if (visible.current) void loadSessions();
    }, LIVE_REFRESH_MS);
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      clearInterval(refresh);
      clearInterval(tick);
    };
  }, [loadSessions, loadAlerts]);

  const onEvent = useCallback(
    (event: LiveAlertEvent) => {
      setAlerts((prev) => {
        const next = new Map(prev);
        for (const a of event.alerts) next.set(a._id, a);
        return next;
      });
      // A new alert usually means a session changed: show it now, not at the next refresh.
      if (event.type !== 'snapshot') void loadSessions();
    },
    [loadSessions],
  );
  useLiveAlerts(user?._id ?? currentOpenid(), onEvent, () => void loadAlerts());

  useDidShow(() => {
    if (!visible.current) void loadSessions();
    visible.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });
  usePullDownRefresh(() => {
    void Promise.all([loadSessions(), loadAlerts()]).finally(() => Taro.stopPullDownRefresh());
  });

  const ranked = useMemo(() => rankByRisk(sessions, [...alerts.values()]), [sessions, alerts]);

  const open = ({ session, openAlerts }: RankedSession<LiveSession>) => {
    void Taro.navigateTo({ url: sessionDetailUrl(session._id, openAlerts[0]?._id) });
  };

  const waiting = sessions.filter((s) => s.waitingMs > 0).length;
  return (
    <View className='live-page'>
      <View className='live-page__header'>
        <Text className='live-page__title'>实时会话</Text>
        <Text className='live-page__count'>
          进行中 {sessions.length} · 等待回复 {waiting}
        </Text>
      </View>
      {error ? <View className='app-error'>{error}</View> : null}
      {loaded ? (
        <LiveSessionList agentNames={agentNames} sessions={ranked} now={now} measuredAt={measuredAt} onTap={open} />
      ) : (
        <View className='app-empty'>加载中…</View>
      )}
    </View>
  );
}
