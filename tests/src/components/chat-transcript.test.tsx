import { render, screen } from '@testing-library/react';
import ChatTranscript from '../../../src/components/chat-transcript';
import { NOW, makeMessage } from '../support/factories';

const marks = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.chat-transcript__mark')).map((el) => el.textContent);

describe('ChatTranscript', () => {
  const messages = [
    makeMessage({ role: 'customer', text: '我的快递三天了还没到', at: NOW }),
    makeMessage({ role: 'agent', text: '这个不归我管，你自己去问快递', at: NOW + 90_000 }),
    makeMessage({ role: 'system', text: '会话已结束', at: NOW + 120_000 }),
  ];

  test('places customer bubbles left, agent right and system centred', () => {
    const { container } = render(<ChatTranscript messages={messages} />);
    const sides = Array.from(container.querySelectorAll('.chat-transcript__row')).map((el) =>
      ['left', 'right', 'center'].find((s) => el.classList.contains(`chat-transcript__row--${s}`)),
    );
    expect(sides).toEqual(['left', 'right', 'center']);
  });

  test('highlights exactly the hit spans in the message they point to', () => {
    const { container } = render(
      <ChatTranscript
        messages={messages}
        hits={[
          { messageIndex: 1, span: [0, 6] },
          { messageIndex: 1, span: [7, 10] },
        ]}
      />,
    );
    expect(marks(container)).toEqual(['这个不归我管', '你自己']);
    expect(container.querySelector('#msg-1')?.textContent).toContain('这个不归我管，你自己去问快递');
  });

  test('draws red-line hits in the red style', () => {
    const { container } = render(
      <ChatTranscript messages={messages} hits={[{ messageIndex: 1, span: [0, 6], redLine: true }]} />,
    );
    expect(container.querySelector('.chat-transcript__mark--red')?.textContent).toBe('这个不归我管');
  });

  test('flags the message of a hit without a span but marks no text, and ignores session-level hits', () => {
    const { container } = render(
      <ChatTranscript
        messages={messages}
        hits={[
          { messageIndex: 0, span: null },
          { messageIndex: null, span: null },
        ]}
      />,
    );
    expect(marks(container)).toEqual([]);
    const flagged = Array.from(container.querySelectorAll('.chat-transcript__row--hit')).map((el) => el.id);
    expect(flagged).toEqual(['msg-0']);
  });

  test('shows how long the customer waited before the agent reply', () => {
    render(<ChatTranscript messages={messages} />);
    expect(screen.getByText('客户等待 1分30秒')).toBeInTheDocument();
  });
});
