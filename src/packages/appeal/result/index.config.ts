export default definePageConfig({ navigationBarTitleText: '质检结果与申诉' });
