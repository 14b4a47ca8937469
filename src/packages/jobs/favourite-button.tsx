import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { setFavourite } from '../../services/favourites'

/**
 * 收藏职位 / 已收藏 on the job detail page. Each tap sends the state it asks for (PUT or DELETE),
 * so a repeated tap or a resend cannot flip it back; a refused save keeps the old state (the
 * request wrapper shows why, e.g. 该职位已过期).
 */
export function FavouriteButton(props: { jobId: string; favourited: boolean }) {
  const [favourited, setFavourited] = useState(props.favourited)
  const [busy, setBusy] = useState(false)
  useEffect(() => setFavourited(props.favourited), [props.favourited])

  const toggle = async () => {
    if (busy) return
    const next = !favourited
    setBusy(true)
    try {
      const r = await setFavourite(props.jobId, next)
      setFavourited(r.favourited)
      void Taro.showToast({ title: r.favourited ? '已收藏' : '已取消收藏', icon: 'none' })
    } catch {
      // the request wrapper toasted why
    } finally {
      setBusy(false)
    }
  }

  return (
    <Button
      className={`btn e2e-favourite-button ${favourited ? 'e2e-favourited' : ''}`}
      size="mini"
      disabled={busy}
      onClick={() => void toggle()}
    >
      {favourited ? '★ 已收藏' : '☆ 收藏职位'}
    </Button>
  )
}
