export default definePageConfig({ navigationBarTitleText: '质检告警', enablePullDownRefresh: true });
