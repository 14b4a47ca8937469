import { Text, View } from '@tarojs/components'

// PLACEHOLDER (H5 replaces this page)
export default function Page() {
  return (
    <View className="page">
      <Text>求职</Text>
    </View>
  )
}
