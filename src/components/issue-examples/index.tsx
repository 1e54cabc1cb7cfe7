import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { usePullDownRefresh } from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import type { ActionResult, IssueTypeExample } from '@core/api.contract';
// The server's bounds, from a zod-free module so the page does not load zod.
import { EXAMPLE_MAX_CHARS as MAX_CHARS, EXAMPLE_MIN_CHARS as MIN_CHARS } from '@core/text/issue-type.labels';
import { errorMessage, isApiError } from '../../services/api.error';
import {
  addIssueExample,
  classifyIssueType,
  listIssueExamples,
  removeIssueExample,
  type IssueTypeId,
} from '../../services/issue-types';
import { inputValue } from '../../utils/input';
import { formatListTime } from '../../utils/time';
import FilterChips from '../filter-chips';
import 'taro-ui/lib/style/components/button.scss';
import 'taro-ui/lib/style/components/loading.scss';
import './index.scss';

const TOP = 3;

type Label = ActionResult<'issueTypes/examples/list'>['labels'][number];
type Classification = ActionResult<'issueTypes/classify'>;

/** A line under a form: what the last action did, or why it failed (with the server's code). */
interface Feedback {
  tone: 'ok' | 'error';
  text: string;
  code?: string;
}

function failure(e: unknown): Feedback {
  return { tone: 'error', text: errorMessage(e), ...(isApiError(e) ? { code: e.code } : {}) };
}

function FeedbackLine({ feedback, name }: { feedback: Feedback | null; name: string }) {
  if (!feedback) return null;
  return (
    <View
      className={`issue-examples__feedback issue-examples__feedback--${feedback.tone}`}
      data-feedback={name}
      data-code={feedback.code}
      role={feedback.tone === 'error' ? 'alert' : 'status'}
    >
      {feedback.text}
    </View>
  );
}

export interface IssueExamplesProps {
  /**
   * Reference time for the 「when」 of each example; tests pin it.
   * @default Date.now()
   */
  now?: number;
}

/**
 * Admins teach the issue-type classifier: try a customer line against it, add labelled
 * examples (the same text again relabels it) and remove them. Every failure is shown next to
 * the action that caused it.
 */
