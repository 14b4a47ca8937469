import { Switch, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import type { Privacy } from '../../../../contracts/profile'
import { fetchProfile, savePrivacy } from '../../../../services/profile'
import { useSession } from '../../../../services/use-session'
import '../../profile.css'

const SETTINGS: ReadonlyArray<{ key: keyof Privacy; title: string; hint: string; e2e: string }> = [
  {
    key: 'resumeSearchable',
    title: '允许用人单位搜索到我的简历',
    hint: '开启后，用人单位可在人才库中搜索并查看你的简历；关闭后只有你投递过的单位能看到。',
    e2e: 'e2e-privacy-resume',
  },
  {
    key: 'phoneVisible',
    title: '向用人单位显示手机号',
    hint: '关闭后，用人单位看不到你的手机号，只能通过平台消息联系你。',
    e2e: 'e2e-privacy-phone',
  },
]

/** 隐私设置: each switch saves at once; a failed save puts the switch back. */
export default function PrivacyPage() {
  const session = useSession()
  const [privacy, setPrivacy] = useState<Privacy | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [saving, setSaving] = useState<keyof Privacy | null>(null)
  const isStudent = session?.user.role === 'student'

  const load = async () => {
    if (!isStudent) return
    setLoadError(null)
    try {
      setPrivacy((await fetchProfile()).privacy)
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }
  useDidShow(() => void load())

  const change = async (key: keyof Privacy, value: boolean) => {
    if (!privacy || saving) return
    const before = privacy
    setPrivacy({ ...privacy, [key]: value })
    setSaving(key)
    try {
      const r = await savePrivacy({ [key]: value })
      setPrivacy(r.privacy)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch {
      setPrivacy(before) // the wrapper toasted why
    } finally {
      setSaving(null)
    }
  }

  const gate = roleGate(session, ['student'], {
    title: '仅学生账号可用',
    hint: '个人资料与隐私设置面向学生',
  })
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!privacy) return <Loading />
  return (
    <View className="page">
      <View className="card">
        {SETTINGS.map((s) => (
          <View key={s.key} className={`privacy__row ${s.e2e}`}>
            <View className="privacy__text">
              <Text className="privacy__title">{s.title}</Text>
              <Text className="privacy__hint">{s.hint}</Text>
            </View>
            <Switch
              className={`privacy__switch ${s.e2e}-switch`}
              checked={privacy[s.key]}
              disabled={saving !== null}
              color="#1f6feb"
              onChange={(e) => void change(s.key, e.detail.value)}
            />
          </View>
        ))}
      </View>
    </View>
  )
}
