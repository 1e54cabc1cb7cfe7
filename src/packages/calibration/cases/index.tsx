import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AtSearchBar } from 'taro-ui';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import './index.scss';
import { useRemote } from '../../../hooks/use-remote';
import { listCases } from '../../../services/calibration';
import 'taro-ui/lib/style/components/search-bar.scss';

const KINDS = [
  { value: undefined, label: '全部' },
  { value: 'exemplary', label: '标杆' },
  { value: 'cautionary', label: '警示' },
] as const;

/** The case library: browse and search by tag, issue type and kind; a case opens to its masked excerpts. */
export default function CaseLibrary() {
  const [kind, setKind] = useState<'exemplary' | 'cautionary' | undefined>(undefined);
  const [tag, setTag] = useState<string | undefined>(undefined);
  const [issueType, setIssueType] = useState<string | undefined>(undefined);
  const [words, setWords] = useState('');
  const [q, setQ] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const remote = useRemote(
    () => listCases({ kind, tag, issueType, q: q || undefined, limit: 50 }),
    [kind, tag, issueType, q],
  );
  const page = remote.data;
  return (
    <View className='cases-page'>
      <AtSearchBar
        value={words}
        onChange={setWords}
        onActionClick={() => setQ(words.trim())}
        placeholder='搜索说明、摘录'
      />
      <View className='calib-filters'>
        {KINDS.map((k) => (
          <Text
            key={k.label}
            className={`calib-chip${kind === k.value ? ' calib-chip--on' : ''}`}
            onClick={() => setKind(k.value)}
          >
            {k.label}
          </Text>
        ))}
      </View>
      <View className='calib-filters'>
        {(page?.tags ?? []).map((t) => (
          <Text
            key={t.tag}
            className={`calib-chip${tag === t.tag ? ' calib-chip--on' : ''}`}
            onClick={() => setTag(tag === t.tag ? undefined : t.tag)}
          >
            #{t.tag} {t.count}
          </Text>
        ))}
        {(page?.issueTypes ?? []).map((i) => (
          <Text
            key={i}
            className={`calib-chip${issueType === i ? ' calib-chip--on' : ''}`}
            onClick={() => setIssueType(issueType === i ? undefined : i)}
          >
            {i}
          </Text>
        ))}
      </View>
      <ErrorBanner message={remote.error} onRetry={remote.reload} />
      {!remote.loaded ? (
        <Loading />
      ) : !page || page.items.length === 0 ? (
        <EmptyState text='没有符合条件的案例' />
      ) : (
        page.items.map((c) => (
          <View key={c._id} className='calib-card' onClick={() => setOpenId(openId === c._id ? null : c._id)}>
            <Text className='calib-card__title'>
              {c.kind === 'exemplary' ? '标杆' : '警示'} · {c.issueType ?? '未分类'}
              {c.anonymous ? '' : c.agentId ? ` · ${c.agentId}` : ''}
            </Text>
            <Text className='calib-card__body'>{c.note}</Text>
            <Text className='calib-card__meta'>{c.tags.map((t) => `#${t}`).join(' ')}</Text>
            {openId === c._id
              ? c.excerpts.map((e) => (
                  <Text key={e.messageIndex} className='calib-card__quote'>
                    {e.role === 'customer' ? '客户' : e.role === 'agent' ? '客服' : '系统'}：{e.text}
                  </Text>
                ))
              : null}
          </View>
        ))
      )}
      {page?.capped ? <Text className='calib-card__meta'>只检索了最新的 1000 个案例</Text> : null}
    </View>
  );
}
