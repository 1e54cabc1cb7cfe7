import { Text, View } from '@tarojs/components';
import type { Session } from '@core/model';
import { agentLabel, channelLabel, issueTypeLabel, shortId } from '../../utils/labels';
import { formatListTime } from '../../utils/time';
import { EmptyState } from '../page-state';
import './index.scss';

export interface SessionListProps {
  /**
   * agentId → display name; an agent without an entry is shown by id.
   * @default undefined
   */
  agentNames?: Record<string, string>;
  /**
   * Sessions in display order.
   * @default []
   */
  sessions?: Session[];
  /** Called with the session the user tapped. */
  onTap?: (session: Session) => void;
  /**
   * Shown instead of the list when there is nothing to show.
   * @default '暂无会话'
   */
  emptyText?: string;
  /**
   * Reference time for relative timestamps; tests pin it.
   * @default Date.now()
   */
  now?: number;
}

const defaults = { sessions: [] as Session[], emptyText: '暂无会话' };

/**
 * Sessions led by what they are about (issue type, the customer's first line, masked, and the
 * rules that cost points), then who, when, how long and the score. Presentational only.
 */
export default function SessionList(props: SessionListProps) {
  const { sessions, emptyText, onTap, now, agentNames } = { ...defaults, ...props };
  if (sessions.length === 0) return <EmptyState block='session-list' text={emptyText} />;
  return (
    <View className='session-list'>
      {sessions.map((s) => (
        <View key={s._id} className='session-list__item' data-session-id={s._id} onClick={() => onTap?.(s)}>
          <View className='session-list__body'>
            <View className='session-list__head'>
              {issueTypeLabel(s.issueType) ? (
                <Text className='session-list__issue'>{issueTypeLabel(s.issueType)}</Text>
              ) : null}
              <Text className='session-list__title'>{s.preview?.text ?? `客户 ${shortId(s.customerId)}`}</Text>
            </View>
            {s.score?.lost?.length ? <Text className='session-list__lost'>扣分：{s.score.lost.join('、')}</Text> : null}
            <Text className='session-list__meta'>
              {s.preview ? `客户 ${shortId(s.customerId)} · ` : ''}客服 {agentLabel(s.agentId, agentNames)}
              {s.team ? ` · ${s.team}` : ''} · {channelLabel(s.channel)} · {s.messageCount} 条消息
            </Text>
            <Text className='session-list__time'>
              {formatListTime(s.lastAt, now)} · {s.status === 'open' ? '进行中' : '已结束'}
            </Text>
          </View>
          <View className='session-list__score'>
            {s.score ? (
              <>
                <Text
                  className={`session-list__total ${s.score.passed ? 'session-list__total--pass' : 'session-list__total--fail'}`}
                >
                  {s.score.total}
                </Text>
                <Text className='session-list__verdict'>
                  {s.score.redLine ? '红线' : s.score.passed ? '合格' : '不合格'}
                </Text>
              </>
            ) : (
              <Text className='session-list__verdict'>未评分</Text>
            )}
          </View>
        </View>
      ))}
    </View>
  );
}
