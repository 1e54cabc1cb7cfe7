export default definePageConfig({ navigationBarTitleText: '校准结果' });
