import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { fileAppeal, reviewForAppeal } from '../../../services/appeals';
import { formatMessageTime } from '../../../utils/time';
import { ITEM_STATUS } from '../labels';
import 'taro-ui/lib/style/components/button.scss';
import { inputValue } from '../../../utils/input';
import './index.scss';

/** The agent reads a submitted review of their session and appeals the items they dispute. */
export default function ReviewResult() {
  const { params } = useRouter();
  const reviewId = params.reviewId ?? '';
  const remote = useRemote(reviewId ? () => reviewForAppeal(reviewId) : null, [reviewId]);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const view = remote.data;

  if (!reviewId) return <ErrorBanner message='缺少质检编号' />;
  if (remote.error && !view) return <ErrorBanner message={remote.error} onRetry={remote.reload} />;
  if (!view) return <Loading />;

  const { manual, appeal, appealBy, messages } = view;
  const open = Date.now() < appealBy && (!appeal || appeal.status === 'open');
  const filed = new Map((appeal?.items ?? []).map((i) => [i.key, i]));
  const costly = manual.hits.filter((h) => h.points < 0);

  const submit = async () => {
    const items = picked.map((key) => ({ key, reason: (reasons[key] ?? '').trim() }));
    if (items.some((i) => !i.reason)) {
      void Taro.showToast({ title: '每个申诉项都要写理由', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      await fileAppeal({ reviewId, items });
      setPicked([]);
      await remote.reload();
      void Taro.showToast({ title: '已提交申诉', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='appeal-page'>
      <View className='appeal-page__head'>
        <Text className='appeal-page__total'>
          {manual.total} 分 · {manual.passed ? '合格' : '不合格'}
        </Text>
        <Text>自动评分 {manual.automaticTotal} 分，质检员复核后如上</Text>
        <Text>{open ? `申诉截止 ${formatMessageTime(appealBy)}` : '申诉期已过或申诉已结束'}</Text>
      </View>
      {costly.map((h) => {
        const item = filed.get(h.key);
        const on = picked.includes(h.key);
        const text = h.messageIndex !== null ? messages[h.messageIndex]?.text : undefined;
        return (
          <View
            key={h.key}
            className={`appeal-page__item ${on ? 'appeal-page__item--on' : ''}`}
            data-appeal-key={h.key}
          >
            <View className='appeal-page__row'>
              <Text>{h.ruleName ?? h.ruleId}</Text>
              <Text>{h.points}</Text>
            </View>
            <Text className='appeal-page__text'>
              {h.span && text ? `「${text.slice(h.span[0], h.span[1])}」` : (text ?? '整段会话').slice(0, 40)}
            </Text>
            {item ? (
              <Text className='appeal-page__text'>
                申诉：{item.reason} · {ITEM_STATUS[item.status]}
                {item.decision?.note ? `（${item.decision.note}）` : ''}
              </Text>
            ) : open ? (
              <>
                <AtButton
                  size='small'
                  type={on ? 'primary' : 'secondary'}
                  onClick={() => setPicked(on ? picked.filter((k) => k !== h.key) : [...picked, h.key])}
                >
                  {on ? '取消申诉' : '申诉此项'}
                </AtButton>
                {on ? (
                  <Textarea
                    className='appeal-page__field'
                    placeholder='申诉理由（必填）'
                    value={reasons[h.key] ?? ''}
                    onInput={(e) => setReasons({ ...reasons, [h.key]: inputValue(e) })}
                  />
                ) : null}
              </>
            ) : null}
          </View>
        );
      })}
      {picked.length > 0 ? (
        <View className='appeal-page__bar'>
          <AtButton type='primary' disabled={busy} onClick={() => void submit()}>
            提交申诉（{picked.length} 项）
          </AtButton>
        </View>
      ) : null}
    </View>
  );
}
