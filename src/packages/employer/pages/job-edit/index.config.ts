export default definePageConfig({ navigationBarTitleText: '编辑职位' })
