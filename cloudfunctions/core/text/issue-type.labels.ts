/** The issue types a customer contacts us about (shared by the classifier, its seed set and the pages). */
export const ISSUE_TYPES = [
  'logistics',
  'refund',
  'exchange',
  'product',
  'repair',
  'complaint',
  'account',
  'other',
] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

/** Display names for the mini-program. */
export const ISSUE_TYPE_NAMES: Record<IssueType, string> = {
  logistics: '物流配送',
  refund: '退款退货',
  exchange: '换货',
  product: '商品咨询',
  repair: '售后维修',
  complaint: '投诉',
  account: '账户与支付',
  other: '其他',
};

/** Bounds of an admin's example line: long enough to carry a topic, short enough to be one line. */
export const EXAMPLE_MIN_CHARS = 2;
export const EXAMPLE_MAX_CHARS = 200;
