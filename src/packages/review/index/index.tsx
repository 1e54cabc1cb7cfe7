import { useMemo, useState } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AtButton } from 'taro-ui';
import type { ActionResult } from '@core/api.contract';
import type { StoredReview } from '@core/inspection/review.model';
import { PRAISE_LABELS } from '@core/inspection/praise.labels';
import type { MessageRole } from '@core/model';
import ChatTranscript, { type TranscriptHit } from '../../../components/chat-transcript';
import { ErrorBanner, Loading } from '../../../components/page-state';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import {
  addMissedHit,
  annotateMessage,
  getReview,
  openReview,
  removeMissedHit,
  removeNote,
  setVerdict,
  submitReview,
} from '../../../services/reviews';
import 'taro-ui/lib/style/components/button.scss';
import 'taro-ui/lib/style/components/loading.scss';
import { inputValue } from '../../../utils/input';
import './index.scss';

type View = ActionResult<'reviews/get'>;

const PROBLEM_TYPES = ['服务态度', '业务错误', '响应超时', '违规承诺', '流程不当', '其他'];
const ROLE_NAMES: Record<MessageRole, string> = { customer: '客户', agent: '客服', system: '系统', supervisor: '主管' };

/** Opens (or resumes) the caller's review of the session, then reads it whole. */
async function load(sessionId: string, taskId?: string, roundId?: string): Promise<View> {
  const review = await openReview({
    sessionId,
    ...(taskId ? { taskId } : {}),
    ...(roundId ? { calibrationRoundId: roundId } : {}),
  });
  return getReview(review._id);
}

/** A message's characters with their UTF-16 offsets (spans index the string, an emoji is two units). */
function charsOf(text: string): { ch: string; at: number }[] {
  const out: { ch: string; at: number }[] = [];
  let at = 0;
  for (const ch of Array.from(text)) {
    out.push({ ch, at });
    at += ch.length;
  }
  return out;
}

/** The next span after tapping character `c`: the first tap starts it, the second closes it (either order). */
function tapSpan(
  anchor: number | null,
  c: { ch: string; at: number },
  chars: { ch: string; at: number }[],
): { anchor: number | null; span: [number, number] } {
  if (anchor === null) return { anchor: c.at, span: [c.at, c.at + c.ch.length] };
  const first = Math.min(anchor, c.at);
  const last = chars.find((x) => x.at === Math.max(anchor, c.at)) ?? c;
  return { anchor: null, span: [first, last.at + last.ch.length] };
}

/** Where `excerpt` sits in `text`: the span to record, or null (the whole message). */
function spanOf(text: string, excerpt: string): [number, number] | null {
  const at = excerpt ? text.indexOf(excerpt) : -1;
  return at >= 0 ? [at, at + excerpt.length] : null;
}

