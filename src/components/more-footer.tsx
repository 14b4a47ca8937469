import { Text } from '@tarojs/components'
import './more-footer.css'

/** Under a keyset list: 加载更多 while there is a next page, 没有更多了 after the last one. */
export function MoreFooter(props: {
  list: { items: unknown[] | null; cursor: string | null; loadingMore: boolean; more: () => Promise<void> }
}) {
  const { items, cursor, loadingMore, more } = props.list
  if (!items || items.length === 0) return null
  if (!cursor) return <Text className="list-more">没有更多了</Text>
  return (
    <Text className="list-more list-more--action e2e-load-more" onClick={() => void more()}>
      {loadingMore ? '加载中…' : '加载更多'}
    </Text>
  )
}
