export default definePageConfig({ navigationBarTitleText: '实时会话', enablePullDownRefresh: true });
