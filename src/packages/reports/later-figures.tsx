/**
 * The overview's section for figures known after a session closed: review figures (manual
 * inspection against the machine) and each alert policy's false-alarm share, both with 95%
 * intervals, and the link to the rankings for those who may rank.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Role } from '@core/model';
import { falseAlarmLines, REPORTS_RANKING_PAGE, reviewLines, type Line } from './report-later';
import type { Overview, PeriodChoice } from './report-view';

function Lines({ title, lines, testId }: { title: string; lines: Line[]; testId: string }) {
  if (lines.length === 0) return null;
  return (
    <View className='report-page__section' data-testid={testId}>
      <Text className='report-page__heading'>{title}</Text>
      {lines.map((l) => (
        <View key={l.key} className='report-row'>
          <Text className='report-row__name'>{l.label}</Text>
          <Text className='report-row__figure'>{l.text}</Text>
        </View>
      ))}
    </View>
  );
}

export default function LaterFigures(props: { overview: Overview; role: Role | undefined; period: PeriodChoice }) {
  const f = props.overview.total.figures;
  const ranks = props.role === 'admin' || props.role === 'inspector' || props.role === 'supervisor';
  return (
    <>
      <Lines title='质检复核' lines={reviewLines(f)} testId='review-figures' />
      <Lines title='告警误报占比' lines={falseAlarmLines(f)} testId='false-alarms' />
      {ranks ? (
        <View
          className='report-page__section'
          onClick={() => void Taro.navigateTo({ url: `${REPORTS_RANKING_PAGE}?period=${props.period}` })}
        >
          <Text className='report-page__heading'>排名（含区间与样本量）›</Text>
        </View>
      ) : null}
    </>
  );
}
