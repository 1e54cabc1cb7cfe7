export default definePageConfig({ navigationBarTitleText: '用户与邀请' });
