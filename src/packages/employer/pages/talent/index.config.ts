export default definePageConfig({ navigationBarTitleText: '人才搜索' })
