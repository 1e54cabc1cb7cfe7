import { useMemo, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ActionParams, AgentPlanMargin } from '@core/api.contract';
import type { PlanKind, Recurrence } from '@core/sampling/sampling-plan';
import FilterChips from '../../../components/filter-chips';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useAgentNames } from '../../../hooks/use-agent-names';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { createPlan, listPlans, previewPlan } from '../../../services/sampling';
import { inputValue } from '../../../utils/input';
import { KIND_LABELS, RECURRENCE_LABELS, RISK_LABELS, planUrl, pts } from '../../../utils/sampling-routes';
import './index.scss';

const DAY = 86400_000;
type PeriodKey = '1' | '7' | '30';
type SizeMode = 'share' | 'count' | 'target';

const KINDS = (Object.keys(KIND_LABELS) as PlanKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }));
const RECURRENCES = (Object.keys(RECURRENCE_LABELS) as Recurrence[]).map((k) => ({
  value: k,
  label: RECURRENCE_LABELS[k],
}));
const PERIODS: { value: PeriodKey; label: string }[] = [
  { value: '1', label: '近1天' },
  { value: '7', label: '近7天' },
  { value: '30', label: '近30天' },
];
const SIZE_MODES: { value: SizeMode; label: string }[] = [
  { value: 'share', label: '按比例 %' },
  { value: 'count', label: '按数量' },
  { value: 'target', label: '目标误差 ±分' },
];

/** The margin table: per agent, candidates N, drawn n, and the margins at 95% that n gives. */
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** What the submitted reviews say so far: inspected pass rate and mean with 95% intervals. */
function InspectedLine({ figures: f }: { figures: NonNullable<AgentPlanMargin['inspected']> }) {
  const mean =
    f.meanLow === null || f.meanHigh === null
      ? `${f.mean.toFixed(1)}`
      : `${f.mean.toFixed(1)}（${f.meanLow.toFixed(1)}–${f.meanHigh.toFixed(1)}）`;
  return (
    <Text className='plans-page__inspected' data-part='inspected'>
      已质检 {f.n} 通：合格率 {pct(f.passRate)}（{pct(f.passRateLow)}–{pct(f.passRateHigh)}），均分 {mean}
    </Text>
  );
}

export function MarginTable({ agents, names }: { agents: AgentPlanMargin[]; names: Record<string, string> }) {
  if (agents.length === 0) return <EmptyState text='该时段没有可抽的已评分会话' />;
  return (
    <View className='plans-page__table' data-part='margins'>
      <View className='plans-page__row plans-page__row--head'>
        <Text className='plans-page__cell plans-page__cell--agent'>客服</Text>
        <Text className='plans-page__cell'>会话N</Text>
        <Text className='plans-page__cell'>抽n</Text>
        <Text className='plans-page__cell'>合格率</Text>
        <Text className='plans-page__cell'>均分</Text>
      </View>
      {agents.map((a) => (
        <View className='plans-page__row' key={a.agentId} data-agent={a.agentId}>
          <Text className='plans-page__cell plans-page__cell--agent'>{names[a.agentId] ?? a.agentId}</Text>
          <Text className='plans-page__cell'>{a.population}</Text>
          <Text className='plans-page__cell'>
            {a.sampled}
            {a.needed !== undefined ? `/${a.needed}` : ''}
          </Text>
          <Text className='plans-page__cell'>{pts(a.passRateMargin === null ? null : a.passRateMargin * 100)}</Text>
          <Text className='plans-page__cell'>{pts(a.meanScoreMargin)}</Text>
          {a.inspected ? <InspectedLine figures={a.inspected} /> : null}
        </View>
      ))}
      <Text className='plans-page__note'>
        95% 置信误差（Wilson 合格率、t
        均分，含有限总体校正）：误差按自动评分预估；“已质检”为质检员评分（含申诉结果）及其 95% 区间
      </Text>
    </View>
  );
}

