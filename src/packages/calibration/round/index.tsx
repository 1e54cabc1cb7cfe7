import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useRemote } from '../../../hooks/use-remote';
import { getRound } from '../../../services/calibration';
import { reviewUrl } from '../../../utils/routes';
import './index.scss';

const STATE = { todo: '待评', draft: '草稿', submitted: '已提交', skipped: '已跳过' } as const;
const METHOD = { cohen: "Cohen's κ", fleiss: "Fleiss' κ", krippendorff: "Krippendorff's α", none: '—' } as const;

/** A round: my sessions to rate (blind), progress, and per rule the agreement once complete. */
export default function CalibrationRound() {
  const { params } = useRouter();
  const roundId = params.roundId ?? '';
  const remote = useRemote(roundId ? () => getRound(roundId) : null, [roundId]);
  if (!roundId) return <ErrorBanner message='缺少校准编号' />;
  if (remote.error && !remote.data) return <ErrorBanner message={remote.error} onRetry={remote.reload} />;
  if (!remote.data) return <Loading />;
  const { round, progress, mine, results, sessions, inspectors } = remote.data;
  const name = (id: string) => inspectors.find((i) => i.id === id)?.name ?? id;
  return (
    <View className='calib-page'>
      <Text className='calib-page__title'>{round.title}</Text>
      <Text className='calib-page__text calib-page__card'>
        {progress.complete
          ? '全部质检员已提交，结果已公开'
          : `等待：${progress.waitingFor.map(name).join('、')}（提交前互不可见）`}
      </Text>
      {mine ? (
        <>
          <Text className='calib-page__title'>我要评的会话</Text>
          {mine.map((m) => {
            const s = sessions.find((x) => x._id === m.sessionId);
            return (
              <View
                key={m.sessionId}
                className='calib-page__card'
                onClick={() => void Taro.navigateTo({ url: reviewUrl(m.sessionId, { roundId }) })}
              >
                <View className='calib-page__row'>
                  <Text>{s?.preview ?? m.sessionId}</Text>
                  <Text>{STATE[m.state]}</Text>
                </View>
              </View>
            );
          })}
        </>
      ) : null}
      {results ? (
        <>
          <Text className='calib-page__title'>一致性（低于 {results.threshold} 标为有歧义）</Text>
          {results.criteria.map((c) => (
            <View key={c.ruleId} className='calib-page__card' data-criterion={c.ruleId}>
              <View className='calib-page__row'>
                <Text>{c.ruleName}</Text>
                <Text className={c.ambiguous ? 'calib-page__flag' : ''}>
                  {METHOD[c.method]} {c.value === null ? '—' : c.value.toFixed(2)}
                  {c.ambiguous ? ' 有歧义' : ''}
                </Text>
              </View>
              <Text className='calib-page__text'>
                人机一致{' '}
                {c.humanVsAutomatic.observed === null ? '—' : `${Math.round(c.humanVsAutomatic.observed * 100)}%`}（
                {c.humanVsAutomatic.n} 次判断）
              </Text>
              {c.splits.map((s) => (
                <Text key={s.sessionId} className='calib-page__text'>
                  分歧：{sessions.find((x) => x._id === s.sessionId)?.preview ?? s.sessionId} — 判命中{' '}
                  {s.hit.map(name).join('、') || '无'}，判未命中 {s.clear.map(name).join('、') || '无'}
                </Text>
              ))}
            </View>
          ))}
        </>
      ) : null}
    </View>
  );
}
