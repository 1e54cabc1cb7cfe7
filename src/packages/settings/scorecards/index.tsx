/**
 * 评分卡设置 (admins): every scorecard with its scope, live version and draft; a new card for a
 * scope copied from an existing one; and which card applies where scopes overlap (the order of
 * scoped cards and the default card), which the scoring follows once saved.
 */
import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PrecedenceView, ScorecardSummary } from '@core/api.contract';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { listScorecards, setPrecedence, startDraft } from '../../../services/scorecards';
import { inputValue } from '../../../utils/input';
import { scorecardUrl } from '../../../utils/routes';
import { CHANNEL_OPTIONS, ISSUE_TYPE_OPTIONS, scopeLabel } from '../scorecard-labels';
import '../scorecards.scss';
import './index.scss';

function toggle(list: string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** One row of the list: name, scope, live version, draft and default badges. */
function ScorecardRow({ item }: { item: ScorecardSummary }) {
  return (
    <View
      className='scorecards-page__item'
      data-scorecard={item.id}
      onClick={() => void Taro.navigateTo({ url: scorecardUrl(item.id) })}
    >
      <View>
        <Text className='scorecards-page__name'>{item.name}</Text>
        {item.draft ? <Text className='sc-badge'>草稿 v{item.draft.version}</Text> : null}
        {item.isDefault ? <Text className='sc-badge sc-badge--default'>默认</Text> : null}
      </View>
      <Text className='sc-hint'>
        {item.id} · {scopeLabel(item.scope)} · {item.liveVersion === null ? '未发布' : `线上 v${item.liveVersion}`}
      </Text>
    </View>
  );
}

/** The order of scoped cards (first wins where scopes overlap) and the default card. */
function PrecedenceEditor({ view, onSaved }: { view: PrecedenceView; onSaved: () => Promise<void> }) {
  const [order, setOrder] = useState(view.order);
  const [defaultId, setDefaultId] = useState(view.defaultId);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    setOrder(view.order);
    setDefaultId(view.defaultId);
  }, [view]);
  const names = Object.fromEntries(view.cards.map((c) => [c.id, c]));
  const unscoped = view.cards.filter((c) => !c.scoped);
  const save = useAction(() => setPrecedence(order, defaultId), {
    onDone: async () => {
      setMessage('优先级已保存，新会话按此评分');
      await onSaved();
    },
    onError: (e) => setMessage(errorMessage(e)),
  });
  const move = (i: number, by: number) => {
    const next = [...order];
    const [id] = next.splice(i, 1);
    next.splice(i + by, 0, id);
    setOrder(next);
  };
  return (
    <View className='sc-card' data-part='precedence'>
      <Text className='sc-title'>适用优先级</Text>
      <Text className='sc-hint'>
        {view.stored
          ? '已设置：范围重叠时排在前面的评分卡优先；都不适用时用默认卡。'
          : '尚未设置：按旧规则（范围越具体越优先，同级按 id 排序）。保存后按下方顺序。'}
      </Text>
      <Text className='sc-label'>限定范围的评分卡（从上到下优先）</Text>
      {order.length === 0 ? <EmptyState text='还没有限定范围的评分卡' /> : null}
      {order.map((id, i) => (
        <View className='scorecards-page__order' key={id} data-order={id}>
          <Text className='scorecards-page__rank'>{i + 1}</Text>
          <Text className='scorecards-page__order-name'>
            {names[id]?.name ?? id}
            <Text className='sc-hint'>{names[id] ? scopeLabel(names[id].scope) : ''}</Text>
          </Text>
          {i > 0 ? (
            <Text className='sc-link' onClick={() => move(i, -1)}>
              上移
            </Text>
          ) : null}
          {i < order.length - 1 ? (
            <Text className='sc-link' onClick={() => move(i, 1)}>
              下移
            </Text>
          ) : null}
        </View>
      ))}
      <Text className='sc-label'>默认评分卡（不限范围）</Text>
      <View className='sc-chips' data-part='default'>
        {unscoped.map((c) => (
          <Text
            key={c.id}
            className={`sc-chip${c.id === defaultId ? ' sc-chip--on' : ''}`}
            aria-pressed={c.id === defaultId}
            onClick={() => setDefaultId(c.id)}
          >
            {c.name}（{c.id}）
          </Text>
        ))}
      </View>
      {message ? <Text className='sc-message'>{message}</Text> : null}
      <Button className='sc-button' disabled={save.busy || undefined} onClick={() => void save.run()}>
        保存优先级
      </Button>
    </View>
  );
}

