export default definePageConfig({ navigationBarTitleText: '简历预览' })