export default function ReviewPage() {
  const { params } = useRouter();
  const sessionId = params.sessionId ?? '';
  const remote = useRemote(sessionId ? () => load(sessionId, params.taskId, params.roundId) : null, [sessionId]);
  const view = remote.data;
  const [busy, setBusy] = useState(false);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  // 'praise' (issue 16): a note marking what the agent did well; it never moves the score.
  const [form, setForm] = useState<null | 'hit' | 'note' | 'praise'>(null);
  const [praiseLabel, setPraiseLabel] = useState(0);
  // Issue 16: 下发整改 with a failed review issues rectification notices (optional, off by default).
  const [rectify, setRectify] = useState(false);
  const [ruleIndex, setRuleIndex] = useState(0);
  const [messageIndex, setMessageIndex] = useState(0);
  const [excerpt, setExcerpt] = useState('');
  const [noteText, setNoteText] = useState('');
  const [problem, setProblem] = useState(0);
  const [picked, setPicked] = useState<[number, number] | null>(null);
  const [anchor, setAnchor] = useState<number | null>(null);
  const pickMessage = (i: number) => {
    setMessageIndex(i);
    setPicked(null);
    setAnchor(null);
  };

  const transcriptHits: TranscriptHit[] = useMemo(
    () => [
      ...(view?.manual.hits ?? []).map((h) => ({ messageIndex: h.messageIndex, span: h.span, redLine: h.redLine })),
      // Noted words are marked too, so the transcript shows everything the review points at.
      ...(view?.review.annotations ?? [])
        .filter((n) => n.tone !== 'praise')
        .map((n) => ({ messageIndex: n.messageIndex, span: n.span })),
    ],
    [view],
  );

  if (!sessionId) return <ErrorBanner message='缺少会话编号' />;
  if (remote.error && !view) return <ErrorBanner message={remote.error} onRetry={remote.reload} />;
  if (!view) return <Loading />;

  const { review, messages, automatic, manual, rules } = view;
  const final = review.status === 'submitted';
  const chars = charsOf(messages[messageIndex]?.text ?? '');
  const messageLabels = messages.map((m, i) => `#${i + 1} ${ROLE_NAMES[m.role]}：${m.text.slice(0, 16)}`);

  /** One edit on the server, then the whole review read again (the manual score follows). */
  const apply = async (edit: () => Promise<StoredReview>, done?: string) => {
    if (busy) return;
    setBusy(true);
    try {
      const next = await edit();
      const fresh = await getReview(next._id);
      remote.setData(() => fresh);
      if (done) void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  /** The exact words a span marks (the stored excerpt carries context around them). */
  const spanText = (e: { messageIndex: number | null; span: [number, number] | null }) =>
    e.messageIndex !== null && e.span ? (messages[e.messageIndex]?.text ?? '').slice(e.span[0], e.span[1]) : '';
  const verdictOf = (key: string) => review.verdicts.find((v) => v.key === key)?.verdict ?? null;
  const automaticHits = [...manual.hits.filter((h) => !h.key.startsWith('added:')), ...manual.dropped];

  return (
    <View className='review-page'>
      <View className='review-page__scores'>
        <View className='review-page__score'>
          <Text>自动评分</Text>
          <Text className='review-page__score-value'>{automatic.total}</Text>
          <Text>{automatic.passed ? '合格' : '不合格'}</Text>
        </View>
        <View className='review-page__score review-page__score--manual' data-testid='manual-score'>
          <Text>人工复核</Text>
          <Text className='review-page__score-value'>{manual.total}</Text>
          <Text>{manual.passed ? '合格' : '不合格'}</Text>
        </View>
      </View>
      {final ? <Text className='review-page__note'>已提交，结果已通知客服（提交后不可修改）</Text> : null}

      <Text className='review-page__title'>机器命中（{automaticHits.length}）</Text>
      {automaticHits.map((h) => {
        const verdict = verdictOf(h.key);
        const text = h.messageIndex !== null ? messages[h.messageIndex]?.text : undefined;
        return (
          <View
            key={h.key}
            className={`review-page__hit ${verdict === 'rejected' ? 'review-page__hit--rejected' : ''}`}
            data-hit-key={h.key}
          >
            <View className='review-page__hit-head'>
              <Text>{h.ruleName ?? h.ruleId}</Text>
              <Text>{h.points}</Text>
            </View>
            <Text className='review-page__evidence'>
              {h.messageIndex !== null ? `#${h.messageIndex + 1} ` : '整段会话 '}
              {h.span && text ? `「${text.slice(h.span[0], h.span[1])}」` : (text ?? '').slice(0, 40)}
            </Text>
            {final ? (
              <Text className='review-page__evidence'>
                {verdict === 'rejected' ? '误命中' : verdict === 'confirmed' ? '真命中' : '未复核'}
              </Text>
            ) : (
              <>
                <Input
                  className='review-page__field'
                  placeholder='误命中的理由（选填）'
                  value={reasons[h.key] ?? ''}
                  onInput={(e) => setReasons({ ...reasons, [h.key]: inputValue(e) })}
                />
                <View className='review-page__verdicts'>
                  <Text
                    className={`review-page__chip ${verdict === 'confirmed' ? 'review-page__chip--on' : ''}`}
                    onClick={() =>
                      void apply(() =>
                        setVerdict({
                          reviewId: review._id,
                          key: h.key,
                          verdict: verdict === 'confirmed' ? null : 'confirmed',
                        }),
                      )
                    }
                  >
                    真命中
                  </Text>
                  <Text
                    className={`review-page__chip ${verdict === 'rejected' ? 'review-page__chip--on' : ''}`}
                    onClick={() =>
                      void apply(() =>
                        setVerdict({
                          reviewId: review._id,
                          key: h.key,
                          verdict: verdict === 'rejected' ? null : 'rejected',
                          ...(reasons[h.key] ? { reason: reasons[h.key] } : {}),
                        }),
                      )
                    }
                  >
                    误命中
                  </Text>
                </View>
              </>
            )}
          </View>
        );
      })}

      {review.added.length > 0 ? <Text className='review-page__title'>补充的漏判（{review.added.length}）</Text> : null}
      {review.added.map((a) => (
        <View key={a.key} className='review-page__hit' data-added-key={a.key}>
          <View className='review-page__hit-head'>
            <Text>{rules.find((r) => r.ruleId === a.ruleId)?.name ?? a.ruleId}</Text>
            <Text>{a.messageIndex !== null ? `#${a.messageIndex + 1}` : '整段'}</Text>
          </View>
          <Text className='review-page__evidence'>
            {spanText(a) ? `「${spanText(a)}」` : a.excerpt ? `「${a.excerpt}」` : ''} {a.note}
          </Text>
          {final ? null : (
            <Text
              className='review-page__link'
              onClick={() => void apply(() => removeMissedHit(review._id, a.key), '已删除')}
            >
              删除
            </Text>
          )}
        </View>
      ))}
      {review.annotations.length > 0 ? (
        <Text className='review-page__title'>标注（{review.annotations.length}）</Text>
      ) : null}
      {review.annotations.map((n) => (
        <Text
          key={n.key}
          className={`review-page__note${n.tone === 'praise' ? ' review-page__note--praise' : ''}`}
          data-note-key={n.key}
          data-tone={n.tone ?? 'fault'}
        >
          #{n.messageIndex + 1} {n.tone === 'praise' ? `[表扬${n.label ? `·${n.label}` : ''}] ` : ''}
          {n.problemType ? `[${n.problemType}] ` : ''}
          {spanText(n) ? `「${spanText(n)}」` : ''}
          {n.note}
          {final ? null : (
            <Text
              className='review-page__link'
              onClick={() => void apply(() => removeNote(review._id, n.key), '已删除')}
            >
              {' '}
              删除
            </Text>
          )}
        </Text>
      ))}

      {form ? (
        <View className='review-page__form' data-testid={`form-${form}`}>
          {form === 'hit' ? (
            <Picker
              mode='selector'
              range={rules.map((r) => r.name)}
              value={ruleIndex}
              onChange={(e) => setRuleIndex(Number(e.detail.value))}
            >
              <Text className='review-page__field'>规则：{rules[ruleIndex]?.name ?? '—'}</Text>
            </Picker>
          ) : form === 'praise' ? (
            <Picker
              mode='selector'
              range={[...PRAISE_LABELS]}
              value={praiseLabel}
              onChange={(e) => setPraiseLabel(Number(e.detail.value))}
            >
              <Text className='review-page__field review-page__field--praise'>
                表扬：{PRAISE_LABELS[praiseLabel]}（不影响得分）
              </Text>
            </Picker>
          ) : (
            <Picker
              mode='selector'
              range={PROBLEM_TYPES}
              value={problem}
              onChange={(e) => setProblem(Number(e.detail.value))}
            >
              <Text className='review-page__field'>问题类型：{PROBLEM_TYPES[problem]}</Text>
            </Picker>
          )}
          <Picker
            mode='selector'
            range={messageLabels}
            value={messageIndex}
            onChange={(e) => pickMessage(Number(e.detail.value))}
          >
            <Text className='review-page__field'>消息：{messageLabels[messageIndex] ?? '—'}</Text>
          </Picker>
          <Text className='review-page__hint'>也可在下方会话记录中点一条消息；点首字和末字选出片段（可不选）</Text>
          <View className='review-page__chars' data-testid='span-chars'>
            {chars.map((c) => (
              <Text
                key={c.at}
                data-char={c.at}
                className={`review-page__char${picked && c.at >= picked[0] && c.at < picked[1] ? ' review-page__char--on' : ''}`}
                onClick={() => {
                  const next = tapSpan(anchor, c, chars);
                  setAnchor(next.anchor);
                  setPicked(next.span);
                }}
              >
                {c.ch}
              </Text>
            ))}
          </View>
          {picked ? (
            <Text className='review-page__hint' data-testid='span-picked'>
              已选「
              {(messages[messageIndex]?.text ?? '').slice(picked[0], picked[1])}」
              <Text
                className='review-page__link'
                onClick={() => {
                  setPicked(null);
                  setAnchor(null);
                }}
              >
                清除
              </Text>
            </Text>
          ) : null}
          <Input
            className='review-page__field'
            placeholder='摘录原文（选填，标出具体片段）'
            value={excerpt}
            onInput={(e) => setExcerpt(inputValue(e))}
          />
          <Textarea
            className='review-page__field'
            placeholder={form === 'hit' ? '说明（选填）' : form === 'praise' ? '表扬说明（选填）' : '标注内容'}
            value={noteText}
            onInput={(e) => setNoteText(inputValue(e))}
          />
          <AtButton
            type='primary'
            size='small'
            disabled={busy || (form === 'note' && !noteText.trim())}
            onClick={() => {
              const span = picked ?? spanOf(messages[messageIndex]?.text ?? '', excerpt.trim());
              const edit =
                form === 'hit'
                  ? () =>
                      addMissedHit({
                        reviewId: review._id,
                        ruleId: rules[ruleIndex].ruleId,
                        messageIndex,
                        span,
                        note: noteText,
                      })
                  : form === 'praise'
                    ? () =>
                        annotateMessage({
                          reviewId: review._id,
                          messageIndex,
                          span,
                          note: noteText,
                          tone: 'praise',
                          label: PRAISE_LABELS[praiseLabel],
                        })
                    : () =>
                        annotateMessage({
                          reviewId: review._id,
                          messageIndex,
                          span,
                          note: noteText,
                          problemType: PROBLEM_TYPES[problem],
                        });
              const done = form === 'hit' ? '已补充漏判' : form === 'praise' ? '已表扬' : '已标注';
              void apply(edit, done).then(() => {
                setForm(null);
                setExcerpt('');
                setNoteText('');
                setPicked(null);
                setAnchor(null);
              });
            }}
          >
            保存
          </AtButton>
        </View>
      ) : null}

      <Text className='review-page__title'>会话记录</Text>
      <ChatTranscript
        messages={messages}
        hits={transcriptHits}
        focusIndex={form ? messageIndex : null}
        onMessageTap={form ? pickMessage : undefined}
      />

      {final || manual.passed || review.calibrationRoundId ? null : (
        <Text
          className={`review-page__rectify${rectify ? ' review-page__rectify--on' : ''}`}
          data-part='rectify'
          onClick={() => setRectify(!rectify)}
        >
          {rectify ? '☑' : '☐'} 不合格，提交时下发整改通知
        </Text>
      )}
      {final ? null : (
        <View className='review-page__bar'>
          <AtButton size='small' disabled={busy} onClick={() => setForm(form === 'hit' ? null : 'hit')}>
            补充漏判
          </AtButton>
          <AtButton size='small' disabled={busy} onClick={() => setForm(form === 'note' ? null : 'note')}>
            标注
          </AtButton>
          <AtButton size='small' disabled={busy} onClick={() => setForm(form === 'praise' ? null : 'praise')}>
            表扬
          </AtButton>
          <AtButton
            type='primary'
            size='small'
            disabled={busy}
            onClick={() =>
              void Taro.showModal({
                title: '提交复核',
                content: `人工得分 ${manual.total}，提交后不可修改并通知客服${
                  rectify && !manual.passed ? '，同时下发整改通知' : ''
                }。`,
              }).then((r) => {
                if (r.confirm) void apply(() => submitReview(review._id, rectify && !manual.passed), '已提交');
              })
            }
          >
            提交
          </AtButton>
        </View>
      )}
    </View>
  );
}
