import { Text, View } from '@tarojs/components'

// placeholder until the page lands (issue 15)
export default function Page() {
  return (
    <View className="page">
      <Text>发起签约</Text>
    </View>
  )
}
