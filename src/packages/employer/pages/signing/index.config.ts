export default definePageConfig({ navigationBarTitleText: '签约管理' })
