export default definePageConfig({ navigationBarTitleText: '协议验真' })
