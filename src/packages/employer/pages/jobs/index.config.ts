export default definePageConfig({ navigationBarTitleText: '职位管理' })
