import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useRemote } from '../../../hooks/use-remote';
import { listCases } from '../../../services/calibration';
import { inputValue } from '../../../utils/input';
import './index.scss';

const KINDS = [
  { kind: undefined, label: '全部' },
  { kind: 'exemplary', label: '优秀案例' },
  { kind: 'cautionary', label: '警示案例' },
] as const;

/** The case library: exemplary and cautionary sessions, masked, searched by tag and kind. */
export default function CaseLibrary() {
  const [kind, setKind] = useState<(typeof KINDS)[number]['kind']>(undefined);
  const [tag, setTag] = useState('');
  const remote = useRemote(
    () => listCases({ ...(kind ? { kind } : {}), ...(tag.trim() ? { tag: tag.trim() } : {}), limit: 50 }),
    [kind, tag],
  );
  return (
    <View className='calib-page'>
      <View className='calib-page__chips'>
        {KINDS.map((k) => (
          <Text
            key={k.label}
            className={`calib-page__chip ${kind === k.kind ? 'calib-page__chip--on' : ''}`}
            onClick={() => setKind(k.kind)}
          >
            {k.label}
          </Text>
        ))}
      </View>
      <View className='calib-page__card'>
        <Input
          className='calib-page__field'
          placeholder='按标签筛选，如 态度'
          value={tag}
          onInput={(e) => setTag(inputValue(e))}
        />
      </View>
      {remote.error ? <ErrorBanner message={remote.error} onRetry={remote.reload} /> : null}
      {!remote.data ? <Loading /> : null}
      {remote.data && remote.data.items.length === 0 ? <EmptyState text='没有符合的案例' /> : null}
      {remote.data?.items.map((c) => (
        <View key={c._id} className='calib-page__card' data-case-id={c._id}>
          <View className='calib-page__row'>
            <Text>{c.kind === 'exemplary' ? '优秀案例' : '警示案例'}</Text>
            <Text className='calib-page__text'>{c.tags.join(' · ')}</Text>
          </View>
          <Text className='calib-page__text'>{c.note}</Text>
          {c.excerpts.map((x, i) => (
            <Text key={i} className='calib-page__text'>
              {x.role === 'customer' ? '客户' : '客服'}：{x.text}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
