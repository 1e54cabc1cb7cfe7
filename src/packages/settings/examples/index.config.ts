export default definePageConfig({ navigationBarTitleText: '问题类型样例', enablePullDownRefresh: true });
