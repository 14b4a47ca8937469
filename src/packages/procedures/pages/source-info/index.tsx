import { Text, View } from '@tarojs/components'

// placeholder until the page lands (issue 14)
export default function Page() {
  return (
    <View className="page">
      <Text>生源信息核对</Text>
    </View>
  )
}
