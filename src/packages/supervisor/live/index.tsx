import { useCallback, useMemo } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { LiveSession } from '@core/api.contract';
import LiveSessionList from '../../../components/live-session-list';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useLiveAlerts } from '../../../hooks/use-live-alerts';
import { usePolling } from '../../../hooks/use-polling';
import { useRemote } from '../../../hooks/use-remote';
import { listAlerts } from '../../../services/alerts';
import type { LiveAlertEvent } from '../../../services/alerts.live';
import { currentOpenid } from '../../../services/auth';
import { listLiveSessions } from '../../../services/sessions';
import { rankByRisk, type RankedSession } from '../../../utils/risk';
import { deskChatUrl, KB_GAPS_PAGE, REPLY_TEMPLATES_PAGE, sessionDetailUrl, trainingUrl } from '../../../utils/routes';
import './index.scss';
import { useAgentNames } from '../../../hooks/use-agent-names';

const LIVE_REFRESH_MS = 5_000;
const NO_SESSIONS: LiveSession[] = [];

/** Open sessions of the supervisor's teams, riskiest first, refreshed every 5 s and on alerts. */
export default function LiveSessions() {
  const { user } = useCurrentUser();
  const agentNames = useAgentNames();

  const live = useRemote(async () => {
    const { items } = await listLiveSessions();
    // Waiting times are as of the answer; they tick on from here on this device's clock.
    return { items, measuredAt: Date.now() };
  }, []);
  // Without the alerts, risk ranks by waiting time alone; the sessions' own error is the one shown.
  const openAlerts = useRemote(
    async () => new Map((await listAlerts({ limit: 100 })).items.map((a) => [a._id, a] as const)),
    [],
  );
  const loadSessions = live.reload;
  const loadAlerts = openAlerts.reload;
  const setAlerts = openAlerts.setData;
  const now = usePolling(loadSessions, LIVE_REFRESH_MS);
  const sessions = live.data?.items ?? NO_SESSIONS;
  const measuredAt = live.data?.measuredAt ?? now;

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
    [loadSessions, setAlerts],
  );
  useLiveAlerts(user?._id ?? currentOpenid(), onEvent, () => void loadAlerts());

  usePullDownRefresh(() => {
    void Promise.all([loadSessions(), loadAlerts()]).finally(() => Taro.stopPullDownRefresh());
  });

  const alerts = openAlerts.data;
  const ranked = useMemo(() => rankByRisk(sessions, alerts ? [...alerts.values()] : []), [sessions, alerts]);

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
      <Text className='live-page__link' onClick={() => void Taro.navigateTo({ url: REPLY_TEMPLATES_PAGE })}>
        坐席快捷回复 ›
      </Text>
      <Text className='live-page__link' onClick={() => void Taro.navigateTo({ url: KB_GAPS_PAGE })}>
        知识缺口 ›
      </Text>
      <Text className='live-page__link' onClick={() => void Taro.navigateTo({ url: trainingUrl() })}>
        坐席培训 ›
      </Text>
      <ErrorBanner message={live.error} />
      {live.loaded ? (
        <LiveSessionList
          agentNames={agentNames}
          sessions={ranked}
          // An answer newer than the last tick restarts the clock from the moment it was measured.
          now={Math.max(now, measuredAt)}
          measuredAt={measuredAt}
          onTap={open}
          onIntervene={({ session }) => void Taro.navigateTo({ url: deskChatUrl(session._id) })}
        />
      ) : (
        <Loading />
      )}
    </View>
  );
}
