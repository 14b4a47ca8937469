export default definePageConfig({ navigationBarTitleText: '收到的简历' })
