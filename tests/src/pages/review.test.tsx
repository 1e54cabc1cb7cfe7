import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { StoredReview } from '@core/inspection/review.model';
import ReviewPage from '../../../src/packages/review/index';
import { signIn } from '../../../src/services/auth';
import Taro, { taroTest } from '../mocks/taro';
import { fail, installFakeHost, ok, type ApiCall } from '../support/fake-host';
import { NOW, makeHit, makeMessage, makeScore, makeSession } from '../support/factories';

const messages = [
  makeMessage({ role: 'customer', text: '退款怎么还没到账', at: NOW }),
  makeMessage({ role: 'agent', text: '不知道，你自己去查吧', at: NOW + 45_000 }),
];
const hit = makeHit({ ruleId: 'shirking', ruleName: '推诿客户', messageIndex: 1, span: [0, 3], points: -15 });
const KEY = 'shirking@1:0-3';
const automatic = makeScore({ total: 85, passed: true, hits: [hit] });

function reviewHost(passed = true) {
  let review: StoredReview = {
    _id: 'rv-1',
    sessionId: 'session-1',
    inspectorId: 'demo-inspector',
    scorecardId: 'default',
    scorecardVersion: 2,
    status: 'draft',
    verdicts: [],
    added: [],
    annotations: [],
    createdAt: NOW,
    updatedAt: NOW,
  };
  const view = () => {
    const rejected = review.verdicts.some((v) => v.verdict === 'rejected');
    const manualHit = { ...hit, key: KEY, source: 'automatic' as const };
    return {
      review,
      session: makeSession({ status: 'closed' }),
      messages,
      automatic,
      manual: {
        ...automatic,
        total: rejected ? 100 : 85,
        passed: rejected || passed,
        hits: rejected ? [] : [manualHit],
        dropped: rejected ? [{ ...manualHit, verdict: 'rejected' }] : [],
        automaticTotal: 85,
        automaticPassed: true,
      },
      rules: [{ ruleId: 'shirking', name: '推诿客户', points: -15 }],
    };
  };
  return ({ action, params }: ApiCall) => {
    switch (action) {
      case 'reviews/open':
        return params.sessionId === 'session-1' ? ok({ review }) : fail('SESSION.NOT_FOUND', '会话不存在');
      case 'reviews/get':
        return ok(view());
      case 'reviews/verdict':
        review = {
          ...review,
          verdicts: params.verdict
            ? [
                {
                  key: String(params.key),
                  ruleId: 'shirking',
                  ruleVersion: 1,
                  verdict: params.verdict as 'rejected',
                  reason: params.reason as string,
                },
              ]
            : [],
        };
        return ok({ review });
      case 'reviews/annotate':
        review = {
          ...review,
          annotations: [
            {
              key: 'note:1',
              messageIndex: Number(params.messageIndex),
              span: params.span as [number, number] | null,
              note: String(params.note),
              problemType: params.problemType as string,
              ...(params.tone ? { tone: params.tone as 'praise', label: params.label as '安抚到位' } : {}),
            },
          ],
        };
        return ok({ review });
      case 'reviews/addHit':
        review = {
          ...review,
          added: [
            {
              key: 'added:1',
              ruleId: String(params.ruleId),
              ruleVersion: 1,
              messageIndex: params.messageIndex as number | null,
              span: params.span as [number, number] | null,
              note: String(params.note),
              excerpt: '',
            },
          ],
        };
        return ok({ review });
      case 'reviews/removeHit':
        review = { ...review, added: review.added.filter((a) => a.key !== params.key) };
        return ok({ review });
      case 'reviews/submit':
        review = { ...review, status: 'submitted', submittedAt: NOW };
        return ok({ review });
      default:
        return fail('ACTION.UNKNOWN', action);
    }
  };
}

