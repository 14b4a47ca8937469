export default definePageConfig({ navigationBarTitleText: '就业手续' })
