/**
 * 编辑评分卡 (admins, `?scorecardId=`): the draft of one scorecard on the phone. Switches and
 * chips (rule on/off, red line, scope, word lists) save to the draft at once; typed numbers
 * (points, caps, thresholds, weights, pass mark) are collected and saved with 保存修改. The
 * server validates every save and names a faulty field in Chinese; the message is shown next
 * to that field. A preview box scores a sample line or a stored session with the draft; 发布
 * confirms what changes against the live version; the history rolls back to any earlier one.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ScorecardPreview } from '@core/api.contract';
import type { Rule, Scorecard } from '@core/scoring/scorecard.schema';
import {
  CHOICE_PARAMS,
  NUMBER_PARAMS,
  OPERATOR_LABELS,
  PARAM_LABELS,
  WORD_LIST_PARAMS,
  fieldLabel,
  leavesOf,
  type ConditionLeaf,
} from '@core/scoring/scorecard.fields';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import {
  discardDraft,
  getScorecard,
  previewLine,
  previewSession,
  publishDraft,
  rollbackScorecard,
  saveDraftEdits,
  type ScorecardEdit,
} from '../../../services/scorecards';
import { latestBacktest } from '../../../services/backtests';
import { listSessions } from '../../../services/sessions';
import { inputValue } from '../../../utils/input';
import { backtestUrl } from '../../../utils/routes';
import { CHANNEL_OPTIONS, CRITICAL_OPTIONS, ISSUE_TYPE_OPTIONS, scopeLabel } from '../scorecard-labels';
import '../scorecards.scss';
import './index.scss';

type Path = (string | number)[];

/*
 * Buttons take `disabled={… || undefined}`: Taro's H5 button greys itself out for any
 * `disabled` attribute, `false` included, so an enabled button must not carry one.
 */

/** A typed number waiting for 保存修改: its text and how it becomes an edit. */
interface Typed {
  text: string;
  path: Path;
  /** null: the field was emptied (allowed only where `nullable`). */
  make: (value: number | null) => ScorecardEdit;
  nullable: boolean;
}

/** What the page knows of one field to draw it: a key, its path in the card, its Chinese name. */
interface FieldRef {
  key: string;
  path: Path;
}

interface Editing {
  card: Scorecard;
  typed: Record<string, Typed>;
  errors: Record<string, string>;
  type: (ref: FieldRef, text: string, make: Typed['make'], nullable: boolean) => void;
  save: (edits: ScorecardEdit[], refs: FieldRef[]) => void;
  busy: boolean;
}

function FieldError({ edit, field }: { edit: Editing; field: string }) {
  const message = edit.errors[field];
  return message ? (
    <Text className='sc-error' data-error={field}>
      {message}
    </Text>
  ) : null;
}

function NumberField(props: {
  edit: Editing;
  field: FieldRef;
  label: string;
  value: number | undefined;
  make: Typed['make'];
  nullable?: boolean;
  placeholder?: string;
  /** May be negative (points): the phone's digit keyboard has no minus sign, so plain text. */
  signed?: boolean;
}) {
  const { edit, field, label, value, make, nullable = false, placeholder, signed = false } = props;
  const typed = edit.typed[field.key];
  return (
    <View className='scorecard-page__field'>
      <Text className='scorecard-page__field-label'>{label}</Text>
      <Input
        className={`sc-input scorecard-page__number${typed ? ' scorecard-page__number--typed' : ''}`}
        type={signed ? 'text' : 'digit'}
        data-field={field.key}
        value={typed ? typed.text : value === undefined ? '' : String(value)}
        placeholder={placeholder}
        onInput={(e) => edit.type(field, inputValue(e), make, nullable)}
      />
      <FieldError edit={edit} field={field.key} />
    </View>
  );
}