/** A new card for a scope, copied from an existing one (its live version). */
function CopyForm({ items }: { items: ScorecardSummary[] }) {
  const published = items.filter((i) => i.liveVersion !== null);
  const [source, setSource] = useState<string | null>(null);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [channels, setChannels] = useState<string[]>([]);
  const [issueTypes, setIssueTypes] = useState<string[]>([]);
  const [businessLines, setBusinessLines] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const from = source ?? published[0]?.id ?? null;
  const create = useAction(
    () => {
      const lines = businessLines
        .split(/[,，、\s]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      return startDraft(from!, {
        id: id.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
        scope: { channels, issueTypes, businessLines: lines },
      });
    },
    {
      onDone: (r) => void Taro.navigateTo({ url: scorecardUrl(r.draft.id) }),
      onError: (e) => setMessage(errorMessage(e)),
    },
  );
  return (
    <View className='sc-card' data-part='copy'>
      <Text className='sc-title'>复制新建</Text>
      <Text className='sc-label'>复制自</Text>
      <View className='sc-chips' data-part='source'>
        {published.map((i) => (
          <Text
            key={i.id}
            className={`sc-chip${i.id === from ? ' sc-chip--on' : ''}`}
            aria-pressed={i.id === from}
            onClick={() => setSource(i.id)}
          >
            {i.name}
          </Text>
        ))}
      </View>
      <Text className='sc-label'>新评分卡 id（小写字母、数字、连字符）</Text>
      <Input
        className='sc-input'
        value={id}
        data-field='copy-id'
        placeholder='如 refunds'
        onInput={(e) => setId(inputValue(e))}
      />
      <Text className='sc-label'>名称</Text>
      <Input
        className='sc-input'
        value={name}
        data-field='copy-name'
        placeholder='如 退款专项评分卡'
        onInput={(e) => setName(inputValue(e))}
      />
      <Text className='sc-label'>适用渠道（不选为全部）</Text>
      <View className='sc-chips' data-part='copy-channels'>
        {CHANNEL_OPTIONS.map((o) => (
          <Text
            key={o.value}
            className={`sc-chip${channels.includes(o.value) ? ' sc-chip--on' : ''}`}
            onClick={() => setChannels(toggle(channels, o.value))}
          >
            {o.label}
          </Text>
        ))}
      </View>
      <Text className='sc-label'>适用问题类型（不选为全部）</Text>
      <View className='sc-chips' data-part='copy-issue-types'>
        {ISSUE_TYPE_OPTIONS.map((o) => (
          <Text
            key={o.value}
            className={`sc-chip${issueTypes.includes(o.value) ? ' sc-chip--on' : ''}`}
            onClick={() => setIssueTypes(toggle(issueTypes, o.value))}
          >
            {o.label}
          </Text>
        ))}
      </View>
      <Text className='sc-label'>适用业务线（逗号分隔，留空为全部）</Text>
      <Input
        className='sc-input'
        value={businessLines}
        data-field='copy-business-lines'
        onInput={(e) => setBusinessLines(inputValue(e))}
      />
      {message ? <Text className='sc-error'>{message}</Text> : null}
      <Button
        className='sc-button'
        disabled={create.busy || !from || !id.trim() || undefined}
        onClick={() => void create.run()}
      >
        复制并编辑草稿
      </Button>
    </View>
  );
}

export default function ScorecardsPage() {
  const list = useRemote(() => listScorecards(), []);
  const items = list.data?.items ?? [];
  return (
    <View className='scorecards-page'>
      <View className='sc-card' data-part='list'>
        <Text className='sc-title'>评分卡</Text>
        <ErrorBanner message={list.error} />
        {!list.loaded ? (
          <Loading />
        ) : items.length === 0 ? (
          <EmptyState text='还没有评分卡' />
        ) : (
          items.map((item) => <ScorecardRow key={item.id} item={item} />)
        )}
      </View>
      {list.data ? <PrecedenceEditor view={list.data.precedence} onSaved={list.reload} /> : null}
      {list.data ? <CopyForm items={items} /> : null}
    </View>
  );
}
