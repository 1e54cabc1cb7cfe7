import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { DeadLetterSummary } from '@core/model';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { discardDeadLetter, getDeadLetter, listDeadLetters, replayDeadLetter } from '../../../services/admin';
import { inputValue } from '../../../utils/input';
import { formatMessageTime } from '../../../utils/time';
import './index.scss';

const ORIGINS: Record<string, string> = {
  'ingest-events': '签名接入 API',
  ingest: '小程序客服推送',
  import: '导入',
  'wecom-callback': '微信客服回调',
  'wecom-sync': '微信客服拉取',
  sweep: '定时任务',
};

function stateOf(l: DeadLetterSummary): string {
  if (l.discarded) return '已丢弃';
  if (l.replayed) return '已重放';
  return l.replayError ? `重放失败：${l.replayError}` : '待处理';
}

/** One letter opened: its masked input whole, replay, discard with a note. */
function LetterDetail({ id, onChanged }: { id: string; onChanged: () => Promise<void> }) {
  const letter = useRemote(() => getDeadLetter(id), [id]);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const after = async () => {
    await letter.reload();
    await onChanged();
  };
  const replay = useAction(() => replayDeadLetter(id), {
    onDone: async (r) => {
      setMessage(
        r.deadLetter.replayed
          ? { ok: true, text: '重放成功，数据已接入（重复重放不会产生重复数据）' }
          : { ok: false, text: `仍未接入：${r.deadLetter.replayError ?? ''}` },
      );
      await after();
    },
    onError: (e) => setMessage({ ok: false, text: errorMessage(e) }),
  });
  const discard = useAction(() => discardDeadLetter(id, note.trim()), {
    onDone: async () => {
      setMessage({ ok: true, text: '已丢弃' });
      await after();
    },
    onError: (e) => setMessage({ ok: false, text: errorMessage(e) }),
  });
  if (letter.error) return <ErrorBanner message={letter.error} onRetry={letter.reload} />;
  const l = letter.data?.deadLetter;
  if (!l) return <Loading />;
  return (
    <View className='settings__card' data-part='letter'>
      <Text className='settings__label'>原因：{l.reason}</Text>
      <Text className='settings__hint'>
        {l.code} · {ORIGINS[l.origin ?? ''] ?? l.origin ?? ''} {l.source ? `· 来源 ${l.source}` : ''}
        {l.truncated ? ' · 内容过长已截断' : ''}
      </Text>
      <Text className='settings__raw'>{l.raw}</Text>
      {l.discarded ? <Text className='settings__hint'>丢弃说明：{l.discardNote}</Text> : null}
      {!l.discarded ? (
        <>
          <Text className='settings__button' onClick={() => void replay.run()}>
            {replay.busy ? '重放中…' : '重放'}
          </Text>
          <Input
            className='settings__input'
            placeholder='丢弃说明（必填）'
            value={note}
            onInput={(e) => setNote(inputValue(e))}
          />
          <Text className='settings__button settings__button--danger' onClick={() => void discard.run()}>
            丢弃
          </Text>
        </>
      ) : null}
      {message ? <Text className={message.ok ? 'settings__ok' : 'settings__error'}>{message.text}</Text> : null}
    </View>
  );
}

const FILTERS = [
  { key: 'open', label: '待处理', params: { replayed: false, discarded: false } },
  { key: 'replayed', label: '已重放', params: { replayed: true } },
  { key: 'discarded', label: '已丢弃', params: { discarded: true } },
] as const;

/** Dead letters (issue 14): list with reasons → open one (masked) → replay or discard. */
export default function DeadLettersPage() {
  const [filter, setFilter] = useState<(typeof FILTERS)[number]['key']>('open');
  const [open, setOpen] = useState<string | null>(null);
  const params = FILTERS.find((f) => f.key === filter)!.params;
  const list = useRemote(() => listDeadLetters({ ...params, limit: 50 }), [filter]);
  return (
    <View className='settings'>
      <View className='settings__card'>
        <View className='settings__chips'>
          {FILTERS.map((f) => (
            <Text
              key={f.key}
              className={`settings__chip${f.key === filter ? ' settings__chip--on' : ''}`}
              onClick={() => setFilter(f.key)}
            >
              {f.label}
            </Text>
          ))}
        </View>
        <ErrorBanner message={list.error} onRetry={list.reload} />
        {list.loading && !list.data ? <Loading /> : null}
        {list.data?.items.length === 0 ? <EmptyState text='没有死信' /> : null}
        {list.data?.items.map((l) => (
          <View key={l._id}>
            <View className='settings__row' data-letter={l._id} onClick={() => setOpen(open === l._id ? null : l._id)}>
              <View className='settings__grow'>
                <Text>{l.reason}</Text>
                <Text className='settings__hint'>
                  {formatMessageTime(l.at)} · {ORIGINS[l.origin ?? ''] ?? l.origin ?? ''} · {stateOf(l)}
                </Text>
                <Text className='settings__meta'>{l.preview}</Text>
              </View>
            </View>
            {open === l._id ? <LetterDetail id={l._id} onChanged={list.reload} /> : null}
          </View>
        ))}
      </View>
    </View>
  );
}
