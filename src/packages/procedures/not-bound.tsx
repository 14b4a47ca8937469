import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { EmptyState } from '../../components/state-views'
import { BIND_PAGE } from '../../services/routes'

/** The page of a student who has not bound their student record yet (`bind`: with the way to 绑定学籍). */
export function NotBound({ hint, bind = true }: { hint: string; bind?: boolean }) {
  return (
    <View className="page">
      {bind ? (
        <EmptyState
          className="e2e-proc-not-bound"
          title="请先绑定学籍"
          hint={hint}
          actionText="去绑定学籍"
          onAction={() => Taro.navigateTo({ url: BIND_PAGE })}
        />
      ) : (
        <EmptyState title="请先绑定学籍" hint={hint} />
      )}
    </View>
  )
}
