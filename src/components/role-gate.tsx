import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AppRole } from '../contracts/auth'
import { LOGIN_PAGE } from '../services/routes'
import type { Session } from '../services/session'
import { EmptyState } from './state-views'

/**
 * What a page shows instead of itself when nobody is signed in (a way to log in) or the signed-in
 * role may not use it (why not). Returns null when the page may render.
 */
export function roleGate(
  session: Session | null,
  roles: readonly AppRole[],
  denied: { title: string; hint?: string },
  login: { hint?: string; actionClassName?: string } = {},
) {
  if (!session) {
    return (
      <View className="page">
        <EmptyState
          title="请先登录"
          hint={login.hint}
          actionText="去登录"
          actionClassName={login.actionClassName}
          onAction={() => Taro.navigateTo({ url: LOGIN_PAGE })}
        />
      </View>
    )
  }
  if (!roles.includes(session.user.role)) {
    return (
      <View className="page">
        <EmptyState title={denied.title} hint={denied.hint} />
      </View>
    )
  }
  return null
}
