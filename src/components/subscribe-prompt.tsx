import { Button, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { SubscribeMoment } from '../contracts/subscriptions'
import {
  type AskOutcome,
  askToSubscribe,
  loadSubscriptions,
  momentTemplates,
  subscribeSupported,
} from '../services/subscriptions'
import { Notice } from './form'

const NOTES: Record<Exclude<AskOutcome, 'unavailable'>, { kind: 'ok' | 'info'; text: string }> = {
  accepted: { kind: 'ok', text: '已开启微信通知，有新进展时会提醒您' },
  declined: { kind: 'info', text: '未开启微信通知，消息仍会出现在「消息」中；可随时再次开启' },
  switch_off: {
    kind: 'info',
    text: '您已关闭订阅消息：请在右上角「···」→ 设置 → 订阅消息中打开「接收订阅消息」',
  },
}

/**
 * The natural moment to ask for WeChat notifications (after registering, after applying): a
 * button whose tap asks WeChat at once (the only way WeChat allows it) and a note of the answer.
 * Shows nothing in H5 or while the moment's templates are not configured.
 */
export function SubscribePrompt(props: { moment: SubscribeMoment; label: string; className?: string }) {
  const [ready, setReady] = useState(momentTemplates(props.moment).length > 0)
  const [note, setNote] = useState<(typeof NOTES)[keyof typeof NOTES] | null>(null)
  const [asking, setAsking] = useState(false)

  useEffect(() => {
    if (!subscribeSupported()) return
    void loadSubscriptions().then(() => setReady(momentTemplates(props.moment).length > 0))
  }, [props.moment])

  if (!ready) return null
  const onTap = () => {
    if (asking) return
    setAsking(true)
    // first thing in the tap: WeChat refuses the popup once the gesture is gone
    void askToSubscribe(props.moment).then((o) => {
      setAsking(false)
      if (o !== 'unavailable') setNote(NOTES[o])
    })
  }
  return (
    <View className={`subscribe-prompt ${props.className ?? ''}`}>
      <Button className="btn btn--secondary e2e-subscribe-ask" disabled={asking} onClick={onTap}>
        {props.label}
      </Button>
      {note && <Notice kind={note.kind} className="e2e-subscribe-note" lines={[note.text]} />}
    </View>
  )
}
