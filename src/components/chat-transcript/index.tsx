import { Text, View } from '@tarojs/components';
import type { MessageRole } from '@core/model';
import { splitByHighlights } from '../../utils/highlight';
import { formatDuration, formatMessageTime } from '../../utils/time';
import { replyWaits } from '../../utils/transcript';
import './index.scss';

/** What a bubble needs from a stored message. */
export interface TranscriptMessage {
  _id?: string;
  role: MessageRole;
  text: string;
  at: number;
}

/** A rule hit or alert evidence pointing into one message. */
export interface TranscriptHit {
  /** Index into `messages`; null for whole-session findings (not drawn in bubbles). */
  messageIndex: number | null;
  /**
   * [start, end) within the message text. Null for findings about the message as a whole
   * (a slow reply): the bubble is flagged but no text is marked, so precise spans stay legible.
   */
  span: [number, number] | null;
  /** Red-line hits are drawn in the stronger colour. */
  redLine?: boolean;
}

export interface ChatTranscriptProps {
  /**
   * The conversation in order; hit indices refer to positions in this array.
   * @default []
   */
  messages?: TranscriptMessage[];
  /**
   * Hits whose spans are highlighted inside the bubbles.
   * @default []
   */
  hits?: TranscriptHit[];
  /**
   * The message to emphasise (the one a tapped hit points to).
   * @default null
   */
  focusIndex?: number | null;
  /**
   * Show the customer's waiting time above each agent reply.
   * @default true
   */
  showWaits?: boolean;
  /** Called with the index of a tapped bubble (the review page picks a message this way). */
  onMessageTap?: (index: number) => void;
}

const defaults = {
  messages: [] as TranscriptMessage[],
  hits: [] as TranscriptHit[],
  focusIndex: null,
  showWaits: true,
};

const SIDE: Record<MessageRole, 'left' | 'right' | 'center'> = {
  customer: 'left',
  agent: 'right',
  supervisor: 'right',
  system: 'center',
};

const ROLE_NAMES: Record<MessageRole, string> = { customer: '客户', agent: '客服', supervisor: '主管', system: '系统' };

/** The conversation as chat bubbles, with each hit's span marked in its message. */
export default function ChatTranscript(props: ChatTranscriptProps) {
  const { messages, hits, focusIndex, showWaits, onMessageTap } = { ...defaults, ...props };
  const waits = showWaits ? replyWaits(messages) : [];

  return (
    <View className='chat-transcript'>
      {messages.map((message, index) => {
        const own = hits.filter((h) => h.messageIndex === index);
        const segments = splitByHighlights(
          message.text,
          own.map((h) => h.span),
        );
        const side = SIDE[message.role];
        const wait = waits[index];
        return (
          <View
            key={message._id ?? index}
            id={`msg-${index}`}
            className={[
              'chat-transcript__row',
              `chat-transcript__row--${side}`,
              own.length > 0 ? 'chat-transcript__row--hit' : '',
              focusIndex === index ? 'chat-transcript__row--focus' : '',
            ]
              .join(' ')
              .trim()}
          >
            {typeof wait === 'number' ? (
              <Text className='chat-transcript__wait'>客户等待 {formatDuration(wait)}</Text>
            ) : null}
            <View className='chat-transcript__meta'>
              <Text>{ROLE_NAMES[message.role]}</Text>
              <Text className='chat-transcript__time'>{formatMessageTime(message.at)}</Text>
            </View>
            <View
              className={`chat-transcript__bubble chat-transcript__bubble--${message.role}`}
              data-message-index={index}
              onClick={onMessageTap ? () => onMessageTap(index) : undefined}
            >
              {segments.map((seg) =>
                seg.spanIndices.length === 0 ? (
                  <Text key={seg.start}>{seg.text}</Text>
                ) : (
                  <Text
                    key={seg.start}
                    className={
                      seg.spanIndices.some((i) => own[i]?.redLine)
                        ? 'chat-transcript__mark chat-transcript__mark--red'
                        : 'chat-transcript__mark'
                    }
                  >
                    {seg.text}
                  </Text>
                ),
              )}
            </View>
          </View>
        );
      })}
    </View>
  );
}
