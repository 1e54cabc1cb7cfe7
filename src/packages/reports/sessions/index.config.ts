export default definePageConfig({ navigationBarTitleText: '报表明细', enablePullDownRefresh: true });
