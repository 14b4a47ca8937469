export default definePageConfig({ navigationBarTitleText: '信息纠错' })
