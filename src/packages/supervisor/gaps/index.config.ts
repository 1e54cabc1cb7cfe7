export default definePageConfig({ navigationBarTitleText: '知识缺口' });
