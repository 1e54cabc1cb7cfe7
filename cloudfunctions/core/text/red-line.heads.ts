/**
 * The names of the red-line model (red-line.model.ts) without the model: the red lines it judges
 * (its heads, in the model file's order) and the models a scorecard may name. Plain data, so the
 * scoring operator and the settings pages (which read the operators' parameters) do not load the
 * model file.
 */
export const RED_LINE_HEADS = ['rude', 'off-platform', 'review-reward'] as const;
export type RedLineHead = (typeof RED_LINE_HEADS)[number];

export const RED_LINE_MODELS = ['l1'] as const;
export type RedLineModelName = (typeof RED_LINE_MODELS)[number];
