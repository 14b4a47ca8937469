import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { FormField, issuesToFields, KeyValue, Notice, TextField } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { type BindingStatus, DEGREE_LEVEL_LABELS } from '../../../../contracts/binding'
import { type Profile, ProfileUpdate } from '../../../../contracts/profile'
import { fetchBindingStatus } from '../../../../services/binding'
import { pickOneImage } from '../../../../services/pick-image'
import { fetchProfile, revealIdCard, saveProfile, uploadAvatar } from '../../../../services/profile'
import { asApiError } from '../../../../services/request'
import { BIND_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import '../../profile.css'

interface Form {
  phone: string
  email: string
  hometown: string
  intro: string
}

function toForm(p: Profile): Form {
  return { phone: p.phone ?? '', email: p.email ?? '', hometown: p.hometown ?? '', intro: p.intro ?? '' }
}

/** The masked ID number; 查看 asks the API for the full one (owner only, logged), 隐藏 forgets it. */
function IdCardValue({ masked }: { masked: string }) {
  const [full, setFull] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const toggle = async () => {
    if (full) {
      setFull(null)
      return
    }
    if (busy) return
    setBusy(true)
    try {
      setFull((await revealIdCard()).idCard)
    } catch {
      // the wrapper toasted why
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="profile__id">
      <Text className="e2e-profile-id-card">{full ?? masked}</Text>
      <Text className="link e2e-profile-id-card-toggle" onClick={() => void toggle()}>
        {full ? '隐藏' : '查看'}
      </Text>
    </View>
  )
}

/** 个人资料: the roster record (read-only, corrected only by the school), avatar and the editable fields. */
export default function ProfileEditPage() {
  const session = useSession()
  const [profile, setProfile] = useState<Profile | null>(null)
  const [binding, setBinding] = useState<BindingStatus | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [form, setForm] = useState<Form | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)
  const isStudent = session?.user.role === 'student'

  const load = async () => {
    if (!isStudent) return
    setLoadError(null)
    try {
      const [p, b] = await Promise.all([fetchProfile(), fetchBindingStatus({ toast: false })])
      setProfile(p.profile)
      setBinding(b)
      setForm((f) => f ?? toForm(p.profile))
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }
  useDidShow(() => void load())

  const set = (key: keyof Form, value: string) => {
    setForm((f) => (f ? { ...f, [key]: value } : f))
    if (fields[key]) setFields((f) => ({ ...f, [key]: '' }))
  }

  const save = async () => {
    if (!form || saving) return
    setMessage(null)
    const blankToNull = (v: string) => (v.trim() ? v.trim() : null)
    const input = ProfileUpdate.safeParse({
      phone: blankToNull(form.phone),
      email: blankToNull(form.email),
      hometown: blankToNull(form.hometown),
      intro: blankToNull(form.intro),
    })
    if (!input.success) {
      setFields(issuesToFields(input.error.issues))
      return
    }
    setFields({})
    setSaving(true)
    try {
      const r = await saveProfile(input.data)
      setProfile(r.profile)
      setForm(toForm(r.profile))
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      const err = asApiError(e, '保存失败，请稍后再试')
      setFields(err.fields ?? {})
      setMessage(err.message)
    } finally {
      setSaving(false)
    }
  }

  const changeAvatar = async () => {
    if (uploading) return
    const path = await pickOneImage()
    if (!path) return
    setUploading(true)
    try {
      const { avatarUrl } = await uploadAvatar(path)
      setProfile((p) => (p ? { ...p, avatarUrl } : p))
      void Taro.showToast({ title: '头像已更新', icon: 'success' })
    } catch {
      // the wrapper toasted why (format, size, network)
    } finally {
      setUploading(false)
    }
  }

  const gate = roleGate(session, ['student'], {
    title: '仅学生账号可用',
    hint: '个人资料与隐私设置面向学生',
  })
  if (gate || !session) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!profile || !binding || !form) return <Loading />

  const r = binding.record
  const name = r?.name ?? session.user.displayName
  return (
    <View className="page">
      <View className="card profile__avatar-row">
        <View className="profile__avatar">
          {profile.avatarUrl ? (
            <Image
              className="profile__avatar-img e2e-profile-avatar"
              src={profile.avatarUrl}
              mode="aspectFill"
            />
          ) : (
            <Text className="profile__avatar-letter">{name.slice(0, 1)}</Text>
          )}
        </View>
        <Text className="link e2e-profile-avatar-change" onClick={() => void changeAvatar()}>
          {uploading ? '上传中…' : '更换头像'}
        </Text>
      </View>

      <View className="section-title">
        <Text>学籍信息</Text>
      </View>
      {r ? (
        <>
          <Text className="profile__note">学籍信息来自学校生源库，如有误请联系学校就业部门更正。</Text>
          <View className="card e2e-profile-record">
            <KeyValue k="姓名" v={<Text className="e2e-profile-name">{r.name}</Text>} />
            <KeyValue k="学校" v={r.schoolName} />
            <KeyValue k="学院" v={r.college} />
            <KeyValue k="专业" v={r.major} />
            <KeyValue k="学历层次" v={DEGREE_LEVEL_LABELS[r.degreeLevel]} />
            <KeyValue k="毕业年份" v={String(r.graduationYear)} />
            <KeyValue k="学号" v={<Text className="e2e-profile-student-number">{r.studentNumber}</Text>} />
            <KeyValue k="身份证号" v={<IdCardValue masked={r.idCardMasked} />} />
          </View>
        </>
      ) : (
        <Notice
          kind="info"
          title={binding.verified ? '已通过人工审核' : '尚未绑定学籍'}
          lines={[binding.verified ? '你的身份已人工核验。' : '绑定学籍后，这里显示你在学校生源库中的信息。']}
        >
          {!binding.verified && (
            <Text className="link" onClick={() => Taro.navigateTo({ url: BIND_PAGE })}>
              去绑定学籍
            </Text>
          )}
        </Notice>
      )}

      <View className="section-title">
        <Text>基本资料</Text>
      </View>
      {message && <Notice kind="error" className="e2e-profile-error" lines={[message]} />}
      <View className="card">
        <TextField
          label="手机号"
          name="phone"
          optional
          error={fields.phone}
          inputClassName="e2e-profile-phone"
          type="number"
          placeholder="11位手机号"
          value={form.phone}
          maxlength={11}
          onInput={(v) => set('phone', v)}
        />
        <TextField
          label="邮箱"
          name="email"
          optional
          error={fields.email}
          inputClassName="e2e-profile-email"
          placeholder="常用邮箱"
          value={form.email}
          maxlength={100}
          onInput={(v) => set('email', v)}
        />
        <TextField
          label="籍贯"
          name="hometown"
          optional
          error={fields.hometown}
          inputClassName="e2e-profile-hometown"
          placeholder="如 北京市海淀区"
          value={form.hometown}
          maxlength={100}
          onInput={(v) => set('hometown', v)}
        />
        <FormField label="个人简介" name="intro" optional error={fields.intro}>
          <Textarea
            className="form-field__textarea e2e-profile-intro"
            placeholder="简单介绍自己（500字以内）"
            value={form.intro}
            maxlength={500}
            onInput={(e) => set('intro', e.detail.value)}
          />
        </FormField>
      </View>
      <Button
        className="btn btn--primary e2e-profile-save"
        loading={saving}
        disabled={saving}
        onClick={() => void save()}
      >
        保存
      </Button>
    </View>
  )
}
