export default definePageConfig({ navigationBarTitleText: '全部会话', enablePullDownRefresh: true });
