import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { EmptyState } from '../../components/state-views'
import { LOGIN_PAGE } from '../../services/routes'
import type { Session } from '../../services/session'

/** Profile and privacy belong to students; anyone else sees why the page is empty. */
export function StudentOnly({ session }: { session: Session | null }) {
  if (!session) {
    return (
      <View className="page">
        <EmptyState
          title="请先登录"
          actionText="去登录"
          onAction={() => Taro.navigateTo({ url: LOGIN_PAGE })}
        />
      </View>
    )
  }
  return (
    <View className="page">
      <EmptyState title="仅学生账号可用" hint="个人资料与隐私设置面向学生" />
    </View>
  )
}