/** Sampling plans: the list, and a creation form with a live per-agent margin preview. */
export default function PlansPage() {
  const names = useAgentNames();
  const plans = useRemote(() => listPlans({ limit: 50 }), []);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PlanKind>('random');
  const [period, setPeriod] = useState<PeriodKey>('7');
  const [sizeMode, setSizeMode] = useState<SizeMode>('share');
  const [sizeValue, setSizeValue] = useState('10');
  const [recurrence, setRecurrence] = useState<Recurrence>('none');
  const [dueDays, setDueDays] = useState('3');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  // The period is fixed when the page opens, so the preview does not move under the user.
  const [opened] = useState(() => Date.now());
  const draft = useMemo((): ActionParams<'plans/preview'> => {
    const v = Number(sizeValue) || 0;
    const size =
      sizeMode === 'share'
        ? { share: Math.min(1, Math.max(0.01, v / 100)) }
        : sizeMode === 'count'
          ? { count: Math.max(1, Math.round(v)) }
          : { target: { meanScorePoints: Math.min(50, Math.max(0.5, v)) } };
    return {
      kind,
      size: kind === 'targeted' ? {} : size,
      period: { from: opened - Number(period) * DAY, to: opened },
      recurrence,
      dueDays: Math.min(60, Math.max(1, Math.round(Number(dueDays) || 3))),
    };
  }, [kind, sizeMode, sizeValue, period, recurrence, dueDays, opened]);

  const preview = useRemote(() => previewPlan(draft), [JSON.stringify(draft)]);
  const inspectors = preview.data?.inspectors ?? [];
  const selected = chosen ?? inspectors.map((i) => i.id);

  const create = useAction(
    () => createPlan({ ...draft, name: name.trim() || `${KIND_LABELS[kind]}抽检`, inspectorIds: selected }),
    {
      onDone: async (r) => {
        setMessage(`已创建，生成 ${r.tasks} 个任务`);
        await plans.reload();
      },
      onError: (e) => setMessage(errorMessage(e)),
    },
  );

  return (
    <View className='plans-page'>
      <View className='plans-page__card' data-part='create'>
        <Text className='plans-page__title'>新建抽检计划</Text>
        <Input
          className='plans-page__input'
          value={name}
          placeholder='计划名称'
          maxlength={40}
          onInput={(e) => setName(inputValue(e))}
        />
        <Text className='plans-page__label'>方式</Text>
        <FilterChips<PlanKind> name='kind' options={KINDS} value={kind} onChange={(v) => v && setKind(v)} />
        <Text className='plans-page__label'>时段</Text>
        <FilterChips<PeriodKey> name='period' options={PERIODS} value={period} onChange={(v) => v && setPeriod(v)} />
        {kind !== 'targeted' ? (
          <>
            <Text className='plans-page__label'>{kind === 'stratified' ? '每位客服抽取' : '样本量'}</Text>
            <FilterChips<SizeMode>
              name='size'
              options={SIZE_MODES}
              value={sizeMode}
              onChange={(v) => v && setSizeMode(v)}
            />
            <Input
              className='plans-page__input'
              type='digit'
              value={sizeValue}
              data-field='size'
              onInput={(e) => setSizeValue(inputValue(e))}
            />
          </>
        ) : null}
        {kind === 'risk' && preview.data ? (
          <View className='plans-page__weights' data-part='weights'>
            <Text className='plans-page__label'>风险权重（会话权重 = 1 + 命中信号之和）</Text>
            <Text className='plans-page__weights-list'>
              {Object.entries(preview.data.riskWeights)
                .map(([k, w]) => `${RISK_LABELS[k as keyof typeof RISK_LABELS]} +${w}`)
                .join('　')}
            </Text>
          </View>
        ) : null}
        <Text className='plans-page__label'>周期</Text>
        <FilterChips<Recurrence>
          name='recurrence'
          options={RECURRENCES}
          value={recurrence}
          onChange={(v) => v && setRecurrence(v)}
        />
        <Text className='plans-page__label'>质检员（平均分配）</Text>
        <View className='plans-page__inspectors'>
          {inspectors.map((i) => (
            <Text
              key={i.id}
              className={`plans-page__chip${selected.includes(i.id) ? ' plans-page__chip--on' : ''}`}
              onClick={() =>
                setChosen(selected.includes(i.id) ? selected.filter((x) => x !== i.id) : [...selected, i.id])
              }
            >
              {i.name}
            </Text>
          ))}
        </View>
        <Text className='plans-page__label'>完成期限（天）</Text>
        <Input
          className='plans-page__input'
          type='number'
          value={dueDays}
          data-field='dueDays'
          onInput={(e) => setDueDays(inputValue(e))}
        />
        <View className='plans-page__preview'>
          <Text className='plans-page__label'>
            预览：候选 {preview.data?.candidates ?? '-'} 通，抽取 {preview.data?.drawn ?? '-'} 通
          </Text>
          <ErrorBanner message={preview.error} />
          {preview.data ? <MarginTable agents={preview.data.agents} names={names} /> : <Loading />}
        </View>
        {message ? <Text className='plans-page__message'>{message}</Text> : null}
        <Button
          className='plans-page__submit'
          disabled={create.busy || selected.length === 0}
          onClick={() => void create.run()}
        >
          创建计划
        </Button>
      </View>
      <View className='plans-page__card' data-part='list'>
        <Text className='plans-page__title'>抽检计划</Text>
        <ErrorBanner message={plans.error} />
        {!plans.loaded ? (
          <Loading />
        ) : (plans.data?.items ?? []).length === 0 ? (
          <EmptyState text='还没有抽检计划' />
        ) : (
          (plans.data?.items ?? []).map((p) => (
            <View
              key={p._id}
              className='plans-page__plan'
              onClick={() => void Taro.navigateTo({ url: planUrl(p._id) })}
            >
              <Text className='plans-page__plan-name'>{p.name}</Text>
              <Text className='plans-page__plan-meta'>
                {KIND_LABELS[p.kind]} · {RECURRENCE_LABELS[p.recurrence]} · 已抽 {p.drawn} 通
              </Text>
            </View>
          ))
        )}
      </View>
    </View>
  );
}
