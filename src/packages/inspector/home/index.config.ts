export default definePageConfig({ navigationBarTitleText: '待复核会话', enablePullDownRefresh: true });
