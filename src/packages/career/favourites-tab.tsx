import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { JobCard } from '../../components/job-card'
import { EmptyState, ErrorState, Loading } from '../../components/state-views'
import type { FavouriteItem } from '../../contracts/favourites'
import { listFavourites, removeFavourites } from '../../services/favourites'
import { formatRelative } from '../../services/format'
import { JOB_DETAIL_PAGE } from '../../services/routes'
import './favourites-tab.css'

/**
 * 我的收藏: the saved jobs, newest saved first, each as it is now (已过期 / 已关闭 shown); choose
 * several to 批量取消收藏, or hand the open ones to the page's 批量申请 (`onBatchApply`).
 */
export function FavouritesTab(props: { onBatchApply: (jobIds: string[]) => void }) {
  const [items, setItems] = useState<FavouriteItem[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const generation = useRef(0)

  const loadedAt = useRef(0)

  const reload = async () => {
    loadedAt.current = Date.now()
    const mine = ++generation.current
    setError(null)
    try {
      const r = await listFavourites()
      if (mine !== generation.current) return
      setItems(r.items)
      setCursor(r.nextCursor)
      setChosen((c) => new Set([...c].filter((id) => r.items.some((i) => i.job.id === id))))
    } catch (e) {
      if (mine === generation.current) setError((e as Error).message)
    }
  }
  // when the tab opens, and on every later show of the page (a job opened from here may have
  // been unsaved on its detail page); a show right after opening does not load twice
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the tab opens
  useEffect(() => void reload(), [])
  useDidShow(() => {
    if (Date.now() - loadedAt.current > 1000) void reload()
  })

  const more = async () => {
    if (!cursor || loadingMore) return
    const mine = generation.current
    setLoadingMore(true)
    try {
      const r = await listFavourites(cursor)
      if (mine !== generation.current) return
      setItems((list) => {
        const seen = new Set((list ?? []).map((i) => i.job.id))
        return [...(list ?? []), ...r.items.filter((i) => !seen.has(i.job.id))]
      })
      setCursor(r.nextCursor)
    } catch {
      // the wrapper toasted why
    } finally {
      setLoadingMore(false)
    }
  }

  const toggle = (id: string) => {
    const next = new Set(chosen)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setChosen(next)
  }

  const remove = async () => {
    if (busy || chosen.size === 0) return
    const ok = await Taro.showModal({
      title: '取消收藏',
      content: `确定取消收藏选中的 ${chosen.size} 个职位？`,
    })
    if (!ok.confirm) return
    setBusy(true)
    try {
      const r = await removeFavourites([...chosen])
      void Taro.showToast({ title: `已取消 ${r.removed} 个收藏`, icon: 'none' })
      setChosen(new Set())
      await reload()
    } catch {
      // the wrapper toasted why
    } finally {
      setBusy(false)
    }
  }

  if (error) return <ErrorState message={error} onRetry={() => void reload()} />
  if (items === null) return <Loading />
  if (items.length === 0) {
    return (
      <EmptyState
        className="e2e-favourites-empty"
        title="还没有收藏职位"
        hint="在职位详情页点「收藏职位」，以后可以在这里找到"
        actionText="去看看职位"
        onAction={() => void Taro.switchTab({ url: '/pages/index/index' })}
      />
    )
  }
  const open = items.filter((i) => chosen.has(i.job.id) && i.job.status === 'published').map((i) => i.job.id)
  const allChosen = items.every((i) => chosen.has(i.job.id))

  return (
    <View className="favourites">
      <View className="card favourites__bar">
        <Text
          className="favourites__all e2e-favourites-all"
          onClick={() => setChosen(allChosen ? new Set() : new Set(items.map((i) => i.job.id)))}
        >
          {allChosen ? '取消全选' : '全选'}
        </Text>
        <Text className="favourites__count">已选 {chosen.size}</Text>
        <Button
          className="btn btn--danger favourites__action e2e-favourites-remove"
          size="mini"
          disabled={busy || chosen.size === 0}
          onClick={() => void remove()}
        >
          取消收藏
        </Button>
        <Button
          className="btn btn--primary favourites__action e2e-favourites-apply"
          size="mini"
          disabled={open.length === 0}
          onClick={() => props.onBatchApply(open)}
        >
          批量申请
        </Button>
      </View>
      {items.map((i) => (
        <View key={i.job.id} className="favourites__item e2e-favourite-item">
          <View className="favourites__pick" onClick={() => toggle(i.job.id)}>
            <Text
              className={`favourites__box e2e-favourite-pick ${chosen.has(i.job.id) ? 'favourites__box--on' : ''}`}
            >
              {chosen.has(i.job.id) ? '✓' : ''}
            </Text>
            <Text className="favourites__time">收藏于 {formatRelative(i.favouritedAt)}</Text>
          </View>
          <JobCard
            job={i.job}
            onTap={() =>
              void Taro.navigateTo({ url: `${JOB_DETAIL_PAGE}?id=${encodeURIComponent(i.job.id)}` })
            }
          />
        </View>
      ))}
      {cursor ? (
        <Text className="favourites__more favourites__more--action e2e-load-more" onClick={() => void more()}>
          {loadingMore ? '加载中…' : '加载更多'}
        </Text>
      ) : (
        <Text className="favourites__more">没有更多了</Text>
      )}
    </View>
  )
}
