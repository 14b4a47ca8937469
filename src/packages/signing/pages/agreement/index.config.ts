export default definePageConfig({ navigationBarTitleText: '三方协议' })
