import type { AppealItemStatus, AppealStatus } from '@core/inspection/appeal.model';

export const ITEM_STATUS: Record<AppealItemStatus, string> = {
  pending: '待裁决',
  upheld: '维持原判',
  overturned: '已撤销扣分',
  partly: '部分调整',
  expired: '逾期未裁决（维持）',
};

export const APPEAL_STATUS: Record<AppealStatus, string> = { open: '待裁决', decided: '已裁决', expired: '已逾期' };
