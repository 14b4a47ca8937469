export default definePageConfig({ navigationBarTitleText: '签约中心' })