export default function IssueExamples({ now }: IssueExamplesProps) {
  const [items, setItems] = useState<IssueTypeExample[]>([]);
  const [labels, setLabels] = useState<Label[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [listError, setListError] = useState<Feedback | null>(null);

  const [text, setText] = useState('');
  const [label, setLabel] = useState<IssueTypeId | null>(null);
  const [adding, setAdding] = useState(false);
  const [addFeedback, setAddFeedback] = useState<Feedback | null>(null);

  const [removing, setRemoving] = useState<string | null>(null);

  const [probe, setProbe] = useState('');
  const [classifying, setClassifying] = useState(false);
  const [preview, setPreview] = useState<Classification | null>(null);
  const [previewFeedback, setPreviewFeedback] = useState<Feedback | null>(null);

  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const data = await listIssueExamples();
      if (!alive.current) return;
      setItems(data.items);
      setLabels(data.labels);
      setListError(null);
    } catch (e) {
      if (alive.current) setListError(failure(e));
    } finally {
      if (alive.current) {
        setLoading(false);
        setLoaded(true);
      }
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  usePullDownRefresh(() => {
    void load();
  });

  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;

  const add = async () => {
    if (adding) return;
    const value = text.trim();
    if (value.length < MIN_CHARS || value.length > MAX_CHARS) {
      setAddFeedback({ tone: 'error', text: `样例需 ${MIN_CHARS}–${MAX_CHARS} 个字` });
      return;
    }
    if (!label) {
      setAddFeedback({ tone: 'error', text: '请选择问题类型' });
      return;
    }
    setAdding(true);
    setAddFeedback(null);
    const before = items;
    try {
      const { example, created } = await addIssueExample(value, label);
      if (!alive.current) return;
      const previous = before.find((it) => it._id === example._id);
      const name = labelName(example.label);
      let message: string;
      if (created) message = `已添加：${name}`;
      else if (previous && previous.label !== example.label)
        message = `已更新标签：${labelName(previous.label)} → ${name}`;
      else message = `样例已存在（${name}）`;
      setAddFeedback({ tone: 'ok', text: message });
      setText('');
      await load();
    } catch (e) {
      if (alive.current) setAddFeedback(failure(e));
    } finally {
      if (alive.current) setAdding(false);
    }
  };

  const remove = async (example: IssueTypeExample) => {
    if (removing) return;
    setRemoving(example._id);
    setListError(null);
    try {
      await removeIssueExample(example._id);
      if (!alive.current) return;
      await load();
    } catch (e) {
      if (alive.current) setListError(failure(e));
    } finally {
      if (alive.current) setRemoving(null);
    }
  };

  const classify = async () => {
    if (classifying) return;
    const value = probe.trim();
    if (value === '') {
      setPreviewFeedback({ tone: 'error', text: '请输入一句客户的话' });
      return;
    }
    setClassifying(true);
    setPreviewFeedback(null);
    try {
      const result = await classifyIssueType(value);
      if (alive.current) setPreview(result);
    } catch (e) {
      if (alive.current) {
        setPreview(null);
        setPreviewFeedback(failure(e));
      }
    } finally {
      if (alive.current) setClassifying(false);
    }
  };

  return (
    <View className='issue-examples'>
      <View className='issue-examples__card' data-part='preview'>
        <Text className='issue-examples__title'>试一试分类</Text>
        <Textarea
          className='issue-examples__input'
          value={probe}
          placeholder='输入一句客户的话，看看会被归为哪类'
          maxlength={MAX_CHARS}
          autoHeight
          onInput={(e) => {
            setProbe(inputValue(e));
            setPreviewFeedback(null);
          }}
        />
        <View className='issue-examples__actions'>
          <AtButton size='small' loading={classifying} disabled={classifying} onClick={() => void classify()}>
            试一试
          </AtButton>
        </View>
        <FeedbackLine feedback={previewFeedback} name='preview' />
        {preview ? (
          <View className='issue-examples__ranked'>
            {preview.ranked.slice(0, TOP).map((r, i) => (
              <View key={r.label} className='issue-examples__rank' data-rank={i + 1} data-label={r.label}>
                <Text className='issue-examples__rank-name'>{r.name}</Text>
                <View className='issue-examples__bar'>
                  <View className='issue-examples__bar-fill' style={{ width: `${percent(r.p)}%` }} />
                </View>
                <Text className='issue-examples__rank-p'>{percent(r.p)}%</Text>
              </View>
            ))}
            <Text className='issue-examples__hint'>已生效管理员样例 {preview.examples} 条</Text>
          </View>
        ) : null}
      </View>

      <View className='issue-examples__card' data-part='add'>
        <Text className='issue-examples__title'>新增样例</Text>
        <Textarea
          className='issue-examples__input'
          value={text}
          placeholder={`客户的一句话（${MIN_CHARS}–${MAX_CHARS} 字）`}
          maxlength={MAX_CHARS}
          autoHeight
          onInput={(e) => {
            setText(inputValue(e));
            setAddFeedback(null);
          }}
        />
        <Text className='issue-examples__counter'>
          {text.trim().length}/{MAX_CHARS}
        </Text>
        {labels.length > 0 ? (
          <FilterChips<IssueTypeId>
            name='issue-label'
            options={labels.map((l) => ({ value: l.id, label: l.name }))}
            value={label}
            onChange={(v) => {
              setLabel(v);
              setAddFeedback(null);
            }}
          />
        ) : null}
        <View className='issue-examples__actions'>
          <AtButton
            size='small'
            type='primary'
            loading={adding}
            disabled={adding || labels.length === 0}
            onClick={() => void add()}
          >
            添加样例
          </AtButton>
        </View>
        <FeedbackLine feedback={addFeedback} name='add' />
      </View>

      <View className='issue-examples__list' data-part='list'>
        <View className='issue-examples__list-head'>
          <Text>已有样例</Text>
          <Text className='issue-examples__count'>{loaded ? `共 ${items.length} 条` : ''}</Text>
        </View>
        <FeedbackLine feedback={listError} name='list' />
        {listError && !loading && items.length === 0 ? (
          <Text className='issue-examples__retry' onClick={() => void load()}>
            重试
          </Text>
        ) : null}
        {!loaded ? (
          <View className='issue-examples__empty'>加载中…</View>
        ) : items.length === 0 && !listError ? (
          <View className='issue-examples__empty'>还没有样例：添加一句客户的话并选择它的问题类型</View>
        ) : (
          items.map((it) => (
            <View key={it._id} className='issue-examples__item' data-example-id={it._id}>
              <View className='issue-examples__item-main'>
                <Text className='issue-examples__text'>{it.text}</Text>
                <Text className='issue-examples__label'>{labelName(it.label)}</Text>
              </View>
              <View className='issue-examples__item-foot'>
                <Text className='issue-examples__meta'>
                  {it.updatedBy} {it.updatedAt === it.createdAt ? '添加于' : '更新于'}{' '}
                  {formatListTime(it.updatedAt, now)}
                </Text>
                <Text
                  className={`issue-examples__remove${removing === it._id ? ' issue-examples__remove--busy' : ''}`}
                  aria-disabled={removing !== null}
                  onClick={() => void remove(it)}
                >
                  {removing === it._id ? '删除中…' : '删除'}
                </Text>
              </View>
            </View>
          ))
        )}
      </View>
    </View>
  );
}

/** A probability as a whole percentage (0.8123 → 81). */
function percent(p: number): number {
  return Math.round(p * 100);
}