describe('review page', () => {
  beforeEach(() => signIn('demo-inspector'));

  test('shows the automatic and the manual score side by side; 误命中 with a reason takes the hit out', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1' });
    const host = installFakeHost({ api: reviewHost() });
    const { container } = render(<ReviewPage />);
    expect(await screen.findByText('推诿客户')).toBeInTheDocument();
    expect(screen.getByTestId('manual-score')).toHaveTextContent('85');
    fireEvent.change(container.querySelector(`[data-hit-key="${KEY}"] input`) as HTMLInputElement, {
      target: { value: '客户先辱骂' },
    });
    fireEvent.click(screen.getByText('误命中'));
    await waitFor(() => expect(screen.getByTestId('manual-score')).toHaveTextContent('100'));
    expect(host.calls.find((c) => c.action === 'reviews/verdict')?.params).toEqual({
      reviewId: 'rv-1',
      key: KEY,
      verdict: 'rejected',
      reason: '客户先辱骂',
    });
  });

  test('annotates a message and submits after confirming; then it is read-only', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1' });
    const host = installFakeHost({ api: reviewHost() });
    const { container } = render(<ReviewPage />);
    fireEvent.click(await screen.findByText('标注'));
    const form = screen.getByTestId('form-note');
    fireEvent.change(form.querySelector('textarea') as HTMLTextAreaElement, {
      target: { value: '语气生硬' },
    });
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(container.querySelector('[data-note-key="note:1"]')).toHaveTextContent('语气生硬'));
    fireEvent.click(screen.getByText('提交'));
    expect(await screen.findByText('已提交，结果已通知客服（提交后不可修改）')).toBeInTheDocument();
    expect(Taro.showModal).toHaveBeenCalled();
    expect(host.calls.map((c) => c.action)).toContain('reviews/submit');
    expect(screen.queryByText('补充漏判')).toBeNull();
  });

  // Issue 16 (strengths): praise on a message, apart from faults, without moving the score.
  test('表扬 marks a message as praise with a label; shown in the praise colour; the score does not move', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1' });
    const host = installFakeHost({ api: reviewHost() });
    const { container } = render(<ReviewPage />);
    fireEvent.click(await screen.findByText('表扬'));
    const form = screen.getByTestId('form-praise');
    expect(form).toHaveTextContent('表扬：安抚到位（不影响得分）');
    fireEvent.change(form.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '先道歉再查询' } });
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(container.querySelector('[data-note-key="note:1"]')).toHaveTextContent('先道歉再查询'));
    const note = container.querySelector('[data-note-key="note:1"]') as HTMLElement;
    expect(note).toHaveTextContent('[表扬·安抚到位]');
    expect(note.className).toContain('review-page__note--praise');
    expect(note.dataset.tone).toBe('praise');
    const sent = host.calls.find((c) => c.action === 'reviews/annotate')?.params;
    expect(sent).toMatchObject({ tone: 'praise', label: '安抚到位', note: '先道歉再查询' });
    expect(sent).not.toHaveProperty('problemType');
    expect(screen.getByTestId('manual-score')).toHaveTextContent('85');
  });

  // Issue 16 (agent-notices): 下发整改 on a failed review.
  test('a failed review offers 下发整改, sent with the submit when ticked; a passed one does not', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1' });
    const host = installFakeHost({ api: reviewHost(false) });
    const first = render(<ReviewPage />);
    fireEvent.click(await screen.findByText(/提交时下发整改通知/));
    fireEvent.click(screen.getByText('提交'));
    await screen.findByText('已提交，结果已通知客服（提交后不可修改）');
    expect(host.calls.find((c) => c.action === 'reviews/submit')?.params).toEqual({ reviewId: 'rv-1', rectify: true });
    first.unmount();

    installFakeHost({ api: reviewHost(true) });
    render(<ReviewPage />);
    await screen.findByText('提交');
    expect(screen.queryByText(/提交时下发整改通知/)).toBeNull();
  });

  test('a missed hit: tap a bubble, tap the last then the first character of the span, save; then delete it', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1' });
    const host = installFakeHost({ api: reviewHost() });
    const { container } = render(<ReviewPage />);
    fireEvent.click(await screen.findByText('补充漏判'));
    // The message picker starts on #1; tapping the agent's bubble picks #2.
    fireEvent.click(container.querySelector('[data-message-index="1"]') as HTMLElement);
    const chars = screen.getByTestId('span-chars');
    expect(chars).toHaveTextContent('不知道，你自己去查吧');
    fireEvent.click(chars.querySelector('[data-char="7"]') as HTMLElement);
    fireEvent.click(chars.querySelector('[data-char="5"]') as HTMLElement);
    expect(screen.getByTestId('span-picked')).toHaveTextContent('已选「自己去」');
    fireEvent.change(screen.getByTestId('form-hit').querySelector('textarea') as HTMLTextAreaElement, {
      target: { value: '推卸给客户' },
    });
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(container.querySelector('[data-added-key="added:1"]')).not.toBeNull());
    expect(container.querySelector('[data-added-key="added:1"]')).toHaveTextContent('「自己去」 推卸给客户');
    expect(host.calls.find((c) => c.action === 'reviews/addHit')?.params).toEqual({
      reviewId: 'rv-1',
      ruleId: 'shirking',
      messageIndex: 1,
      span: [5, 8],
      note: '推卸给客户',
    });
    fireEvent.click(screen.getByText('删除'));
    await waitFor(() => expect(container.querySelector('[data-added-key="added:1"]')).toBeNull());
    expect(host.calls.find((c) => c.action === 'reviews/removeHit')?.params).toEqual({
      reviewId: 'rv-1',
      key: 'added:1',
    });
  });

  test('typing an excerpt records its span when no characters were tapped', async () => {
    taroTest.setRouterParams({ sessionId: 'session-1' });
    const host = installFakeHost({ api: reviewHost() });
    render(<ReviewPage />);
    fireEvent.click(await screen.findByText('补充漏判'));
    const form = screen.getByTestId('form-hit');
    fireEvent.change(form.querySelector('input') as HTMLInputElement, { target: { value: '到账' } });
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(host.calls.some((c) => c.action === 'reviews/addHit')).toBe(true));
    expect(host.calls.find((c) => c.action === 'reviews/addHit')?.params).toMatchObject({
      messageIndex: 0,
      span: [6, 8],
    });
  });
});
