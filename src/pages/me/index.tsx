import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { fetchMe, logout } from '../../services/auth'
import { ROLE_LABELS } from '../../services/format'
import { LOGIN_PAGE } from '../../services/routes'
import { getSession, saveSession } from '../../services/session'
import { showUnreadBadge } from '../../services/tab-badge'
import { useSession } from '../../services/use-session'
import './index.css'

export default function MePage() {
  const session = useSession()

  // the stored profile may be stale (renamed, role changed): refresh it whenever the tab shows
  useDidShow(() => {
    const s = getSession()
    if (!s) return
    fetchMe()
      .then(({ user }) => {
        const now = getSession()
        if (now && JSON.stringify(now.user) !== JSON.stringify(user)) {
          saveSession({
            accessToken: now.accessToken,
            refreshToken: now.refreshToken,
            expiresIn: Math.max(1, Math.round((now.expiresAt - Date.now()) / 1000)),
            user,
          })
        }
      })
      .catch(() => undefined)
  })

  const onLogout = async () => {
    const r = await Taro.showModal({ title: '退出登录', content: '确定要退出当前账号吗？' })
    if (!r.confirm) return
    await logout()
    showUnreadBadge(0)
    void Taro.showToast({ title: '已退出登录', icon: 'none' })
  }

  if (!session) {
    return (
      <View className="page">
        <View className="card me-card">
          <Text className="me-card__name">未登录</Text>
          <Text className="me-card__role">登录后可查看个人信息与办理就业手续</Text>
          <Button
            className="btn btn--primary me-card__action e2e-me-login"
            onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}
          >
            登录
          </Button>
        </View>
      </View>
    )
  }
  const u = session.user
  return (
    <View className="page">
      <View className="card me-card">
        <Text className="me-card__name e2e-me-name">{u.displayName}</Text>
        <Text className="me-card__role e2e-me-role">{ROLE_LABELS[u.role] ?? u.role}</Text>
      </View>
      <Button className="btn btn--danger e2e-me-logout" onClick={() => void onLogout()}>
        退出登录
      </Button>
    </View>
  )
}
