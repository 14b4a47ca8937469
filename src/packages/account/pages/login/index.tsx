import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { PasswordLoginRequest } from '../../../../contracts/auth'
import { loginWithPassword } from '../../../../services/auth'
import { ApiError } from '../../../../services/request'
import './index.css'

function fieldErrors(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const i of issues) {
    const key = String(i.path[0] ?? '')
    if (key && !out[key]) out[key] = i.message
  }
  return out
}

/** Account + password login: staff consoles in H5, and demo accounts anywhere. */
export default function LoginPage() {
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
      if (Taro.getCurrentPages().length > 1) await Taro.navigateBack()
      else await Taro.switchTab({ url: '/pages/me/index' })
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('client_error', '登录失败，请稍后再试', 0)
      setFields(err.fields ?? {})
      setMessage(err.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="page login">
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
