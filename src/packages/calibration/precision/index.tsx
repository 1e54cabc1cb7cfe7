import { Text, View } from '@tarojs/components';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import './index.scss';
import { useRemote } from '../../../hooks/use-remote';
import { rulePrecision } from '../../../services/calibration';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Per rule: precision of the automatic hits from reviewers' verdicts, its Wilson 95% interval, flagged rules first. */
export default function PrecisionPage() {
  const remote = useRemote(() => rulePrecision({}), []);
  const report = remote.data;
  return (
    <View className='precision-page'>
      <ErrorBanner message={remote.error} onRetry={remote.reload} />
      {!remote.loaded ? (
        <Loading />
      ) : !report || report.items.length === 0 ? (
        <EmptyState text='还没有提交的质检判定' />
      ) : (
        <>
          <Text className='calib-card__meta'>
            依据 {report.reviews} 份已提交质检；低于 {pct(report.flagBelow)} 且至少 {report.minVerdicts}{' '}
            次判定的规则标红
            {report.capped ? '（只读取了最新的部分）' : ''}
          </Text>
          {report.items.map((r) => (
            <View key={`${r.ruleId}@${r.ruleVersion}`} className={`calib-card${r.flagged ? ' calib-card--alert' : ''}`}>
              <Text className='calib-card__title'>
                {r.ruleName} v{r.ruleVersion}
                {r.flagged ? ' · 需复查' : ''}
              </Text>
              <Text className='calib-card__body'>
                准确率 {r.precision === null ? '—' : pct(r.precision)}（{pct(r.interval.low)}–{pct(r.interval.high)}），
                {r.confirmed}/{r.n} 次判定为真命中
              </Text>
              {r.rejectReasons.length ? (
                <Text className='calib-card__meta'>
                  误命中原因：{r.rejectReasons.map((x) => `${x.reason}×${x.count}`).join('，')}
                </Text>
              ) : null}
            </View>
          ))}
        </>
      )}
    </View>
  );
}
