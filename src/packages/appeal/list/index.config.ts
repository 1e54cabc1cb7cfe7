export default definePageConfig({ navigationBarTitleText: '申诉', enablePullDownRefresh: true });
