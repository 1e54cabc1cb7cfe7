export default definePageConfig({ navigationBarTitleText: '回测评分卡草稿' });
