export default definePageConfig({ navigationBarTitleText: '满意度驱动因素', enablePullDownRefresh: true });
