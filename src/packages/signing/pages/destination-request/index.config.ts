export default definePageConfig({ navigationBarTitleText: '去向变更申请' })
