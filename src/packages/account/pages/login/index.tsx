import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { issuesToFields as fieldErrors } from '../../../../components/form'
import { PasswordLoginRequest } from '../../../../contracts/auth'
import {
  devOpenid,
  loginWithPassword,
  loginWithWechat,
  newDevOpenid,
  WECHAT_LOGIN,
} from '../../../../services/auth'
import { fetchBindingStatus } from '../../../../services/binding'
import { asApiError } from '../../../../services/request'
import { BIND_PAGE, ME_TAB } from '../../../../services/routes'
import type { Session } from '../../../../services/session'
import './index.css'

async function leaveLoginPage(): Promise<void> {
  if (Taro.getCurrentPages().length > 1) await Taro.navigateBack()
  else await Taro.switchTab({ url: ME_TAB })
}

/**
 * First launch: 授权登录 → 绑定学籍. A student who is neither bound nor waiting for a manual review goes
 * straight on to binding; everyone else back to where they came from.
 */
async function afterWechatLogin(session: Session): Promise<void> {
  if (session.user.role === 'student') {
    const status = await fetchBindingStatus({ toast: false }).catch(() => null)
    if (status && !status.verified && status.review?.status !== 'pending') {
      await Taro.redirectTo({ url: BIND_PAGE })
      return
    }
  }
  await leaveLoginPage()
}

/**
 * Login: WeChat (授权登录) for students — in the mini-program, and in dev/test H5 builds through the fake
 * WeChat's dev codes — and account + password for staff consoles in H5 and demo accounts anywhere.
 */
export default function LoginPage() {
  const [openid, setOpenid] = useState(() => (WECHAT_LOGIN === 'dev' ? devOpenid() : ''))
  const [wechatBusy, setWechatBusy] = useState(false)
  const [wechatError, setWechatError] = useState<string | null>(null)
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [fields, setFields] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    setMessage(null)
    // the API's own schema: empty or over-long fields are marked without a round trip
    const input = PasswordLoginRequest.safeParse({ login, password })
    if (!input.success) {
      setFields(fieldErrors(input.error.issues))
      return
    }
    setFields({})
    setBusy(true)
    try {
      await loginWithPassword(input.data.login, input.data.password)
      void Taro.showToast({ title: '登录成功', icon: 'success' })
      await leaveLoginPage()
    } catch (e) {
      const err = asApiError(e, '登录失败，请稍后再试')
      setFields(err.fields ?? {})
      setMessage(err.message)
    } finally {
      setBusy(false)
    }
  }

  const wechatLogin = async () => {
    if (wechatBusy) return
    setWechatError(null)
    setWechatBusy(true)
    try {
      const { session } = await loginWithWechat()
      void Taro.showToast({ title: '登录成功', icon: 'success' })
      await afterWechatLogin(session)
    } catch (e) {
      setWechatError(asApiError(e, '微信登录失败，请稍后再试').message)
    } finally {
      setWechatBusy(false)
    }
  }

  return (
    <View className="page login">
      {WECHAT_LOGIN && (
        <View className="card login__wechat">
          <Text className="login__wechat-title">学生登录</Text>
          <Text className="login__hint">使用微信授权登录，首次登录后绑定学籍即可办理就业手续</Text>
          <Button
            className="btn login__wechat-button e2e-login-wechat"
            loading={wechatBusy}
            disabled={wechatBusy}
            onClick={() => void wechatLogin()}
          >
            {WECHAT_LOGIN === 'dev' ? '微信授权登录（开发）' : '微信授权登录'}
          </Button>
          {WECHAT_LOGIN === 'dev' && (
            <View className="login__dev">
              <Text className="login__dev-id e2e-login-dev-openid">开发用微信身份：{openid}</Text>
              <Text
                className="link e2e-login-wechat-switch"
                onClick={() => {
                  setOpenid(newDevOpenid())
                  setWechatError(null)
                }}
              >
                换一个微信用户
              </Text>
            </View>
          )}
          {wechatError && <Text className="login__error e2e-login-wechat-error">{wechatError}</Text>}
        </View>
      )}
      <Text className="login__title">账号登录</Text>
      <Text className="login__hint">学校老师、用人单位和演示账号使用账号密码登录</Text>
      <View className="card">
        <Text className="login__label">账号</Text>
        <Input
          className="login__input e2e-login-account"
          placeholder="请输入账号"
          value={login}
          maxlength={64}
          onInput={(e) => setLogin(e.detail.value)}
        />
        {fields.login && <Text className="login__field-error e2e-login-account-error">{fields.login}</Text>}
        <Text className="login__label">密码</Text>
        <Input
          className="login__input e2e-login-password"
          placeholder="请输入密码"
          password
          value={password}
          maxlength={128}
          onInput={(e) => setPassword(e.detail.value)}
          onConfirm={() => void submit()}
        />
        {fields.password && (
          <Text className="login__field-error e2e-login-password-error">{fields.password}</Text>
        )}
      </View>
      {message && <Text className="login__error e2e-login-error">{message}</Text>}
      <Button
        className="btn btn--primary e2e-login-submit"
        loading={busy}
        disabled={busy}
        onClick={() => void submit()}
      >
        登录
      </Button>
    </View>
  )
}
