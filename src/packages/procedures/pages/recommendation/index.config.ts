export default definePageConfig({ navigationBarTitleText: '就业推荐表' })
