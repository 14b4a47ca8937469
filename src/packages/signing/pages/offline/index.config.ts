export default definePageConfig({ navigationBarTitleText: '录入协议' })
