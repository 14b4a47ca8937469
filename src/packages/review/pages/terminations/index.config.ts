export default definePageConfig({ navigationBarTitleText: '解约管理' })
