import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { AtBadge, AtTabs } from 'taro-ui';
import type { Alert, AlertStatus } from '@core/model';
import AlertList from '../../../components/alert-list';
import UserBar from '../../../components/user-bar';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { listAlerts } from '../../../services/alerts';
import { errorMessage } from '../../../services/api.error';
import { ALERT_STATUS_LABELS } from '../../../utils/labels';
import { sessionDetailUrl } from '../../../utils/routes';
import 'taro-ui/lib/style/components/badge.scss';
import 'taro-ui/lib/style/components/tabs.scss';
import './index.scss';

/** Until live push arrives the list refreshes itself this often while visible. */
const POLL_MS = 10_000;
const TABS: Array<Exclude<AlertStatus, 'false-alarm'>> = ['new', 'acknowledged', 'resolved'];

export default function SupervisorAlerts() {
  const { user, signOut } = useCurrentUser();
  const [tab, setTab] = useState(0);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [unread, setUnread] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const visible = useRef(true);
  // Answers to an older request (a previous tab, a slow poll) must not overwrite newer ones.
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const page = await listAlerts({ status: TABS[tab], limit: 50 });
      if (ticket !== latest.current) return;
      setAlerts(page.items);
      setUnread(page.unread);
      setError(null);
    } catch (e) {
      if (ticket === latest.current) setError(errorMessage(e));
    } finally {
      if (ticket === latest.current) setLoaded(true);
    }
  }, [tab]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (visible.current) void load();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

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

  const open = (alert: Alert) => {
    void Taro.navigateTo({ url: sessionDetailUrl(alert.sessionId, alert._id) });
  };

  return (
    <View className='alerts-page'>
      <UserBar name={user?.name} role={user?.role} onSignOut={signOut} />
      <View className='alerts-page__header'>
        <Text className='alerts-page__title'>我的告警</Text>
        <AtBadge value={unread > 0 ? unread : ''} maxValue={99}>
          <Text className='alerts-page__unread'>未读</Text>
        </AtBadge>
      </View>
      <AtTabs
        current={tab}
        tabList={TABS.map((s) => ({ title: ALERT_STATUS_LABELS[s] }))}
        onClick={(index: number) => {
          setTab(index);
          setLoaded(false);
        }}
      />
      {error ? <View className='app-error'>{error}</View> : null}
      {loaded ? (
        <AlertList alerts={alerts} onTap={open} emptyText={`暂无${ALERT_STATUS_LABELS[TABS[tab]]}`} />
      ) : (
        <View className='app-empty'>加载中…</View>
      )}
    </View>
  );
}
