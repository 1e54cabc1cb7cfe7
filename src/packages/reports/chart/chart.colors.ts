/**
 * The chart colours, as ECharts needs them (strings in an option, not stylesheet variables):
 * the same values as `src/styles/_tokens.scss`, which tests/src/pages/reports.test.tsx checks.
 */
export const CHART_COLORS = {
  /** $color-primary: the measured line. */
  primary: '#1677ff',
  /** $color-primary-bg: the control band. */
  band: '#e6f4ff',
  /** $color-danger: a point outside its band. */
  danger: '#cf1322',
  /** $color-text-muted: axes and labels. */
  muted: '#999',
  /** $color-border: grid lines. */
  grid: '#d9d9d9',
} as const;

/** Which token each colour mirrors. */
export const CHART_COLOR_TOKENS: Record<keyof typeof CHART_COLORS, string> = {
  primary: 'color-primary',
  band: 'color-primary-bg',
  danger: 'color-danger',
  muted: 'color-text-muted',
  grid: 'color-border',
};