function WordList(props: {
  edit: Editing;
  field: FieldRef;
  label: string;
  words: string[];
  make: (words: string[]) => ScorecardEdit;
}) {
  const { edit, field, label, words, make } = props;
  const [adding, setAdding] = useState('');
  const add = () => {
    const word = adding.trim();
    if (!word || words.includes(word)) return;
    edit.save([make([...words, word])], [field]);
    setAdding('');
  };
  return (
    <View className='scorecard-page__words' data-words={field.key}>
      <Text className='scorecard-page__field-label'>
        {label}（{words.length}）
      </Text>
      <View className='sc-chips'>
        {words.map((w, i) => (
          // A shipped list may hold a word twice: the position keeps the keys apart.
          <Text key={`${i}:${w}`} className='sc-chip' data-word={w}>
            {w}
            <Text
              className='sc-chip__x'
              aria-label={`删除${w}`}
              onClick={() => edit.save([make(words.filter((x) => x !== w))], [field])}
            >
              ×
            </Text>
          </Text>
        ))}
      </View>
      <View className='scorecard-page__add'>
        <Input
          className='sc-input scorecard-page__add-input'
          value={adding}
          placeholder={`添加${label}`}
          data-field={`${field.key}:add`}
          onInput={(e) => setAdding(inputValue(e))}
        />
        <Text className='sc-link' onClick={add}>
          添加
        </Text>
      </View>
      <FieldError edit={edit} field={field.key} />
    </View>
  );
}

