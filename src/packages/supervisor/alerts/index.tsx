import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import CalibrationLinks from '../../../components/calibration-links';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { AtBadge, AtTabs } from 'taro-ui';
import { ALERT_SEVERITIES, type Alert, type AlertSeverity, type AlertStatus } from '@core/model';
import AlertList from '../../../components/alert-list';
import FilterChips from '../../../components/filter-chips';
import NotifyConsent from '../../../components/notify-consent';
import { ErrorBanner, Loading } from '../../../components/page-state';
import UserBar from '../../../components/user-bar';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useLiveAlerts } from '../../../hooks/use-live-alerts';
import { useRemote } from '../../../hooks/use-remote';
import { listAlerts } from '../../../services/alerts';
import type { LiveAlertEvent, LiveState } from '../../../services/alerts.live';
import { currentOpenid } from '../../../services/auth';
import { EMPTY_FEED, applyFeedEvent, feedFromPage, type AlertFeed, type AlertFilter } from '../../../utils/alert-feed';
import { ALERT_STATUS_LABELS, SEVERITY_LABELS } from '../../../utils/labels';
import { APPEALS_PAGE, LIVE_SESSIONS_PAGE, RECTIFICATIONS_PAGE, sessionDetailUrl } from '../../../utils/routes';
import { PLANS_PAGE } from '../../../utils/sampling-routes';
import 'taro-ui/lib/style/components/badge.scss';
import 'taro-ui/lib/style/components/tabs.scss';
import './index.scss';
import { useAgentNames } from '../../../hooks/use-agent-names';

const TABS: AlertStatus[] = ['new', 'acknowledged', 'resolved', 'false-alarm'];
const SEVERITY_OPTIONS = [
  { value: null, label: '全部' },
  ...[...ALERT_SEVERITIES].reverse().map((s) => ({ value: s, label: SEVERITY_LABELS[s] })),
];
const LIVE_STATE_LABELS: Record<LiveState, string> = {
  connecting: '连接中',
  live: '实时',
  reconnecting: '重连中',
  polling: '定时刷新',
};

export default function SupervisorAlerts() {
  const { user, signOut } = useCurrentUser();
  const agentNames = useAgentNames();
  const [filter, setFilter] = useState<AlertFilter>({ status: 'new', severity: null, team: null });
  const [feed, setFeed] = useState<AlertFeed>(EMPTY_FEED);
  const visible = useRef(true);
  // Live events arrive in callbacks; they must merge against the filter shown now.
  const filterRef = useRef(filter);
  filterRef.current = filter;

  // Answers to an older request (a previous filter, a slow refresh) are dropped by useRemote.
  const listed = useRemote(
    async () => ({
      filter,
      page: await listAlerts({
        status: filter.status,
        ...(filter.severity ? { severity: filter.severity } : {}),
        ...(filter.team ? { team: filter.team } : {}),
        limit: 50,
      }),
    }),
    [filter],
  );
  const load = listed.reload;
  // A page from the server is merged into the feed, which also holds what arrived live; before
  // the page is drawn, so the previous list never shows under the new answer.
  useLayoutEffect(() => {
    if (listed.data) setFeed((prev) => feedFromPage(prev, listed.data!.page, listed.data!.filter));
  }, [listed.data]);

  const onEvent = useCallback((event: LiveAlertEvent) => {
    setFeed((prev) => applyFeedEvent(prev, event, filterRef.current));
  }, []);
  // In WeChat the openid is known once `me/get` answers; in H5 it is the demo sign-in.
  const liveState = useLiveAlerts(user?._id ?? currentOpenid(), onEvent, () => void load());

  useDidShow(() => {
    // Coming back from a detail page where the alert may have been handled.
    if (!visible.current) void load();
    visible.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const change = (next: Partial<AlertFilter>) => {
    setFilter((f) => ({ ...f, ...next }));
  };

  const open = (alert: Alert) => {
    void Taro.navigateTo({ url: sessionDetailUrl(alert.sessionId, alert._id) });
  };

  const showTeams = user?.role === 'admin' || feed.teams.length > 1;
  const tab = TABS.indexOf(filter.status);
  return (
    <View className='alerts-page'>
      <UserBar name={user?.name} role={user?.role} onSignOut={signOut} />
      <CalibrationLinks precision />
      <View className='alerts-page__header'>
        <View className='alerts-page__heading'>
          <Text className='alerts-page__title'>我的告警</Text>
          <AtBadge value={feed.unread > 0 ? feed.unread : ''} maxValue={99}>
            <Text className='alerts-page__unread'>未读</Text>
          </AtBadge>
        </View>
        <Text className='alerts-page__live-link' onClick={() => void Taro.navigateTo({ url: LIVE_SESSIONS_PAGE })}>
          实时会话 ›
        </Text>
        <Text className='alerts-page__live-link' onClick={() => void Taro.navigateTo({ url: APPEALS_PAGE })}>
          申诉裁决 ›
        </Text>
        <Text className='alerts-page__live-link' onClick={() => void Taro.navigateTo({ url: PLANS_PAGE })}>
          抽检计划 ›
        </Text>
        {/* Issue 16: the team's rectification notices and the supervisor's inbox (escalations, department feedback). */}
        <Text className='alerts-page__live-link' onClick={() => void Taro.navigateTo({ url: RECTIFICATIONS_PAGE })}>
          整改通知 ›
        </Text>
      </View>
      {liveState ? (
        <Text className={`alerts-page__live-state alerts-page__live-state--${liveState}`}>
          {LIVE_STATE_LABELS[liveState]}
        </Text>
      ) : null}
      <NotifyConsent />
      <AtTabs
        current={tab}
        tabList={TABS.map((s) => ({ title: ALERT_STATUS_LABELS[s] }))}
        onClick={(index: number) => change({ status: TABS[index] })}
      />
      <FilterChips<AlertSeverity>
        name='severity'
        options={SEVERITY_OPTIONS}
        value={filter.severity}
        onChange={(severity) => change({ severity })}
      />
      {showTeams ? (
        <FilterChips<string>
          name='team'
          options={[{ value: null, label: '全部团队' }, ...feed.teams.map((t) => ({ value: t, label: t }))]}
          value={filter.team}
          onChange={(team) => change({ team })}
        />
      ) : null}
      <ErrorBanner message={listed.error} />
      {listed.loaded ? (
        <AlertList
          agentNames={agentNames}
          alerts={feed.items}
          freshIds={feed.fresh}
          onTap={open}
          emptyText={`暂无${ALERT_STATUS_LABELS[filter.status]}`}
        />
      ) : (
        <Loading />
      )}
    </View>
  );
}
