export default definePageConfig({ navigationBarTitleText: '学籍审核', enablePullDownRefresh: true })