function Chips<T extends string>(props: {
  options: { value: T; label: string }[];
  on: (value: T) => boolean;
  onTap: (value: T) => void;
  name: string;
}) {
  return (
    <View className='sc-chips' data-chips={props.name}>
      {props.options.map((o) => (
        <Text
          key={o.value}
          className={`sc-chip${props.on(o.value) ? ' sc-chip--on' : ''}`}
          aria-pressed={props.on(o.value)}
          onClick={() => props.onTap(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  );
}

/** One condition of a rule: its thresholds, levels and word lists. */
function LeafEditor({
  edit,
  rule,
  leaf,
  base,
  many,
}: {
  edit: Editing;
  rule: Rule;
  leaf: ConditionLeaf;
  base: Path;
  many: boolean;
}) {
  const path = [...base, 'when', ...leaf.path, 'params'];
  const param = (key: string, value: number | string | string[] | null): ScorecardEdit => ({
    kind: 'param',
    rule: rule.id,
    leaf: leaf.index,
    param: key,
    value,
  });
  const fields: ReactNode[] = [];
  for (const [key, value] of Object.entries(leaf.params)) {
    const field = { key: `p:${rule.id}:${leaf.index}:${key}`, path: [...path, key] };
    const label = PARAM_LABELS[key] ?? key;
    if (NUMBER_PARAMS.includes(key) && typeof value === 'number') {
      fields.push(
        <NumberField
          key={key}
          edit={edit}
          field={field}
          label={label}
          value={value}
          make={(n) => param(key, n)}
          nullable
        />,
      );
    } else if (WORD_LIST_PARAMS.includes(key) && Array.isArray(value)) {
      fields.push(
        <WordList
          key={key}
          edit={edit}
          field={field}
          label={label}
          words={value as string[]}
          make={(w) => param(key, w)}
        />,
      );
    } else if (CHOICE_PARAMS[key] && typeof value === 'string') {
      const options = Object.entries(CHOICE_PARAMS[key]).map(([v, l]) => ({ value: v, label: l }));
      fields.push(
        <View key={key} className='scorecard-page__field'>
          <Text className='scorecard-page__field-label'>{label}</Text>
          <Chips
            name={field.key}
            options={options}
            on={(v) => v === value}
            onTap={(v) => edit.save([param(key, v)], [field])}
          />
          <FieldError edit={edit} field={field.key} />
        </View>,
      );
    }
  }
  return (
    <View className='scorecard-page__leaf' data-leaf={leaf.index}>
      <Text className='sc-hint'>
        {many ? `条件${leaf.index + 1}：` : '条件：'}
        {OPERATOR_LABELS[leaf.op] ?? leaf.op}
        {leaf.negated ? '（不满足时命中）' : ''}
      </Text>
      {fields}
    </View>
  );
}

function RuleEditor({ edit, rule, base }: { edit: Editing; rule: Rule; base: Path }) {
  const ruleEdit = (over: Omit<Extract<ScorecardEdit, { kind: 'rule' }>, 'kind' | 'rule'>): ScorecardEdit => ({
    kind: 'rule',
    rule: rule.id,
    ...over,
  });
  const key = (f: string): FieldRef => ({ key: `r:${rule.id}:${f}`, path: [...base, f] });
  const leaves = leavesOf(rule.when);
  return (
    <View className={`scorecard-page__rule${rule.enabled ? '' : ' scorecard-page__rule--off'}`} data-rule={rule.id}>
      <View className='scorecard-page__rule-head'>
        <Text className='scorecard-page__rule-name'>
          {rule.name}
          {rule.critical ? <Text className='sc-badge'>红线</Text> : null}
        </Text>
        <Text
          className={`scorecard-page__switch${rule.enabled ? ' scorecard-page__switch--on' : ''}`}
          data-switch={rule.id}
          aria-checked={rule.enabled}
          aria-label={`${rule.name}开关`}
          onClick={() => edit.save([ruleEdit({ enabled: !rule.enabled })], [key('enabled')])}
        >
          {rule.enabled ? '已开启' : '已关闭'}
        </Text>
      </View>
      <FieldError edit={edit} field={key('enabled').key} />
      <Text className='sc-hint'>{rule.id}</Text>
      <View className='scorecard-page__row'>
        <NumberField
          edit={edit}
          field={key('points')}
          label='分值'
          signed
          value={rule.points}
          make={(n) => ruleEdit({ points: n ?? 0 })}
        />
        <NumberField
          edit={edit}
          field={key('cap')}
          label='封顶'
          value={rule.cap}
          placeholder='不封顶'
          nullable
          make={(n) => ruleEdit({ cap: n })}
        />
      </View>
      <Text className='scorecard-page__field-label'>红线设置</Text>
      <Chips
        name={key('critical').key}
        options={CRITICAL_OPTIONS}
        on={(v) => (rule.critical ?? 'none') === v}
        onTap={(v) => edit.save([ruleEdit({ critical: v === 'none' ? null : v })], [key('critical')])}
      />
      <FieldError edit={edit} field={key('critical').key} />
      {leaves.map((leaf) => (
        <LeafEditor key={leaf.index} edit={edit} rule={rule} leaf={leaf} base={base} many={leaves.length > 1} />
      ))}
    </View>
  );
}

function ScopeEditor({ edit }: { edit: Editing }) {
  const { scope } = edit.card;
  const field: FieldRef = { key: 'c:scope', path: ['scope'] };
  const channels = scope.channels ?? [];
  const issueTypes = scope.issueTypes ?? [];
  const lines = scope.businessLines ?? [];
  const setScope = (next: Partial<Scorecard['scope']>) =>
    edit.save([{ kind: 'card', scope: { channels, issueTypes, businessLines: lines, ...next } }], [field]);
  const flip = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  return (
    <View data-part='scope'>
      <Text className='sc-label'>适用范围：{scopeLabel(scope)}</Text>
      <Text className='scorecard-page__field-label'>渠道（不选为全部）</Text>
      <Chips
        name='channels'
        options={CHANNEL_OPTIONS}
        on={(v) => channels.includes(v)}
        onTap={(v) => setScope({ channels: flip(channels, v) })}
      />
      <Text className='scorecard-page__field-label'>问题类型（不选为全部）</Text>
      <Chips
        name='issueTypes'
        options={ISSUE_TYPE_OPTIONS}
        on={(v) => issueTypes.includes(v)}
        onTap={(v) => setScope({ issueTypes: flip(issueTypes, v) })}
      />
      <WordList
        edit={edit}
        field={{ key: 'c:businessLines', path: ['scope', 'businessLines'] }}
        label='业务线'
        words={lines}
        make={(w) => ({ kind: 'card', scope: { channels, issueTypes, businessLines: w } })}
      />
      <FieldError edit={edit} field={field.key} />
    </View>
  );
}

/** `initialSessionId`: opened from a back-test's flip, that session is previewed at once (side by side). */
function PreviewBox({ scorecardId, initialSessionId }: { scorecardId: string; initialSessionId?: string }) {
  const [text, setText] = useState('');
  const [role, setRole] = useState<'agent' | 'customer'>('agent');
  const [sessionId, setSessionId] = useState(initialSessionId ?? '');
  const [result, setResult] = useState<ScorecardPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Real sessions to pick from: the latest closed ones (their first customer line says what about).
  const recent = useRemote(() => listSessions({ status: 'closed', limit: 5 }), []);
  const run = useAction(
    (by: 'line' | 'session', picked?: string) =>
      by === 'line' ? previewLine(scorecardId, text, role) : previewSession(scorecardId, picked ?? sessionId.trim()),
    {
      onDone: (r) => {
        setResult(r);
        setError(null);
      },
      onError: (e) => setError(errorMessage(e)),
    },
  );
  useEffect(() => {
    if (initialSessionId) void run.run('session', initialSessionId);
    // Once, for the session the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialSessionId]);
  return (
    <View className='sc-card' data-part='preview'>
      <Text className='sc-title'>预览</Text>
      <Text className='sc-hint'>输入一句话，或填一个会话 id，看草稿会命中什么（不保存）。</Text>
      <Chips
        name='role'
        options={[
          { value: 'agent' as const, label: '客服说' },
          { value: 'customer' as const, label: '客户说' },
        ]}
        on={(v) => v === role}
        onTap={setRole}
      />
      <Input
        className='sc-input'
        value={text}
        data-field='preview-text'
        placeholder='例：亲，加我微信聊'
        onInput={(e) => setText(inputValue(e))}
      />
      <Button
        className='sc-button'
        disabled={run.busy || !text.trim() || undefined}
        onClick={() => void run.run('line')}
      >
        试一试
      </Button>
      <Text className='scorecard-page__field-label'>或选一个最近的会话</Text>
      <View className='scorecard-page__recent' data-part='recent-sessions'>
        {(recent.data?.items ?? []).map((s) => (
          <Text
            key={s._id}
            className={`sc-chip scorecard-page__recent-item${s._id === sessionId ? ' sc-chip--on' : ''}`}
            data-session={s._id}
            onClick={() => {
              setSessionId(s._id);
              void run.run('session', s._id);
            }}
          >
            {s.preview?.text ?? s._id}
            {s.score ? `（${s.score.total} 分）` : ''}
          </Text>
        ))}
      </View>
      <Input
        className='sc-input scorecard-page__session'
        value={sessionId}
        data-field='preview-session'
        placeholder='会话 id'
        onInput={(e) => setSessionId(inputValue(e))}
      />
      <Button
        className='sc-button'
        disabled={run.busy || !sessionId.trim() || undefined}
        onClick={() => void run.run('session')}
      >
        用会话预览
      </Button>
      <ErrorBanner message={error} />
      {result ? (
        <View data-part='preview-result'>
          <Text className='sc-label'>
            {result.draft ? `草稿 v${result.version}` : `线上 v${result.version}`}：{result.total} 分
            {result.passed ? '，合格' : '，不合格'}
            {result.current ? `（当前 ${result.current.total} 分，v${result.current.scorecardVersion}）` : ''}
          </Text>
          {result.hits.length === 0 ? (
            <EmptyState text='没有命中任何规则' />
          ) : (
            result.hits.map((h, i) => (
              <View key={`${h.ruleId}-${i}`} className='scorecard-page__hit' data-hit={h.ruleId}>
                <Text className='scorecard-page__hit-name'>
                  {h.ruleName ?? h.ruleId} {h.points}
                  {h.redLine ? <Text className='sc-badge'>红线</Text> : null}
                </Text>
                <Text className='sc-hint'>{h.reason}</Text>
                {h.excerpt ? <Text className='scorecard-page__excerpt'>「{h.excerpt}」</Text> : null}
              </View>
            ))
          )}
        </View>
      ) : null}
    </View>
  );
}

const signed = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(1)}`;

/** At publish time: what the draft's newest back-test found, or that there is none (or it is stale). */
function BacktestLine({ scorecardId }: { scorecardId: string }) {
  const latest = useRemote(() => latestBacktest(scorecardId), [scorecardId]);
  if (!latest.loaded) return null;
  const answer = latest.data;
  let text: string;
  if (latest.error) text = `回测结果读取失败：${latest.error}`;
  else if (!answer || answer.job === null || !('report' in answer))
    text = '尚未回测：发布前可先回测，看哪些会话的结果会翻转';
  else if (answer.job.status === 'running') text = '回测进行中，完成后可在回测页查看';
  else if (answer.job.status === 'failed') text = '上次回测失败，请重新回测';
  else if (answer.stale) text = '草稿在回测后又有修改，回测结果已过期，请重新回测';
  else {
    const r = answer.report;
    const mean = r.change.mean === null ? '—' : signed(r.change.mean);
    text =
      `回测近 ${r.days} 天 ${r.sessions} 通：${r.flips.count} 通结果翻转（${r.flips.toFail} 通转为不合格、` +
      `${r.flips.toPass} 通转为合格），均分变化 ${mean}，告警 ${r.alertsPerDay.live.toFixed(1)} → ${r.alertsPerDay.draft.toFixed(1)} 条/天`;
  }
  return (
    <Text className='scorecard-page__change' data-part='backtest-summary'>
      {text}
    </Text>
  );
}

export default function ScorecardPage() {
  const { params } = useRouter();
  const scorecardId = params.scorecardId ?? '';
  const detail = useRemote(() => getScorecard(scorecardId), [scorecardId]);
  const [typed, setTyped] = useState<Record<string, Typed>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [rollbackTo, setRollbackTo] = useState<number | null>(null);

  const card = detail.data?.draft ?? detail.data?.live ?? null;

  const saving = useAction((edits: ScorecardEdit[], _refs: FieldRef[]) => saveDraftEdits(scorecardId, edits), {
    onDone: (r, _edits, refs) => {
      detail.setData((d) => d && { ...d, draft: r.draft, changes: r.changes });
      const done = new Set(refs.map((f) => f.key));
      setTyped((t) => Object.fromEntries(Object.entries(t).filter(([k]) => !done.has(k))));
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !done.has(k))));
      setMessage('已保存到草稿');
    },
    onError: (e, _edits, refs) => {
      const text = errorMessage(e);
      // The server names the field in Chinese: show the message beside the field it names.
      const named = refs.filter((f) => card && text.includes(`${fieldLabel(card, f.path)}：`));
      const at = named.length ? named : refs.slice(0, 1);
      setErrors((old) => ({ ...old, ...Object.fromEntries(at.map((f) => [f.key, text])) }));
      setMessage(null);
    },
  });

  const edit: Editing | null = card
    ? {
        card,
        typed,
        errors,
        busy: saving.busy,
        type: (ref, text, make, nullable) =>
          setTyped((t) => ({ ...t, [ref.key]: { text, path: ref.path, make, nullable } })),
        save: (edits, refs) => void saving.run(edits, refs),
      }
    : null;

  const saveTyped = () => {
    const edits: ScorecardEdit[] = [];
    const refs: FieldRef[] = [];
    const bad: Record<string, string> = {};
    for (const [key, t] of Object.entries(typed)) {
      const raw = t.text.trim();
      const n = raw === '' ? null : Number(raw);
      if ((n === null && !t.nullable) || (n !== null && !Number.isFinite(n))) {
        bad[key] = `${card ? fieldLabel(card, t.path) : ''}：请输入数字`;
        continue;
      }
      edits.push(t.make(n));
      refs.push({ key, path: t.path });
    }
    setErrors((e) => ({ ...e, ...bad }));
    if (edits.length) void saving.run(edits, refs);
  };

  const publish = useAction(() => publishDraft(scorecardId), {
    onDone: async (r) => {
      setConfirming(false);
      setMessage(`已发布 v${r.published.version}，新会话按此版本评分`);
      await detail.reload();
    },
    onError: (e) => setMessage(errorMessage(e)),
  });
  const rollback = useAction((version: number) => rollbackScorecard(scorecardId, version), {
    onDone: async (r, version) => {
      setRollbackTo(null);
      setMessage(`已回滚：v${version} 的内容发布为 v${r.published.version}`);
      await detail.reload();
    },
    onError: (e) => setMessage(errorMessage(e)),
  });
  const discard = useAction(
    async () => {
      const { confirm } = await Taro.showModal({ title: '放弃草稿', content: '草稿中的修改将全部丢弃' });
      if (confirm) await discardDraft(scorecardId);
      return confirm;
    },
    {
      onDone: async (done) => {
        if (!done) return;
        setTyped({});
        setErrors({});
        setMessage('草稿已放弃');
        await detail.reload();
      },
      onError: (e) => setMessage(errorMessage(e)),
    },
  );

  if (!detail.loaded) return <Loading />;
  if (!detail.data || !card || !edit)
    return <ErrorBanner message={detail.error ?? '没有这个评分卡'} onRetry={detail.reload} />;
  const { live, draft, changes, versions } = detail.data;
  const pendingCount = Object.keys(typed).length;

  return (
    <View className='scorecard-page'>
      <View className='sc-card' data-part='head'>
        <Text className='sc-title'>{card.name}</Text>
        <Text className='sc-hint'>
          {scorecardId} · {live ? `线上 v${live.version}` : '未发布'} ·{' '}
          {draft
            ? `草稿 v${draft.version}${draft.basedOn ? `（基于 v${draft.basedOn}）` : ''}`
            : '无草稿，修改任一项即开始草稿'}
        </Text>
        <View className='scorecard-page__actions'>
          <Button
            className='scorecard-page__action'
            onClick={() => void Taro.navigateTo({ url: backtestUrl(scorecardId) })}
          >
            回测
          </Button>
          <Button
            className='scorecard-page__action'
            disabled={!draft || publish.busy || undefined}
            onClick={() => setConfirming(true)}
          >
            发布
          </Button>
          <Button
            className='scorecard-page__action'
            disabled={!draft || discard.busy || undefined}
            onClick={() => void discard.run()}
          >
            放弃草稿
          </Button>
        </View>
        {message ? <Text className='sc-message'>{message}</Text> : null}
        {confirming && changes ? (
          <View className='scorecard-page__confirm' data-part='confirm'>
            <Text className='sc-label'>发布后新会话按新版本评分。与线上版本相比：</Text>
            {changes.empty ? <Text className='sc-hint'>与线上版本相同</Text> : null}
            {changes.rules.map((r) => (
              <Text key={r.ruleId} className='scorecard-page__change' data-change={r.kind}>
                {r.kind === 'added' ? '新增' : r.kind === 'removed' ? '删除' : '修改'}规则「{r.name}」
                {r.details.length ? `：${r.details.join('；')}` : ''}
              </Text>
            ))}
            {changes.card.map((c) => (
              <Text key={c} className='scorecard-page__change' data-change='card'>
                {c}
              </Text>
            ))}
            <BacktestLine scorecardId={scorecardId} />
            <View className='scorecard-page__actions'>
              <Button
                className='scorecard-page__action scorecard-page__action--primary'
                disabled={publish.busy || undefined}
                onClick={() => void publish.run()}
              >
                确认发布
              </Button>
              <Button className='scorecard-page__action' onClick={() => setConfirming(false)}>
                取消
              </Button>
            </View>
          </View>
        ) : null}
      </View>

      <View className='sc-card' data-part='card'>
        <NumberField
          edit={edit}
          field={{ key: 'c:passThreshold', path: ['passThreshold'] }}
          label={`及格线（满分 ${card.baseScore}）`}
          value={card.passThreshold}
          make={(n) => ({ kind: 'card', passThreshold: n ?? 0 })}
        />
        <ScopeEditor edit={edit} />
      </View>

      {card.sections.map((s, si) => (
        <View key={s.id} className='sc-card' data-section={s.id}>
          <Text className='sc-title'>
            第{si + 1}节 {s.name}
          </Text>
          <NumberField
            edit={edit}
            field={{ key: `s:${s.id}:weight`, path: ['sections', si, 'weight'] }}
            label='权重'
            value={s.weight}
            make={(n) => ({ kind: 'section', section: s.id, weight: n ?? 0 })}
          />
          {s.rules.map((r, ri) => (
            <RuleEditor key={r.id} edit={edit} rule={r} base={['sections', si, 'rules', ri]} />
          ))}
        </View>
      ))}

      <PreviewBox scorecardId={scorecardId} initialSessionId={params.sessionId} />

      <View className='sc-card' data-part='versions'>
        <Text className='sc-title'>版本历史</Text>
        {[...versions].reverse().map((v) => (
          <View key={v.version} className='scorecard-page__version' data-version={v.version}>
            <Text className='scorecard-page__version-name'>
              v{v.version}
              {v.live ? <Text className='sc-badge sc-badge--default'>线上</Text> : null}
              {v.shipped ? <Text className='sc-hint'>（内置）</Text> : null}
            </Text>
            <Text className='sc-hint'>{v.publishedAt ? new Date(v.publishedAt).toLocaleString('zh-CN') : ''}</Text>
            {!v.live ? (
              rollbackTo === v.version ? (
                <View className='scorecard-page__actions'>
                  <Button
                    className='scorecard-page__action'
                    disabled={rollback.busy || undefined}
                    onClick={() => void rollback.run(v.version)}
                  >
                    确认回滚到 v{v.version}
                  </Button>
                  <Button className='scorecard-page__action' onClick={() => setRollbackTo(null)}>
                    取消
                  </Button>
                </View>
              ) : (
                <Text className='sc-link' onClick={() => setRollbackTo(v.version)}>
                  回滚
                </Text>
              )
            ) : null}
          </View>
        ))}
      </View>

      {pendingCount > 0 ? (
        <View className='scorecard-page__savebar' data-part='savebar'>
          <Button className='scorecard-page__save' disabled={saving.busy || undefined} onClick={saveTyped}>
            保存修改（{pendingCount}）
          </Button>
        </View>
      ) : null}
    </View>
  );
}
