export default definePageConfig({ navigationBarTitleText: '生源信息核对' })
