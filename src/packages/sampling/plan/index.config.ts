export default definePageConfig({ navigationBarTitleText: '计划详情' });
