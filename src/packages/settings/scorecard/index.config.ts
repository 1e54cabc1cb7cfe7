export default definePageConfig({ navigationBarTitleText: '编辑评分卡' });
