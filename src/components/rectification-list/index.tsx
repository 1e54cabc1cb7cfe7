import { Text, View } from '@tarojs/components';
import type { Rectification } from '@core/rectification/rectification.model';
import { STATUS_NAMES } from '@core/rectification/rectification.model';
import { formatMessageTime } from '../../utils/time';
import { EmptyState } from '../page-state';
import './index.scss';

export interface RectificationListProps {
  /**
   * Rectification notices, newest first.
   * @default []
   */
  items?: Rectification[];
  onOpen?: (r: Rectification) => void;
  /**
   * Name the agent on each row (a supervisor's list).
   * @default false
   */
  showAgent?: boolean;
  /**
   * @default '暂无整改通知'
   */
  emptyText?: string;
}

const defaults = { items: [] as Rectification[], showAgent: false, emptyText: '暂无整改通知' };

export const SOURCE_NAMES: Record<Rectification['source'], string> = {
  'red-line': '红线',
  review: '质检不合格',
  appeal: '申诉维持',
  manual: '主管下发',
};

/** Rectification notices (issue 16): what is wrong, the state and the deadline; overdue ones stand out. */
export default function RectificationList(props: RectificationListProps) {
  const { items, onOpen, showAgent, emptyText } = { ...defaults, ...props };
  if (items.length === 0) return <EmptyState block='rectification-list' text={emptyText} />;
  return (
    <View className='rectification-list'>
      {items.map((r) => (
        <View
          key={r._id}
          className={`rectification-list__item rectification-list__item--${r.status}`}
          data-rectification-id={r._id}
          onClick={() => onOpen?.(r)}
        >
          <View className='rectification-list__head'>
            <Text className='rectification-list__title'>{r.ruleName ?? r.problem}</Text>
            <Text className={`rectification-list__status rectification-list__status--${r.status}`}>
              {STATUS_NAMES[r.status]}
            </Text>
          </View>
          <Text className='rectification-list__meta'>
            {SOURCE_NAMES[r.source]}
            {showAgent ? ` · 客服 ${r.agentId}` : ''}
            {r.status === 'done' ? '' : ` · ${formatMessageTime(r.deadline)} 前完成`}
          </Text>
        </View>
      ))}
    </View>
  );
}
