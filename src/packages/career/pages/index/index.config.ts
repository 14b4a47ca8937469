export default definePageConfig({ navigationBarTitleText: '求职' })
