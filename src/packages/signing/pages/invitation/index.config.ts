export default definePageConfig({ navigationBarTitleText: '签约邀请' })
