import { Text, View } from '@tarojs/components';
import type { ScoreHit } from '@core/model';
import { locateInExcerpt, splitByHighlights } from '../../utils/highlight';
import { buildWaterfall, type WaterfallInput, type WaterfallStep } from '../../utils/waterfall';
import './index.scss';

export interface ScoreWaterfallProps {
  /** The score to draw: total, hits and (for the full marks) sections. */
  score: WaterfallInput;
  /**
   * The scored conversation's messages: each hit's span is then marked inside its excerpt.
   * @default []
   */
  messages?: Array<{ text: string }>;
  /** Called with the message index of a tapped hit bar (hits about the whole session are not tappable). */
  onStepTap?: (messageIndex: number) => void;
}

function pointsText(step: WaterfallStep): string {
  if (step.kind === 'base' || step.kind === 'total') return String(step.end);
  return step.points > 0 ? `+${step.points}` : String(step.points);
}

/**
 * The score as a waterfall: full marks, every deduction and bonus with its rule, the message
 * it points to and red lines marked, then the total. Plain views: no canvas to keep in sync.
 */
export default function ScoreWaterfall(props: ScoreWaterfallProps) {
  const { score, onStepTap, messages = [] } = props;
  const { steps } = buildWaterfall(score);
  return (
    <View className='score-waterfall'>
      {steps.map((step, i) => {
        const tappable = step.messageIndex !== null && onStepTap !== undefined;
        return (
          <View
            key={`${step.kind}-${step.ruleId ?? ''}-${i}`}
            className={[
              'score-waterfall__step',
              `score-waterfall__step--${step.kind}`,
              step.redLine ? 'score-waterfall__step--red-line' : '',
            ]
              .join(' ')
              .trim()}
            data-kind={step.kind}
            data-rule-id={step.ruleId}
            onClick={tappable ? () => onStepTap(step.messageIndex as number) : undefined}
          >
            <View className='score-waterfall__line'>
              <View className='score-waterfall__label'>
                <Text className='score-waterfall__name'>{step.label}</Text>
                {step.redLine ? <Text className='score-waterfall__red-line'>红线</Text> : null}
                {step.ruleId ? <Text className='score-waterfall__rule'>{step.ruleId}</Text> : null}
                {step.kind === 'deduction' || step.kind === 'bonus' ? (
                  <Text className='score-waterfall__where'>
                    {step.messageIndex === null ? '整通会话' : `第 ${step.messageIndex + 1} 条消息 ›`}
                  </Text>
                ) : null}
              </View>
              <View className='score-waterfall__track'>
                <View
                  className='score-waterfall__bar'
                  style={{ marginLeft: `${step.offsetPct}%`, width: `${Math.max(step.widthPct, 0.5)}%` }}
                />
              </View>
              <Text className='score-waterfall__points'>{pointsText(step)}</Text>
            </View>
            {step.hit ? <Evidence hit={step.hit} label={step.label} messages={messages} /> : null}
            {step.detail && !step.hit ? <Text className='score-waterfall__detail'>{step.detail}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}

/** The hit's reason (when it says more than the rule name) and excerpt, the span marked. */
function Evidence({ hit, label, messages }: { hit: ScoreHit; label: string; messages: Array<{ text: string }> }) {
  if (!hit.excerpt && hit.reason === label) return null;
  const full = hit.messageIndex === null ? '' : (messages[hit.messageIndex]?.text ?? '');
  const segments = splitByHighlights(hit.excerpt, [locateInExcerpt(full, hit.span, hit.excerpt)]);
  return (
    <View className='score-waterfall__excerpt'>
      {hit.reason !== label ? <Text className='score-waterfall__reason'>{hit.reason}</Text> : null}
      <View>
        {segments.map((s) => (
          <Text
            key={s.start}
            className={
              s.spanIndices.length === 0
                ? undefined
                : hit.redLine
                  ? 'score-waterfall__mark score-waterfall__mark--red'
                  : 'score-waterfall__mark'
            }
          >
            {s.text}
          </Text>
        ))}
      </View>
    </View>
  );
}
