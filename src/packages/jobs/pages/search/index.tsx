import { Text, View } from '@tarojs/components'

// PLACEHOLDER (H2 replaces this page)
export default function Page() {
  return (
    <View className="page">
      <Text>搜索职位</Text>
    </View>
  )
}
