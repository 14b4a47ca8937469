import { Text, View } from '@tarojs/components'

// PLACEHOLDER (H3 replaces this page)
export default function Page() {
  return (
    <View className="page">
      <Text>我的简历</Text>
    </View>
  )
}
