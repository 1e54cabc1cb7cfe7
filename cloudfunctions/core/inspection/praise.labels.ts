/**
 * The short labels a reviewer's praise can carry (issue 16), in a module of its own so the
 * review screen can list them without bundling the review model.
 */
export const PRAISE_LABELS = ['安抚到位', '解决彻底', '主动跟进', '话术专业'] as const;
export type PraiseLabel = (typeof PRAISE_LABELS)[number];
