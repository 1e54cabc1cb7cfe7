export default definePageConfig({ navigationBarTitleText: '抽检计划' });
