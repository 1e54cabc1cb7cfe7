import { Text, View } from '@tarojs/components';
import { AtTag } from 'taro-ui';
import type { Alert } from '@core/model';
import { ALERT_STATUS_LABELS, SEVERITY_COLORS, SEVERITY_LABELS, agentLabel, policyLabel } from '../../utils/labels';
import { formatListTime } from '../../utils/time';
import { EmptyState } from '../page-state';
import 'taro-ui/lib/style/components/tag.scss';
import './index.scss';

export interface AlertListProps {
  /**
   * agentId → display name; an agent without an entry is shown by id.
   * @default undefined
   */
  agentNames?: Record<string, string>;
  /**
   * Alerts in display order.
   * @default []
   */
  alerts?: Alert[];
  /**
   * Ids of alerts that arrived live since the list was loaded: drawn with a highlight.
   * @default []
   */
  freshIds?: string[];
  /** Called with the alert the user tapped. */
  onTap?: (alert: Alert) => void;
  /**
   * Shown instead of the list when there is nothing to show.
   * @default '暂无告警'
   */
  emptyText?: string;
  /**
   * Reference time for relative timestamps; tests pin it.
   * @default Date.now()
   */
  now?: number;
}

const defaults = { alerts: [] as Alert[], emptyText: '暂无告警', freshIds: [] as string[] };

/** The supervisor's alert list: severity first, then what, who and when. Presentational only. */
export default function AlertList(props: AlertListProps) {
  const { alerts, emptyText, freshIds, onTap, now, agentNames } = { ...defaults, ...props };
  if (alerts.length === 0) return <EmptyState block='alert-list' text={emptyText} />;
  return (
    <View className='alert-list'>
      {alerts.map((alert) => (
        <View
          key={alert._id}
          className={`alert-list__item alert-list__item--${alert.status}${freshIds.includes(alert._id) ? ' alert-list__item--fresh' : ''}`}
          data-alert-id={alert._id}
          onClick={() => onTap?.(alert)}
        >
          <View className='alert-list__head'>
            <Text
              className={`alert-list__severity alert-list__severity--${alert.severity}`}
              style={{ backgroundColor: SEVERITY_COLORS[alert.severity] }}
            >
              {SEVERITY_LABELS[alert.severity]}
            </Text>
            <Text className='alert-list__title'>{alert.title}</Text>
          </View>
          <View className='alert-list__meta'>
            <Text className='alert-list__policy'>{policyLabel(alert.policy)}</Text>
            <Text className='alert-list__agent'>客服 {agentLabel(alert.agentId, agentNames)}</Text>
            {alert.team ? <Text className='alert-list__team'>{alert.team}</Text> : null}
            {typeof alert.score === 'number' ? <Text className='alert-list__score'>{alert.score} 分</Text> : null}
          </View>
          <View className='alert-list__foot'>
            <Text className='alert-list__time'>{formatListTime(alert.createdAt, now)}</Text>
            <AtTag size='small' circle active={alert.status === 'new'} className='alert-list__status'>
              {ALERT_STATUS_LABELS[alert.status]}
            </AtTag>
          </View>
        </View>
      ))}
    </View>
  );
}
