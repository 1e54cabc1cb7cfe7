export default definePageConfig({ navigationBarTitleText: '热点话题', enablePullDownRefresh: true });
