import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Channel } from '@core/model';
import { ISSUE_TYPES } from '@core/text/issue-type.labels';
import { CHANNEL_LABELS, issueTypeLabel } from '../../utils/labels';
import FilterChips, { type FilterChipOption } from '../filter-chips';
import { NO_FILTER, type Outcome, type ScoreBand, type SessionFilterChoice, type TimeRange } from './filters';
import './index.scss';

export interface SessionFilterSheetProps {
  /** The choice in force; the sheet edits a copy until 确定. */
  value: SessionFilterChoice;
  onApply: (value: SessionFilterChoice) => void;
  onClose: () => void;
  /**
   * agentId → name: the agents offered (none: no agent row, e.g. for an agent's own list).
   * @default {}
   */
  agentNames?: Record<string, string>;
}

const ALL = '全部';

const TIMES: FilterChipOption<TimeRange>[] = [
  { value: null, label: ALL },
  { value: 'today', label: '今天' },
  { value: '7d', label: '7天' },
  { value: '30d', label: '30天' },
];

const CHANNELS: FilterChipOption<Channel>[] = [
  { value: null, label: ALL },
  ...(Object.keys(CHANNEL_LABELS) as Channel[]).map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
];

const ISSUES: FilterChipOption<string>[] = [
  { value: null, label: ALL },
  ...ISSUE_TYPES.map((t) => ({ value: t, label: issueTypeLabel(t) ?? t })),
];

const SCORES: FilterChipOption<ScoreBand>[] = [
  { value: null, label: ALL },
  { value: 'low', label: '60分以下' },
  { value: 'mid', label: '60–79' },
  { value: 'high', label: '80分以上' },
];

const OUTCOMES: FilterChipOption<Outcome>[] = [
  { value: null, label: ALL },
  { value: 'passed', label: '已通过' },
  { value: 'failed', label: '未通过' },
];

const ALERTED: FilterChipOption<'yes'>[] = [
  { value: null, label: ALL },
  { value: 'yes', label: '有告警' },
];

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <View className='session-filter-sheet__row'>
      <Text className='session-filter-sheet__label'>{label}</Text>
      {children}
    </View>
  );
}

/**
 * The session list's filters as chip rows in a bottom sheet: agent, time range, channel, issue
 * type, score band, 已通过/未通过 and 有告警. 重置 clears the draft, 确定 applies it.
 */
export default function SessionFilterSheet({ value, onApply, onClose, agentNames = {} }: SessionFilterSheetProps) {
  const [draft, setDraft] = useState<SessionFilterChoice>(value);
  const set = <K extends keyof SessionFilterChoice>(key: K, v: SessionFilterChoice[K]) =>
    setDraft((d) => ({ ...d, [key]: v }));
  const agents: FilterChipOption<string>[] = [
    { value: null, label: ALL },
    ...Object.entries(agentNames).map(([id, name]) => ({ value: id, label: name })),
  ];
  return (
    <View className='session-filter-sheet' role='dialog' aria-label='筛选会话'>
      <View className='session-filter-sheet__mask' onClick={onClose} />
      <View className='session-filter-sheet__panel'>
        <Text className='session-filter-sheet__title'>筛选会话</Text>
        {agents.length > 1 ? (
          <Row label='客服'>
            <FilterChips name='agent' options={agents} value={draft.agentId} onChange={(v) => set('agentId', v)} />
          </Row>
        ) : null}
        <Row label='时间'>
          <FilterChips name='time' options={TIMES} value={draft.time} onChange={(v) => set('time', v)} />
        </Row>
        <Row label='渠道'>
          <FilterChips name='channel' options={CHANNELS} value={draft.channel} onChange={(v) => set('channel', v)} />
        </Row>
        <Row label='问题类型'>
          <FilterChips
            name='issueType'
            options={ISSUES}
            value={draft.issueType}
            onChange={(v) => set('issueType', v)}
          />
        </Row>
        <Row label='分数'>
          <FilterChips name='score' options={SCORES} value={draft.score} onChange={(v) => set('score', v)} />
        </Row>
        <Row label='结果'>
          <FilterChips name='outcome' options={OUTCOMES} value={draft.outcome} onChange={(v) => set('outcome', v)} />
        </Row>
        <Row label='告警'>
          <FilterChips
            name='alerted'
            options={ALERTED}
            value={draft.alerted ? 'yes' : null}
            onChange={(v) => set('alerted', v === 'yes')}
          />
        </Row>
        <View className='session-filter-sheet__actions'>
          <Text className='session-filter-sheet__reset' onClick={() => setDraft(NO_FILTER)}>
            重置
          </Text>
          <Text className='session-filter-sheet__apply' onClick={() => onApply(draft)}>
            确定
          </Text>
        </View>
      </View>
    </View>
  );
}
