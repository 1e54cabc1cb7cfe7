export default definePageConfig({ navigationBarTitleText: '定期回顾报告' });
