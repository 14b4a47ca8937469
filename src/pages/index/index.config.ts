export default definePageConfig({ navigationBarTitleText: '校园就业' })
