import { Text, View } from '@tarojs/components'

// PLACEHOLDER (H1 replaces this page)
export default function Page() {
  return (
    <View className="page">
      <Text>职位详情</Text>
    </View>
  )
}
