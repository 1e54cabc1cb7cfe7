export default definePageConfig({ navigationBarTitleText: '规则准确率' });
