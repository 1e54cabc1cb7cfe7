import { Text, View } from '@tarojs/components';
import type { Notice } from '@core/model';
import { formatListTime } from '../../utils/time';
import { EmptyState } from '../page-state';
import './index.scss';

export interface NoticeListProps {
  /**
   * Notices, newest first.
   * @default []
   */
  notices?: Notice[];
  /**
   * The notice shown in full.
   * @default null
   */
  openId?: string | null;
  onOpen?: (notice: Notice) => void;
  /**
   * @default '暂无通知'
   */
  emptyText?: string;
  /**
   * Reference time for relative timestamps; tests pin it.
   * @default Date.now()
   */
  now?: number;
}

const defaults = { notices: [] as Notice[], openId: null, emptyText: '暂无通知' };

/** The agent's inbox: unread notices stand out; the opened one shows its full text. */
export default function NoticeList(props: NoticeListProps) {
  const { notices, openId, onOpen, emptyText, now } = { ...defaults, ...props };
  if (notices.length === 0) return <EmptyState block='notice-list' text={emptyText} />;
  return (
    <View className='notice-list'>
      {notices.map((n) => (
        <View
          key={n._id}
          className={`notice-list__item${n.readAt === null ? ' notice-list__item--unread' : ''}`}
          data-notice-id={n._id}
          onClick={() => onOpen?.(n)}
        >
          <View className='notice-list__head'>
            <Text className='notice-list__title'>{n.title}</Text>
            <Text className='notice-list__time'>{formatListTime(n.createdAt, now)}</Text>
          </View>
          <Text className='notice-list__from'>来自 {n.fromName}</Text>
          {openId === n._id ? <Text className='notice-list__text'>{n.text}</Text> : null}
        </View>
      ))}
    </View>
  );
}
