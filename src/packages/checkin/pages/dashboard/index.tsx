// PLACEHOLDER (E5 replaces this page)
import { Text, View } from '@tarojs/components'

export default function Page() {
  return (
    <View className="page">
      <Text>签到统计</Text>
    </View>
  )
}
