import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Notice } from '@core/model';
import { AtBadge } from 'taro-ui';
import CalibrationLinks from '../../../components/calibration-links';
import NoticeList from '../../../components/notice-list';
import NotifyConsent from '../../../components/notify-consent';
import { ErrorBanner, Loading } from '../../../components/page-state';
import SessionList from '../../../components/session-list';
import UserBar from '../../../components/user-bar';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useNotices } from '../../../hooks/use-notices';
import { useSessionList } from '../../../hooks/use-session-list';
import { APPEALS_PAGE, DESK_PAGE, reviewResultUrl } from '../../../utils/routes';
import 'taro-ui/lib/style/components/badge.scss';
import './index.scss';

/** An agent's inbox (supervisors' notices) and own recent sessions with their scores. */
export default function AgentHome() {
  const { user, error: userError, signOut } = useCurrentUser();
  // Wait for the agent's id so the list never flashes someone else's sessions.
  const list = useSessionList(user ? { agentId: user.agentId, limit: 50 } : null);
  const inbox = useNotices(user?.role === 'agent');
  const error = userError ?? list.error;
  // A review's result or an appeal's decision opens the review, where the agent can appeal.
  const openNotice = (n: Notice) => {
    inbox.open(n);
    if (n.reviewId) void Taro.navigateTo({ url: reviewResultUrl(n.reviewId) });
    // A periodic review report (my month's figures) opens on the reports' list.
    if (n.reportId)
      void Taro.navigateTo({ url: `/packages/reports/periodic/index?id=${encodeURIComponent(n.reportId)}` });
  };
  return (
    <View className='home-page'>
      <UserBar name={user?.name} role={user?.role} onSignOut={signOut} />
      <CalibrationLinks />
      {user?.role === 'agent' ? (
        <Text className='home-page__link' onClick={() => void Taro.navigateTo({ url: DESK_PAGE })}>
          我的工作台：接待客户 ›
        </Text>
      ) : null}
      {user?.role === 'agent' ? (
        <NotifyConsent
          prompt='手机上接收主管的通知与整改提醒'
          action='开启通知'
          unavailable='通知需在微信小程序中开启'
        />
      ) : null}
      <View className='home-page__header'>
        <AtBadge value={inbox.unread > 0 ? inbox.unread : ''} maxValue={99}>
          <Text className='home-page__section'>通知</Text>
        </AtBadge>
      </View>
      <ErrorBanner message={inbox.error} />
      <NoticeList notices={inbox.notices} openId={inbox.openId} onOpen={openNotice} />
      <Text className='home-page__link' onClick={() => void Taro.navigateTo({ url: APPEALS_PAGE })}>
        我的申诉 ›
      </Text>
      <View className='home-page__header'>
        我的会话<Text className='home-page__count'>共 {list.total} 通</Text>
      </View>
      <ErrorBanner message={error} />
      {list.loaded ? <SessionList sessions={list.sessions} onTap={list.open} emptyText='最近没有会话' /> : <Loading />}
    </View>
  );
}
