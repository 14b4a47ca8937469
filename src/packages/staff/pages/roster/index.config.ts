export default definePageConfig({ navigationBarTitleText: '生源导入' })
