export default definePageConfig({ navigationBarTitleText: '绑定学籍' })
