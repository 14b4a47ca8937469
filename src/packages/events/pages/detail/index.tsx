// PLACEHOLDER (E4 replaces this page)
import { Text, View } from '@tarojs/components'

export default function Page() {
  return (
    <View className="page">
      <Text>活动详情</Text>
    </View>
  )
}
