import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StrengthItem } from '@core/inspection/strengths';
import { EmptyState, ErrorBanner, Loading } from '../page-state';
import { useRemote } from '../../hooks/use-remote';
import { agentStrengths } from '../../services/strengths';
import { sessionAtMessageUrl } from '../../utils/routes';
import { formatMessageTime } from '../../utils/time';
import './index.scss';

export interface MyStrengthsProps {
  /**
   * Load only once the signed-in agent is known.
   * @default true
   */
  enabled?: boolean;
  /**
   * Items shown; the counts cover the whole window.
   * @default 5
   */
  shown?: number;
  /** Another agent's (a supervisor's view of their team's agent); absent: the signed-in agent's. */
  agentId?: string;
}

/**
 * 「做得好的」 on the agent's inbox (issue 16: strengths as well as faults): counts of reviewers'
 * praise and bonus-rule hits over the last 30 days, the most frequent labels and rules, and the
 * newest items, each opening the session at its message as a fault's evidence does.
 */
export default function MyStrengths(props: MyStrengthsProps) {
  const { enabled = true, shown = 5, agentId } = props;
  const remote = useRemote(enabled ? () => agentStrengths(agentId ? { agentId } : {}) : null, [enabled, agentId]);
  if (remote.error && !remote.data) return <ErrorBanner message={remote.error} onRetry={remote.reload} />;
  if (!remote.data) return enabled ? <Loading /> : null;
  // Read defensively: an older api (or a stand-in answering {}) has no counts.
  const {
    items = [],
    counts = { praise: 0, bonus: 0, sessions: 0 },
    byLabel = [],
    byRule = [],
    days = 30,
  } = remote.data;
  const open = (i: StrengthItem) => void Taro.navigateTo({ url: sessionAtMessageUrl(i.sessionId, i.messageIndex) });
  return (
    <View className='my-strengths'>
      <Text className='my-strengths__summary' data-part='strength-counts'>
        近{days}天：表扬 {counts.praise} 次 · 加分 {counts.bonus} 项 · 涉及 {counts.sessions} 通会话
      </Text>
      {byLabel.length + byRule.length > 0 ? (
        <View className='my-strengths__chips'>
          {[...byLabel, ...byRule].slice(0, 4).map((c) => (
            <Text key={c.key} className='my-strengths__chip'>
              {c.name} ×{c.count}
            </Text>
          ))}
        </View>
      ) : null}
      {items.length === 0 ? <EmptyState text='还没有表扬或加分，继续加油' /> : null}
      {items.slice(0, shown).map((i) => (
        <View
          key={`${i.kind}:${i.reviewId ?? ''}:${i.sessionId}:${i.messageIndex ?? '-'}:${i.ruleId ?? i.title}`}
          className='my-strengths__item'
          data-strength={i.kind}
          onClick={() => open(i)}
        >
          <View className='my-strengths__head'>
            <Text className={`my-strengths__kind my-strengths__kind--${i.kind}`}>
              {i.kind === 'praise' ? '表扬' : i.points ? `+${i.points}` : '加分'}
            </Text>
            <Text className='my-strengths__title'>{i.title}</Text>
            <Text className='my-strengths__time'>{formatMessageTime(i.at)}</Text>
          </View>
          {i.text ? <Text className='my-strengths__text'>{i.text}</Text> : null}
          <Text className='my-strengths__open'>
            {i.messageIndex === null ? '查看会话' : `查看第 ${i.messageIndex + 1} 条消息`} ›
          </Text>
        </View>
      ))}
    </View>
  );
}
