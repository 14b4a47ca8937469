export default definePageConfig({ navigationBarTitleText: '人工审核' })
