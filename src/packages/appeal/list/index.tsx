import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useCurrentUser } from '../../../hooks/use-current-user';
import { useRemote } from '../../../hooks/use-remote';
import { listAppeals } from '../../../services/appeals';
import { appealDecideUrl, reviewResultUrl } from '../../../utils/routes';
import { formatMessageTime } from '../../../utils/time';
import { APPEAL_STATUS } from '../labels';
import './index.scss';

/** Agents: my appeals. Supervisors: their team's appeals, open ones first, each to decide. */
export default function AppealList() {
  const { user } = useCurrentUser();
  const remote = useRemote(user ? () => listAppeals({ limit: 50 }) : null, [user?._id]);
  if (remote.error && !remote.data) return <ErrorBanner message={remote.error} onRetry={remote.reload} />;
  if (!remote.data) return <Loading />;
  const items = [...remote.data.items].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));
  if (items.length === 0) return <EmptyState text='暂无申诉' />;
  const deciding = user?.role === 'supervisor';
  return (
    <View className='appeal-page'>
      {items.map((a) => {
        const pending = a.items.filter((i) => i.status === 'pending');
        const due = pending.length ? Math.min(...pending.map((i) => i.decideBy)) : null;
        return (
          <View
            key={a._id}
            className='appeal-page__item'
            data-appeal-id={a._id}
            onClick={() =>
              void Taro.navigateTo({ url: deciding ? appealDecideUrl(a._id) : reviewResultUrl(a.reviewId) })
            }
          >
            <View className='appeal-page__row'>
              <Text>客服 {a.agentId}</Text>
              <Text>{APPEAL_STATUS[a.status]}</Text>
            </View>
            <Text className='appeal-page__text'>
              {a.items.length} 项申诉{pending.length ? `，${pending.length} 项待裁决` : ''}
              {due ? ` · ${formatMessageTime(due)} 前裁决` : ''}
              {a.finalScore ? ` · 复核后 ${a.finalScore.total} 分` : ''}
            </Text>
          </View>
        );
      })}
    </View>
  );
}
