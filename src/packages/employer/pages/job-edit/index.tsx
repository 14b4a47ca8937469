import { Text, View } from '@tarojs/components'

// PLACEHOLDER (H1 replaces this page)
export default function Page() {
  return (
    <View className="page">
      <Text>编辑职位</Text>
    </View>
  )
}
