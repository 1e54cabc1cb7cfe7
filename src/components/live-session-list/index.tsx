import { Text, View } from '@tarojs/components';
import type { LiveSession } from '@core/api.contract';
import { agentLabel, channelLabel } from '../../utils/labels';
import { RISK_LABELS, type RankedSession } from '../../utils/risk';
import { formatDuration, formatListTime } from '../../utils/time';
import { EmptyState } from '../page-state';
import './index.scss';

export interface LiveSessionListProps {
  /**
   * agentId → display name; an agent without an entry is shown by id.
   * @default undefined
   */
  agentNames?: Record<string, string>;
  /**
   * Sessions in display order (riskiest first).
   * @default []
   */
  sessions?: RankedSession<LiveSession>[];
  /** The clock: waiting times tick with it. */
  now: number;
  /** When the waiting times were measured (the list's fetch time, same clock as `now`). */
  measuredAt: number;
  onTap?: (ranked: RankedSession<LiveSession>) => void;
  /** When given, each session offers 「介入」: whisper to the agent or take over (the workspace chat). */
  onIntervene?: (ranked: RankedSession<LiveSession>) => void;
  /**
   * @default '当前没有进行中的会话'
   */
  emptyText?: string;
}

const defaults = { sessions: [] as RankedSession<LiveSession>[], emptyText: '当前没有进行中的会话' };

/** Open sessions: who is waiting and for how long, with a risk tag. Presentational only. */
export default function LiveSessionList(props: LiveSessionListProps) {
  const { sessions, now, measuredAt, onTap, onIntervene, emptyText, agentNames } = { ...defaults, ...props };
  if (sessions.length === 0) return <EmptyState block='live-list' text={emptyText} />;
  const elapsed = Math.max(0, now - measuredAt);
  return (
    <View className='live-list'>
      {sessions.map((ranked) => {
        const { session, level, openAlerts, negativeCustomer } = ranked;
        const waiting = session.waitingMs > 0;
        return (
          <View
            key={session._id}
            className={`live-list__item live-list__item--${level}`}
            data-session-id={session._id}
            onClick={() => onTap?.(ranked)}
          >
            <View className='live-list__head'>
              <Text className='live-list__customer'>客户 {session.customerId}</Text>
              <Text className={`live-list__risk live-list__risk--${level}`}>{RISK_LABELS[level]}</Text>
            </View>
            <View className='live-list__wait'>
              {waiting ? (
                <Text className='live-list__waiting'>等待 {formatDuration(session.waitingMs + elapsed)}</Text>
              ) : (
                <Text className='live-list__answered'>已回复</Text>
              )}
              {openAlerts.length > 0 ? <Text className='live-list__alerts'>告警 {openAlerts.length}</Text> : null}
              {negativeCustomer ? <Text className='live-list__angry'>客户不满</Text> : null}
              {onIntervene ? (
                <Text
                  className='live-list__intervene'
                  onClick={(e) => {
                    e.stopPropagation();
                    onIntervene(ranked);
                  }}
                >
                  介入
                </Text>
              ) : null}
            </View>
            <Text className='live-list__meta'>
              客服 {agentLabel(session.agentId, agentNames)}
              {session.team ? ` · ${session.team}` : ''} · {channelLabel(session.channel)} · 最后消息{' '}
              {formatListTime(session.lastAt, now)}
            </Text>
          </View>
        );
      })}
    </View>
  );
}
