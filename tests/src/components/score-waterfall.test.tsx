import { fireEvent, render, screen } from '@testing-library/react';
import ScoreWaterfall from '../../../src/components/score-waterfall';
import { makeHit } from '../support/factories';

const score = {
  total: 65,
  hits: [
    makeHit({
      ruleId: 'forbidden-words',
      ruleName: '服务禁语',
      messageIndex: 1,
      span: [0, 3],
      excerpt: '不知道，你自己',
      reason: '服务禁语：不知道',
      points: -15,
    }),
    makeHit({
      ruleId: 'abuse',
      ruleName: '辱骂客户',
      messageIndex: 2,
      span: [1, 3],
      excerpt: '你有病吧',
      reason: '辱骂客户',
      points: -20,
      redLine: true,
    }),
    makeHit({
      ruleId: 'resolved',
      ruleName: '问题已解决',
      messageIndex: null,
      span: null,
      excerpt: '',
      reason: '问题已解决',
      points: 0,
    }),
  ],
};
const messages = [{ text: '你好' }, { text: '不知道，你自己去查吧' }, { text: '你有病吧' }];

const rows = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.score-waterfall__step')).map((el) => ({
    kind: el.getAttribute('data-kind'),
    points: el.querySelector('.score-waterfall__points')?.textContent,
  }));

describe('ScoreWaterfall', () => {
  test('shows full marks, each deduction with its points and the total', () => {
    const { container } = render(<ScoreWaterfall score={score} messages={messages} />);
    expect(rows(container)).toEqual([
      { kind: 'base', points: '100' },
      { kind: 'deduction', points: '-15' },
      { kind: 'deduction', points: '-20' },
      { kind: 'total', points: '65' },
    ]);
    expect(screen.getByText('服务禁语')).toBeInTheDocument();
    expect(screen.getByText('forbidden-words')).toBeInTheDocument();
    expect(screen.getByText('第 2 条消息 ›')).toBeInTheDocument();
  });

  test('marks the red-line hit and its span in the red style', () => {
    const { container } = render(<ScoreWaterfall score={score} messages={messages} />);
    const red = container.querySelector('[data-rule-id="abuse"]');
    expect(red).toHaveClass('score-waterfall__step--red-line');
    expect(red?.querySelector('.score-waterfall__red-line')?.textContent).toBe('红线');
    expect(red?.querySelector('.score-waterfall__mark--red')?.textContent).toBe('有病');
    expect(container.querySelector('[data-rule-id="forbidden-words"] .score-waterfall__mark')?.textContent).toBe(
      '不知道',
    );
  });

  test('draws each bar at its place on the axis', () => {
    const { container } = render(<ScoreWaterfall score={score} messages={messages} />);
    const bar = container.querySelector('[data-rule-id="abuse"] .score-waterfall__bar') as HTMLElement;
    expect(bar.style.marginLeft).toBe('65%');
    expect(bar.style.width).toBe('20%');
  });

  test('tapping a hit reports the message it points to', () => {
    const onStepTap = jest.fn();
    render(<ScoreWaterfall score={score} messages={messages} onStepTap={onStepTap} />);
    fireEvent.click(screen.getByText('第 3 条消息 ›'));
    expect(onStepTap).toHaveBeenCalledWith(2);
    fireEvent.click(screen.getByText('总分'));
    expect(onStepTap).toHaveBeenCalledTimes(1);
  });
});
