import { Text, View } from '@tarojs/components'

// PLACEHOLDER (issue 15, being built): replaced by the page's real content
export default function Page() {
  return (
    <View className="page">
      <Text>解约办理</Text>
    </View>
  )
}
