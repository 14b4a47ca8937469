export default definePageConfig({ navigationBarTitleText: '上传空白协议' })
