/**
 * The names of the red-line model (red-line.model.ts) without the model: the red lines it judges
 * (its heads, in the model file's order) and the models a scorecard may name. Plain data, so the
 * scoring operator and the settings pages (which read the operators' parameters) do not load the
 * model file.
 */
export const RED_LINE_HEADS = ['rude', 'off-platform', 'review-reward'] as const;
export type RedLineHead = (typeof RED_LINE_HEADS)[number];

/**
 * `l1` read by scorecard v7 (models/red-lines.l1.json), `l2` by v8 (models/red-lines.l2.json), `l3` by
 * v9 on (models/red-lines.json, the latest).
 */
export const RED_LINE_MODELS = ['l1', 'l2', 'l3'] as const;
export type RedLineModelName = (typeof RED_LINE_MODELS)[number];
export const LATEST_RED_LINE_MODEL = 'l3' satisfies RedLineModelName;
