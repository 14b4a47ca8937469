export default definePageConfig({ navigationBarTitleText: '核签明细' })
