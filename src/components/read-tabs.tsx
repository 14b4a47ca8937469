import { Button, Text, View } from '@tarojs/components'
import './read-tabs.css'

export type ReadTab = 'all' | 'unread'

/**
 * 全部 | 未读 n, and 全部已读 while anything is unread: the head of the inbox and of 我的推送.
 * `e2e` names the list in the test hooks (`e2e-<name>-tab-unread`, `e2e-<name>-read-all`).
 */
export function ReadTabs(props: {
  e2e: string
  order: readonly ReadTab[]
  tab: ReadTab
  unread: number
  marking: boolean
  onChoose: (t: ReadTab) => void
  onReadAll: () => void
}) {
  return (
    <View className="read-tabs">
      {props.order.map((t) => (
        <Text
          key={t}
          className={`read-tabs__tab e2e-${props.e2e}-tab-${t} ${props.tab === t ? 'read-tabs__tab--on' : ''}`}
          onClick={() => props.onChoose(t)}
        >
          {t === 'all' ? '全部' : `未读${props.unread > 0 ? ` ${props.unread}` : ''}`}
        </Text>
      ))}
      {props.unread > 0 && (
        <Button
          className={`btn read-tabs__read-all e2e-${props.e2e}-read-all`}
          disabled={props.marking}
          onClick={props.onReadAll}
        >
          全部已读
        </Button>
      )}
    </View>
  )
}
