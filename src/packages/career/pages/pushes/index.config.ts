export default definePageConfig({ navigationBarTitleText: '我的推送', enablePullDownRefresh: true })
