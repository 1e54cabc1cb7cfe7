import { Text, View } from '@tarojs/components';
import { ErrorBanner, Loading } from '../page-state';
import { useRemote } from '../../hooks/use-remote';
import { reportTrend } from '../../services/reports';
import './index.scss';

export interface MyScoresProps {
  /**
   * Load only once the signed-in agent is known.
   * @default true
   */
  enabled?: boolean;
  /**
   * Weeks shown, newest last.
   * @default 6
   */
  weeks?: number;
}

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/**
 * The agent's own scores and their trend (issue 16 inbox): `reports/trend` by week, which an
 * agent may read only for themselves (the api narrows it); the latest week in figures and each
 * week's mean score as a bar.
 */
export default function MyScores(props: MyScoresProps) {
  const { enabled = true, weeks = 6 } = props;
  const remote = useRemote(enabled ? () => reportTrend({ period: 'week', points: weeks }) : null, [enabled, weeks]);
  if (remote.error && !remote.data) return <ErrorBanner message={remote.error} onRetry={remote.reload} />;
  if (!remote.data) return enabled ? <Loading /> : null;
  const points = remote.data.points ?? [];
  const last = points[points.length - 1];
  return (
    <View className='my-scores'>
      <View className='my-scores__figures'>
        <View className='my-scores__figure'>
          <Text className='my-scores__value' data-part='mean-score'>
            {last?.score.value === null || !last ? '—' : last.score.value.toFixed(1)}
          </Text>
          <Text className='my-scores__label'>本周均分</Text>
        </View>
        <View className='my-scores__figure'>
          <Text className='my-scores__value'>{last ? pct(last.passRate.value) : '—'}</Text>
          <Text className='my-scores__label'>合格率</Text>
        </View>
        <View className='my-scores__figure'>
          <Text className='my-scores__value'>{last?.sessions ?? 0}</Text>
          <Text className='my-scores__label'>会话</Text>
        </View>
      </View>
      <View className='my-scores__trend'>
        {points.map((p) => (
          <View key={p.key} className='my-scores__week' data-week={p.key}>
            <View className='my-scores__bar-box'>
              <View
                className={`my-scores__bar${p.passRate.band?.out && (p.passRate.value ?? 1) < p.passRate.band.centre ? ' my-scores__bar--low' : ''}`}
                style={{ height: `${Math.max(4, Math.round(p.score.value ?? 0))}%` }}
              />
            </View>
            <Text className='my-scores__week-score'>{p.score.value === null ? '—' : Math.round(p.score.value)}</Text>
            <Text className='my-scores__week-key'>{p.key.slice(-3)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
