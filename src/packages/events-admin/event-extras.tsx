import { Button, Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { Notice } from '../../components/form'
import type { FairStaffMember } from '../../contracts/events'
import {
  assignEventStaff,
  downloadPosterCode,
  listEventStaff,
  listFairStaff,
  unassignEventStaff,
} from '../../services/events-admin'
import { asApiError } from '../../services/request'

type EventStaffMember = { userId: string; displayName: string }

/** How long typing pauses before the search runs: one request per word, not per keystroke. */
const SEARCH_DELAY_MS = 300

/**
 * The fair staff who scan at the gates. Staff pick them from the accounts they may assign (this
 * school's fair staff and those of no school: `GET /api/fair-staff`), searched by name; accounts
 * already on the event are marked 已分配 there and listed above with 移除.
 */
export function EventStaff({ eventId }: { eventId: string }) {
  const [items, setItems] = useState<EventStaffMember[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const [q, setQ] = useState('')
  const [candidates, setCandidates] = useState<FairStaffMember[] | null>(null)
  const [nextCursor, setNextCursor] = useState<string | null>(null)
  const [listError, setListError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  // the answer of the latest search wins: an earlier, slower one must not overwrite it
  const searchSeq = useRef(0)

  useEffect(() => {
    listEventStaff(eventId)
      .then((r) => setItems(r.items))
      .catch((e) => setError(asApiError(e, '加载失败').message))
  }, [eventId])

  const search = useCallback(async (text: string) => {
    const seq = ++searchSeq.current
    setListError(null)
    try {
      const r = await listFairStaff(text)
      if (seq !== searchSeq.current) return
      setCandidates(r.items)
      setNextCursor(r.nextCursor)
    } catch (e) {
      if (seq !== searchSeq.current) return
      setCandidates([])
      setNextCursor(null)
      setListError(asApiError(e, '工作人员列表加载失败').message)
    }
  }, [])

  useEffect(() => {
    const t = setTimeout(() => void search(q), q ? SEARCH_DELAY_MS : 0)
    return () => clearTimeout(t)
  }, [q, search])

  const more = async () => {
    if (!nextCursor) return
    const seq = searchSeq.current
    setLoadingMore(true)
    try {
      const r = await listFairStaff(q, nextCursor)
      if (seq !== searchSeq.current) return
      setCandidates((c) => [...(c ?? []), ...r.items])
      setNextCursor(r.nextCursor)
    } catch (e) {
      setListError(asApiError(e, '工作人员列表加载失败').message)
    } finally {
      setLoadingMore(false)
    }
  }

  const assigned = new Set(items?.map((m) => m.userId) ?? [])

  const add = async (m: FairStaffMember) => {
    setBusy(true)
    setError(null)
    try {
      const r = await assignEventStaff(eventId, m.userId)
      setItems(r.items)
      // the insert policy may refuse silently only if the account stopped being assignable since the list
      if (!r.items.some((x) => x.userId === m.userId)) setError('该账号已不是本校可分配的现场工作人员')
    } catch (e) {
      const err = asApiError(e, '分配失败')
      setError(err.status === 403 ? '该账号已不是本校可分配的现场工作人员' : err.message)
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
      {error && <Notice kind="error" className="e2e-admin-staff-error" lines={[error]} />}

      <Text className="admin-event__meta">选择要分配的工作人员（本校及未归属学校的现场工作人员账号）</Text>
      <View className="admin-inline">
        <Input
          className="admin-inline__input e2e-admin-staff-search"
          placeholder="按姓名搜索"
          value={q}
          maxlength={30}
          onInput={(e) => setQ(e.detail.value)}
        />
      </View>
      {listError && <Notice kind="error" className="e2e-admin-staff-list-error" lines={[listError]} />}
      {candidates === null && !listError && <Text className="admin-event__meta">加载中…</Text>}
      {candidates?.length === 0 && !listError && (
        <Text className="admin-event__meta e2e-admin-staff-none">
          {q.trim() ? '没有找到该姓名的现场工作人员' : '还没有可分配的现场工作人员账号'}
        </Text>
      )}
      {candidates?.map((c) => (
        <View key={c.userId} className="admin-inline e2e-admin-staff-candidate">
          <Text className="admin-inline__text">
            {c.displayName}
            <Text className="admin-event__meta">{c.schoolName ?? '未归属学校'}</Text>
          </Text>
          {assigned.has(c.userId) ? (
            <Text className="admin-event__meta e2e-admin-staff-assigned">已分配</Text>
          ) : (
            <Button
              className="btn btn--primary e2e-admin-staff-pick"
              size="mini"
              disabled={busy}
              onClick={() => void add(c)}
            >
              分配
            </Button>
          )}
        </View>
      ))}
      {nextCursor && (
        <Button
          className="btn e2e-admin-staff-more"
          size="mini"
          disabled={loadingMore}
          onClick={() => void more()}
        >
          {loadingMore ? '加载中…' : '加载更多'}
        </Button>
      )}
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
