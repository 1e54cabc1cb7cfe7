export default definePageConfig({ navigationBarTitleText: '通用设置' });
