import { Button, Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Notice } from '../../components/form'
import {
  assignEventStaff,
  downloadPosterCode,
  listEventStaff,
  unassignEventStaff,
} from '../../services/events-admin'
import { asApiError } from '../../services/request'

type EventStaffMember = { userId: string; displayName: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The fair staff who scan at the gates: assigned by their account id (the 现场工作人员 account's
 * id, which its holder reads on 我的); only fair-staff accounts of this school (or of none) can be.
 */
export function EventStaff({ eventId }: { eventId: string }) {
  const [items, setItems] = useState<EventStaffMember[] | null>(null)
  const [userId, setUserId] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    listEventStaff(eventId)
      .then((r) => setItems(r.items))
      .catch((e) => setError(asApiError(e, '加载失败').message))
  }, [eventId])

  const add = async () => {
    const id = userId.trim()
    if (!UUID.test(id)) {
      setError('请填写工作人员的账号编号')
      return
    }
    setBusy(true)
    setError(null)
    try {
      const r = await assignEventStaff(eventId, id)
      setItems(r.items)
      setUserId('')
      if (!r.items.some((m) => m.userId === id)) setError('该账号不是本校可分配的现场工作人员')
    } catch (e) {
      const err = asApiError(e, '分配失败')
      setError(err.status === 403 ? '该账号不是本校可分配的现场工作人员' : err.message)
    } finally {
      setBusy(false)
    }
  }

  const remove = async (m: EventStaffMember) => {
    setBusy(true)
    try {
      setItems((await unassignEventStaff(eventId, m.userId)).items)
    } catch {
      // toasted by the wrapper
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card e2e-admin-staff">
      <Text className="admin-section__title">现场工作人员</Text>
      {items?.length === 0 && <Text className="admin-event__meta">还没有分配工作人员</Text>}
      {items?.map((m) => (
        <View key={m.userId} className="admin-inline e2e-admin-staff-member">
          <Text className="admin-inline__text">{m.displayName || m.userId}</Text>
          <Text className="link e2e-admin-staff-remove" onClick={() => void remove(m)}>
            移除
          </Text>
        </View>
      ))}
      <View className="admin-inline">
        <Input
          className="admin-inline__input e2e-admin-staff-id"
          placeholder="工作人员账号编号"
          value={userId}
          maxlength={36}
          onInput={(e) => setUserId(e.detail.value)}
        />
        <Button
          className="btn btn--primary e2e-admin-staff-add"
          size="mini"
          disabled={busy}
          onClick={() => void add()}
        >
          分配
        </Button>
      </View>
      {error && <Notice kind="error" className="e2e-admin-staff-error" lines={[error]} />}
    </View>
  )
}

/** The mini-program code for posters: scanning it opens the event's page in WeChat. */
export function PosterCode({ eventId }: { eventId: string }) {
  const [src, setSrc] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    setLoading(true)
    setError(null)
    try {
      setSrc(await downloadPosterCode(eventId))
    } catch (e) {
      setError(asApiError(e, '小程序码生成失败').message)
    } finally {
      setLoading(false)
    }
  }

  const save = async () => {
    if (!src) return
    if (process.env.TARO_ENV === 'h5') {
      const a = document.createElement('a')
      a.href = src
      a.download = `活动小程序码-${eventId.slice(0, 8)}.png`
      document.body.appendChild(a)
      a.click()
      a.remove()
      return
    }
    try {
      await Taro.saveImageToPhotosAlbum({ filePath: src })
      void Taro.showToast({ title: '已保存到相册', icon: 'success' })
    } catch {
      void Taro.showToast({ title: '保存失败，请允许保存到相册', icon: 'none' })
    }
  }

  return (
    <View className="card e2e-admin-poster">
      <Text className="admin-section__title">海报小程序码</Text>
      {src ? (
        <View className="admin-poster">
          <Image className="admin-poster__image e2e-admin-poster-image" src={src} mode="aspectFit" />
          <Button className="btn e2e-admin-poster-save" size="mini" onClick={() => void save()}>
            保存图片
          </Button>
        </View>
      ) : (
        <Button className="btn e2e-admin-poster-load" disabled={loading} onClick={() => void load()}>
          {loading ? '生成中…' : '生成小程序码'}
        </Button>
      )}
      {error && <Notice kind="error" lines={[error]} />}
    </View>
  )
}
