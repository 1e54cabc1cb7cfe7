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
import MyScores from '../../../components/my-scores';
import MyStrengths from '../../../components/my-strengths';
import RectificationList from '../../../components/rectification-list';
import { useRemote } from '../../../hooks/use-remote';
import { listRectifications } from '../../../services/rectifications';
import { myTraining } from '../../../services/kb';
import {
  APPEALS_PAGE,
  CASES_PAGE,
  DESK_PAGE,
  RECTIFICATIONS_PAGE,
  TRAINING_PAGE,
  rectificationUrl,
  reviewResultUrl,
} from '../../../utils/routes';
import 'taro-ui/lib/style/components/badge.scss';
import './index.scss';

/** Unfinished notices first (overdue, then open, then acknowledged), newest first inside each. */
const RECT_ORDER = { overdue: 0, open: 1, acknowledged: 2, done: 3 } as const;

/**
 * An agent's inbox (issue 16): my scores and their trend, 做得好的 (reviewers' praise and bonus
 * hits, each opening the session at its message), rectification notices with their state
 * and deadline, supervisors' notices, my appeals, exemplary cases, recommended training, and my
 * recent sessions with their scores (each opens its detail: the evidence, deductions and bonuses).
 */
export default function AgentHome() {
  const { user, error: userError, signOut } = useCurrentUser();
  // Wait for the agent's id so the list never flashes someone else's sessions.
  const list = useSessionList(user ? { agentId: user.agentId, limit: 50 } : null);
  const inbox = useNotices(user?.role === 'agent');
  // Recommended training (training/mine): the first two here, the rest and the reasons on its page.
  const training = useRemote(user?.role === 'agent' ? myTraining : null, [user?._id]);
  // Read defensively: an older api (or a stand-in answering {}) has no profile.
  const recommended = training.data?.profile?.recommendations ?? [];
  const rects = useRemote(user?.role === 'agent' ? () => listRectifications({ limit: 20 }) : null, [user?._id]);
  const pending = [...(rects.data?.items ?? [])]
    .filter((r) => r.status !== 'done')
    .sort((a, b) => RECT_ORDER[a.status] - RECT_ORDER[b.status] || b.createdAt - a.createdAt);
  const error = userError ?? list.error;
  // A review's result or an appeal's decision opens the review, where the agent can appeal.
  const openNotice = (n: Notice) => {
    inbox.open(n);
    if (n.rectificationId) void Taro.navigateTo({ url: rectificationUrl(n.rectificationId) });
    else if (n.reviewId) void Taro.navigateTo({ url: reviewResultUrl(n.reviewId) });
    // A periodic review report (my month's figures) opens on the reports' list.
    else if (n.reportId)
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
      <View className='home-page__header'>我的成绩</View>
      <MyScores enabled={user?.role === 'agent'} />
      <View className='home-page__header'>做得好的</View>
      <MyStrengths enabled={user?.role === 'agent'} />
      <View className='home-page__header'>
        整改通知<Text className='home-page__count'>{pending.length} 项待完成</Text>
      </View>
      <ErrorBanner message={rects.error} />
      <RectificationList
        items={pending}
        emptyText='没有待完成的整改'
        onOpen={(r) => void Taro.navigateTo({ url: rectificationUrl(r._id) })}
      />
      <Text className='home-page__link' onClick={() => void Taro.navigateTo({ url: RECTIFICATIONS_PAGE })}>
        全部整改通知 ›
      </Text>
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
      <Text className='home-page__link' onClick={() => void Taro.navigateTo({ url: CASES_PAGE })}>
        优秀案例 ›
      </Text>
      <Text className='home-page__link' onClick={() => void Taro.navigateTo({ url: TRAINING_PAGE })}>
        推荐培训{recommended.length ? `（${recommended.length}）` : ''} ›
      </Text>
      {recommended.slice(0, 2).map((r) => (
        <Text key={`${r.itemId}:${r.ruleId}`} className='home-page__hint' data-training={r.itemId}>
          {r.title}：{r.reason}
        </Text>
      ))}
      <View className='home-page__header'>
        我的会话<Text className='home-page__count'>共 {list.total} 通</Text>
      </View>
      <ErrorBanner message={error} />
      {list.loaded ? <SessionList sessions={list.sessions} onTap={list.open} emptyText='最近没有会话' /> : <Loading />}
    </View>
  );
}
