export default definePageConfig({ navigationBarTitleText: '解约办理' })
