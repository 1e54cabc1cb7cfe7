export default definePageConfig({ navigationBarTitleText: '质检复核' });
