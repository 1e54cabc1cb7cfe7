/**
 * Rectification notices as a list (issue 16): an agent's own, a supervisor's team's (with the
 * supervisor's inbox above: overdue escalations and department feedback), filtered by state.
 * Each opens the notice.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RectificationStatus } from '@core/rectification/rectification.model';
import { RECTIFICATION_STATUSES, STATUS_NAMES } from '@core/rectification/rectification.model';
import NoticeList from '../../../components/notice-list';
import { ErrorBanner, Loading } from '../../../components/page-state';
import RectificationList from '../../../components/rectification-list';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useNotices } from '../../../hooks/use-notices';
import { useRemote } from '../../../hooks/use-remote';
import { listRectifications } from '../../../services/rectifications';
import { rectificationUrl } from '../../../utils/routes';
import './index.scss';

export default function RectificationListPage() {
  const { user } = useCurrentUser();
  const [status, setStatus] = useState<RectificationStatus | undefined>(undefined);
  const remote = useRemote(user ? () => listRectifications({ status, limit: 50 }) : null, [user?._id, status]);
  const supervisor = user?.role === 'supervisor';
  const inbox = useNotices(supervisor);
  const open = (id: string) => void Taro.navigateTo({ url: rectificationUrl(id) });
  return (
    <View className='rectification-page'>
      {supervisor ? (
        <>
          <Text className='rectification-page__header'>
            我的通知{inbox.unread > 0 ? `（${inbox.unread} 未读）` : ''}
          </Text>
          <ErrorBanner message={inbox.error} />
          <NoticeList
            notices={inbox.notices}
            openId={inbox.openId}
            onOpen={(n) => {
              inbox.open(n);
              if (n.rectificationId) open(n.rectificationId);
            }}
          />
        </>
      ) : null}
      <Text className='rectification-page__header'>整改通知</Text>
      <View className='rectification-page__chips'>
        {[undefined, ...RECTIFICATION_STATUSES].map((s) => (
          <Text
            key={s ?? 'all'}
            className={`rectification-page__chip${status === s ? ' rectification-page__chip--on' : ''}`}
            onClick={() => setStatus(s)}
          >
            {s ? STATUS_NAMES[s] : '全部'}
          </Text>
        ))}
      </View>
      <ErrorBanner message={remote.error} onRetry={remote.reload} />
      {remote.loaded ? (
        <RectificationList
          items={remote.data?.items ?? []}
          showAgent={!!user && user.role !== 'agent'}
          onOpen={(r) => open(r._id)}
        />
      ) : (
        <Loading />
      )}
    </View>
  );
}
