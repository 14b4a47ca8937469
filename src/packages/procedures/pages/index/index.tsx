import { Text, View } from '@tarojs/components'

// placeholder until the page lands (issue 14)
export default function Page() {
  return (
    <View className="page">
      <Text>就业手续</Text>
    </View>
  )
}
