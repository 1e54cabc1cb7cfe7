import { Text, View } from '@tarojs/components';
import type { SectionScore } from '@core/model';
import { EmptyState } from '../page-state';
import './index.scss';

/** The parts of a score the summary shows; a session's short score or a full StoredScore fit. */
export interface ScoreSummaryValue {
  total: number;
  passed: boolean;
  redLine: boolean;
  sections?: SectionScore[];
}

export interface ScoreSummaryProps {
  /**
   * The score, or null when the session has not been scored.
   * @default null
   */
  score?: ScoreSummaryValue | null;
  /**
   * Text shown when there is no score.
   * @default '尚未评分'
   */
  emptyText?: string;
}

const defaults = { score: null, emptyText: '尚未评分' };

/** Total, verdict, red line and per-section scores of one session. */
export default function ScoreSummary(props: ScoreSummaryProps) {
  const { score, emptyText } = { ...defaults, ...props };
  if (!score) return <EmptyState block='score-summary' text={emptyText} />;
  return (
    <View className='score-summary'>
      <View className='score-summary__main'>
        <Text
          className={`score-summary__total ${score.passed ? 'score-summary__total--pass' : 'score-summary__total--fail'}`}
        >
          {score.total}
        </Text>
        <Text className='score-summary__unit'>分</Text>
        <Text
          className={`score-summary__verdict ${score.passed ? 'score-summary__verdict--pass' : 'score-summary__verdict--fail'}`}
        >
          {score.passed ? '合格' : '不合格'}
        </Text>
        {score.redLine ? <Text className='score-summary__redline'>触犯红线</Text> : null}
      </View>
      {score.sections && score.sections.length > 0 ? (
        <View className='score-summary__sections'>
          {score.sections.map((s) => (
            <View key={s.id} className='score-summary__section'>
              <Text className='score-summary__section-name'>{s.name}</Text>
              <Text className='score-summary__section-score'>
                {s.score}/{s.max}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
