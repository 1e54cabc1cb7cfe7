/**
 * The agent's workspace (issue 16): the agent's open sessions and their team's untaken ones,
 * longest-waiting customer first. Polled every 5 s like the supervisors' live page (desk/list);
 * waiting times tick on this device's clock between answers. A tap opens the chat.
 */
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { usePolling } from '../../../hooks/use-polling';
import { useRemote } from '../../../hooks/use-remote';
import { listDesk } from '../../../services/desk';
import { channelLabel } from '../../../utils/labels';
import { deskChatUrl, trainingUrl } from '../../../utils/routes';
import { formatDuration, formatListTime } from '../../../utils/time';
import './index.scss';

const REFRESH_MS = 5_000;

export default function AgentDesk() {
  const desk = useRemote(async () => ({ ...(await listDesk()), measuredAt: Date.now() }), []);
  const reload = desk.reload;
  const now = usePolling(reload, REFRESH_MS);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  const items = desk.data?.items ?? [];
  const elapsed = Math.max(0, now - (desk.data?.measuredAt ?? now));
  const waiting = items.filter((s) => s.waitingMs > 0).length;
  return (
    <View className='desk-page'>
      <View className='desk-page__header'>
        <Text className='desk-page__title'>我的工作台</Text>
        <Text className='desk-page__count'>
          进行中 {items.length} · 等待回复 {waiting}
        </Text>
        <Text className='desk-page__link' onClick={() => void Taro.navigateTo({ url: trainingUrl() })}>
          我的培训 ›
        </Text>
      </View>
      <ErrorBanner message={desk.error} />
      {!desk.loaded ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState block='desk-list' text='当前没有等待接待的客户' />
      ) : (
        <View className='desk-list'>
          {items.map((s) => (
            <View
              key={s._id}
              className={`desk-list__item${s.waitingMs > 0 ? ' desk-list__item--waiting' : ''}`}
              data-session-id={s._id}
              onClick={() => void Taro.navigateTo({ url: deskChatUrl(s._id) })}
            >
              <View className='desk-list__head'>
                <Text className='desk-list__customer'>客户 {s.customerId}</Text>
                {s.untaken ? <Text className='desk-list__tag'>待接入</Text> : null}
                {s.takenOverBy ? <Text className='desk-list__tag'>主管已接管</Text> : null}
              </View>
              {s.preview ? <Text className='desk-list__preview'>{s.preview.text}</Text> : null}
              <View className='desk-list__meta'>
                {s.waitingMs > 0 ? (
                  <Text className='desk-list__waiting'>等待 {formatDuration(s.waitingMs + elapsed)}</Text>
                ) : (
                  <Text className='desk-list__answered'>已回复</Text>
                )}
                <Text>
                  {' '}
                  · {channelLabel(s.channel)} · 最后消息 {formatListTime(s.lastAt, now)}
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
