import { Text, View } from '@tarojs/components'

// placeholder until the page lands (issue 15)
export default function Page() {
  return (
    <View className="page">
      <Text>三方协议</Text>
    </View>
  )
}
