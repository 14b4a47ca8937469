export default definePageConfig({ navigationBarTitleText: '简历详情' })
