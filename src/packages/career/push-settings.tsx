import { Switch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ChoiceChips, FormField, labelOptions } from '../../components/form'
import { SubscribePrompt } from '../../components/subscribe-prompt'
import {
  PUSH_MODE_LABELS,
  type PushMode,
  type PushSettings,
  WECHAT_KIND_LABELS,
  type WechatKind,
} from '../../contracts/push'
import { fetchPushSettings, savePushSettings } from '../../services/push'
import { PUSHES_PAGE } from '../../services/routes'

/**
 * 推送设置 on the 求职意向 page: 即时推送 or 每日汇总 (08:00), 免打扰 22:00–08:00, and which kinds of
 * message may reach the student in WeChat. Each change is saved at once (a whole replacement, so a
 * resend is harmless); a refused save puts the shown settings back.
 */
export function PushSettingsSection({ refresh }: { refresh: number }) {
  const [settings, setSettings] = useState<PushSettings | null>(null)
  const [saving, setSaving] = useState(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the page shows again
  useEffect(() => {
    fetchPushSettings({ toast: false })
      .then((r) => setSettings(r.settings))
      .catch(() => setSettings(null))
  }, [refresh])

  if (!settings) return null

  const save = async (next: PushSettings) => {
    if (saving) return
    const before = settings
    setSettings(next)
    setSaving(true)
    try {
      const r = await savePushSettings({
        mode: next.mode,
        quietHours: next.quietHours,
        wechatKinds: next.wechatKinds,
      })
      setSettings(r.settings)
      void Taro.showToast({ title: '推送设置已保存', icon: 'none' })
    } catch {
      setSettings(before) // the wrapper toasted why
    } finally {
      setSaving(false)
    }
  }

  const toggleKind = (k: WechatKind) =>
    void save({
      ...settings,
      wechatKinds: settings.wechatKinds.includes(k)
        ? settings.wechatKinds.filter((x) => x !== k)
        : [...settings.wechatKinds, k],
    })

  return (
    <View className="card e2e-push-settings">
      <View className="intention__row">
        <Text className="intention__title">推送设置</Text>
        <Text
          className="intention__link e2e-open-pushes"
          onClick={() => Taro.navigateTo({ url: PUSHES_PAGE })}
        >
          我的推送 ›
        </Text>
      </View>
      <FormField label="推送方式" name="pushMode">
        <ChoiceChips<PushMode>
          name="push-mode"
          options={labelOptions(PUSH_MODE_LABELS)}
          value={settings.mode}
          onChange={(mode) => mode && void save({ ...settings, mode })}
        />
      </FormField>
      <Text className="intention__hint">
        {settings.mode === 'digest' ? '每天 8:00 汇总一次前一天的新职位' : '有符合意向的新职位时立即通知'}
      </Text>
      <View className="intention__row">
        <View className="intention__text">
          <Text className="intention__title">免打扰（22:00–08:00）</Text>
          <Text className="intention__hint">
            夜间的职位推荐推迟到早上 8:00 再通过微信发送，「我的推送」照常
          </Text>
        </View>
        <Switch
          className="e2e-push-quiet-hours"
          checked={settings.quietHours}
          color="#1f6feb"
          disabled={saving}
          onChange={(e) => void save({ ...settings, quietHours: e.detail.value })}
        />
      </View>
      <SubscribePrompt moment="push" label="开启职位推荐通知（微信）" />
      <FormField label="通过微信通知我" name="wechatKinds">
        <View className="chips e2e-push-kinds">
          {labelOptions(WECHAT_KIND_LABELS).map((o) => (
            <Text
              key={o.value}
              className={`chip e2e-push-kind-${o.value} ${settings.wechatKinds.includes(o.value) ? 'chip--active' : ''}`}
              onClick={() => toggleKind(o.value)}
            >
              {o.label}
            </Text>
          ))}
        </View>
      </FormField>
    </View>
  )
}
