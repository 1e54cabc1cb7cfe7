export default definePageConfig({ navigationBarTitleText: '相关会话' });
