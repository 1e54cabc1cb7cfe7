export default definePageConfig({ navigationBarTitleText: '死信' });
