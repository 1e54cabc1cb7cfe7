import type { RedLineHead } from '../text/red-line.heads';

/**
 * The red lines the learned red-line model judges (operator redLineModel, core/text/red-line.heads.ts),
 * as the settings page and the evidence name them. Plain data: the settings pages read it through
 * scorecard.fields.ts.
 */
export const RED_LINE_HEAD_LABELS: Readonly<Record<RedLineHead, string>> = {
  rude: '辱骂推诿',
  'off-platform': '引导私下联系或交易',
  'review-reward': '好评返利',
};
