export default definePageConfig({ navigationBarTitleText: '接入来源' });
