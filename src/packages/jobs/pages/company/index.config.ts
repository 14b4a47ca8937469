export default definePageConfig({ navigationBarTitleText: '单位主页' })
