import { useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import type { AppealOutcome } from '@core/inspection/appeal.model';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { decideAppeal, getAppeal } from '../../../services/appeals';
import { formatMessageTime } from '../../../utils/time';
import { ITEM_STATUS } from '../labels';
import 'taro-ui/lib/style/components/button.scss';
import { inputValue } from '../../../utils/input';
import './index.scss';

const OUTCOMES: { outcome: AppealOutcome; label: string }[] = [
  { outcome: 'upheld', label: '维持' },
  { outcome: 'overturned', label: '撤销' },
  { outcome: 'partly', label: '部分' },
];

/** The team supervisor decides each appealed item: the evidence, the agent's reason, the inspector's verdict. */
export default function AppealDecide() {
  const { params } = useRouter();
  const appealId = params.appealId ?? '';
  const remote = useRemote(appealId ? () => getAppeal(appealId) : null, [appealId]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [points, setPoints] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const view = remote.data;

  if (!appealId) return <ErrorBanner message='缺少申诉编号' />;
  if (remote.error && !view) return <ErrorBanner message={remote.error} onRetry={remote.reload} />;
  if (!view) return <Loading />;
  const { appeal, manual, messages, review } = view;

  const decide = async (key: string, outcome: AppealOutcome) => {
    const confirmed = await Taro.showModal({ title: '确认裁决', content: '裁决为终局，提交后不可更改。' });
    if (!confirmed.confirm) return;
    setBusy(true);
    try {
      await decideAppeal({
        appealId,
        key,
        outcome,
        ...(outcome === 'partly' ? { points: Number(points[key]) } : {}),
        ...(notes[key]?.trim() ? { note: notes[key].trim() } : {}),
      });
      await remote.reload();
      void Taro.showToast({ title: '已裁决', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='appeal-page'>
      <View className='appeal-page__head'>
        <Text className='appeal-page__total'>当前 {manual.total} 分</Text>
        <Text>
          客服 {appeal.agentId} · 质检员 {review.inspectorId}
        </Text>
      </View>
      {appeal.items.map((item) => {
        const hit = manual.hits.find((h) => h.key === item.key) ?? manual.dropped.find((h) => h.key === item.key);
        const text = hit && hit.messageIndex !== null ? messages[hit.messageIndex]?.text : undefined;
        const verdict = review.verdicts.find((v) => v.key === item.key)?.verdict;
        return (
          <View key={item.key} className='appeal-page__item' data-appeal-item={item.key}>
            <View className='appeal-page__row'>
              <Text>{hit?.ruleName ?? item.ruleId}</Text>
              <Text>{item.points}</Text>
            </View>
            <Text className='appeal-page__text'>
              证据：
              {hit?.span && text ? `「${text.slice(hit.span[0], hit.span[1])}」` : (text ?? '整段会话').slice(0, 40)}
            </Text>
            <Text className='appeal-page__text'>客服理由：{item.reason}</Text>
            <Text className='appeal-page__text'>
              质检员：
              {verdict === 'confirmed'
                ? '确认命中'
                : verdict === 'rejected'
                  ? '判为误命中'
                  : '未单独复核（采纳机器结果）'}
            </Text>
            {item.status === 'pending' ? (
              <>
                <Text className='appeal-page__text'>{formatMessageTime(item.decideBy)} 前裁决</Text>
                <Textarea
                  className='appeal-page__field'
                  placeholder='裁决说明（选填）'
                  value={notes[item.key] ?? ''}
                  onInput={(e) => setNotes({ ...notes, [item.key]: inputValue(e) })}
                />
                <Input
                  className='appeal-page__field'
                  type='digit'
                  placeholder={`部分调整的分值（${item.points} 到 0 之间）`}
                  value={points[item.key] ?? ''}
                  onInput={(e) => setPoints({ ...points, [item.key]: inputValue(e) })}
                />
                <View className='appeal-page__actions'>
                  {OUTCOMES.map((o) => (
                    <AtButton
                      key={o.outcome}
                      size='small'
                      type={o.outcome === 'overturned' ? 'primary' : 'secondary'}
                      disabled={busy || (o.outcome === 'partly' && !points[item.key])}
                      onClick={() => void decide(item.key, o.outcome)}
                    >
                      {o.label}
                    </AtButton>
                  ))}
                </View>
              </>
            ) : (
              <Text className='appeal-page__text'>
                {ITEM_STATUS[item.status]}
                {item.decision?.note ? `（${item.decision.note}）` : ''}
              </Text>
            )}
          </View>
        );
      })}
    </View>
  );
}
