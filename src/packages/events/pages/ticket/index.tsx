import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import { KeyValue } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import { EVENT_KIND_LABELS } from '../../../../contracts/events'
import {
  base64urlToBytes,
  makeTicketCodeAtStep,
  TICKET_STEP_SECONDS,
  timeStep,
} from '../../../../contracts/ticket-code'
import { type MyTicket, TICKET_STATUS_LABELS, type TicketKey } from '../../../../contracts/tickets'
import { formatClock, formatRange } from '../../../../services/format'
import { ApiError } from '../../../../services/request'
import {
  cachedTicket,
  cachedTicketKey,
  fetchTicket,
  forgetTicketKey,
  ticketKey,
} from '../../../../services/tickets'
import { useSession } from '../../../../services/use-session'
import { type QrCanvasRef, saveQrImage, TicketQr } from '../../ticket-qr'
import '../../events.css'

/** The device clock, read every second (the countdown; the code itself changes once per step). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [])
  return now
}

function ticketState(t: MyTicket): { key: string; label: string } {
  if (t.status === 'cancelled') return { key: 'cancelled', label: TICKET_STATUS_LABELS.cancelled }
  if (t.checkedInAt) return { key: 'checked_in', label: '已入场' }
  return { key: 'active', label: TICKET_STATUS_LABELS.active }
}

/** The changing QR of an active ticket, made on the device from the cached key, with its countdown. */
function LiveCode({ ticket, signingKey }: { ticket: MyTicket; signingKey: TicketKey }) {
  const now = useNow()
  const step = timeStep(now)
  const seed = useMemo(() => base64urlToBytes(signingKey.seed), [signingKey.seed])
  // one signature per step, not per second
  const code = useMemo(
    () => makeTicketCodeAtStep({ seed, eventTag: signingKey.eventTag, ticketId: signingKey.ticketId }, step),
    [seed, signingKey.eventTag, signingKey.ticketId, step],
  )
  const left = TICKET_STEP_SECONDS - (Math.floor(now / 1000) % TICKET_STEP_SECONDS)
  const canvas: QrCanvasRef = useRef<unknown>(null)

  const save = async () => {
    try {
      await saveQrImage(canvas.current, `入场券-${ticket.event.title}.png`)
      void Taro.showToast({ title: '已保存，入场请出示实时二维码', icon: 'none', duration: 2500 })
    } catch (e) {
      const msg = (e as { errMsg?: string }).errMsg ?? (e as Error).message ?? ''
      // the student declined the album permission: say where to turn it on
      const denied = /auth|deny|denied/.test(msg)
      void Taro.showToast({
        title: denied ? '请在设置中允许保存到相册' : '保存失败，请稍后再试',
        icon: 'none',
        duration: 2500,
      })
    }
  }

  return (
    <View className="ticket-code">
      <TicketQr text={code} canvasRef={canvas} />
      <Text className="ticket-code__countdown e2e-ticket-countdown">{left} 秒后刷新</Text>
      <Text className="ticket-code__hint">
        二维码每 {TICKET_STEP_SECONDS} 秒更新，截图约 2 分钟后失效；断网也可出示
      </Text>
      <Button className="btn ticket-code__save e2e-ticket-save" size="mini" onClick={() => void save()}>
        保存到相册
      </Button>
    </View>
  )
}

/**
 * 入场券: the ticket's event, holder and state, and — while it is active and not yet used — a QR
 * that changes every 30 s, signed on the device with the ticket's cached key, so it keeps working
 * in a hall with no network. When the API cannot be reached the page shows the copy the device
 * kept. Flow: docs/flows/tickets-client.md.
 */
export default function TicketPage() {
  const id = useRouter().params.id ?? ''
  const session = useSession()
  const [ticket, setTicket] = useState<MyTicket | null>(() => cachedTicket(id))
  const [signingKey, setSigningKey] = useState<TicketKey | null>(() => cachedTicketKey(id))
  const [stale, setStale] = useState(false)
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null)
  const [keyError, setKeyError] = useState<string | null>(null)

  const loadKey = (t: MyTicket) => {
    if (t.status !== 'active' || t.checkedInAt) return
    setKeyError(null)
    ticketKey(t.id)
      .then(setSigningKey)
      .catch((e: Error) => setKeyError(e.message))
  }

  const load = async () => {
    setError(null)
    try {
      const t = await fetchTicket(id)
      setTicket(t)
      setStale(false)
      if (t.status === 'cancelled') {
        forgetTicketKey(t.id)
        setSigningKey(null)
      } else if (!cachedTicketKey(t.id)) loadKey(t)
    } catch (e) {
      const kept = cachedTicket(id)
      const missing = e instanceof ApiError && (e.status === 404 || e.status === 400 || e.status === 403)
      if (kept && !missing) {
        // the hall's network is down: the kept ticket and key still make a valid code
        setTicket(kept)
        setStale(true)
        // never opened online on this phone: say the key is missing rather than wait for it
        if (!cachedTicketKey(kept.id)) loadKey(kept)
      } else setError({ message: (e as Error).message, missing })
    }
  }
  useDidShow(() => void load())

  const gate = roleGate(session, ['student'], { title: '入场券仅限学生' })
  if (gate) return gate
  if (error?.missing) {
    return (
      <View className="page">
        <EmptyState
          className="e2e-ticket-missing"
          title="入场券不存在"
          hint="可能已被删除，或不属于当前账号"
        />
      </View>
    )
  }
  if (error && !ticket) return <ErrorState message={error.message} onRetry={() => void load()} />
  if (!ticket) return <Loading />

  const ev = ticket.event
  const state = ticketState(ticket)
  return (
    <View className="page ticket-page">
      {stale && (
        <Text className="ticket-page__offline e2e-ticket-offline">网络不可用，显示的是本机保存的入场券</Text>
      )}
      <View className="card ticket-card">
        <View className="ticket-card__head">
          <Text className="ticket-card__kind">{EVENT_KIND_LABELS[ev.kind]}</Text>
          <StatusTag status={state.key} className={`e2e-ticket-status ticket-state--${state.key}`}>
            {state.label}
          </StatusTag>
        </View>
        <Text className="ticket-card__title e2e-ticket-event">{ev.title}</Text>

        {state.key === 'active' &&
          (signingKey ? (
            <LiveCode ticket={ticket} signingKey={signingKey} />
          ) : (
            <View className="ticket-code ticket-code--missing e2e-ticket-no-key">
              <Text className="ticket-code__hint">
                {keyError ?? '正在准备入场二维码…'}
                {keyError ? '（首次打开入场券需要联网）' : ''}
              </Text>
              {keyError && (
                <Button className="btn" size="mini" onClick={() => loadKey(ticket)}>
                  重试
                </Button>
              )}
            </View>
          ))}
        {state.key === 'checked_in' && ticket.checkedInAt && (
          <Text className="ticket-card__done e2e-ticket-checked-in">
            已于 {formatClock(Date.parse(ticket.checkedInAt))} 签到入场
          </Text>
        )}
        {state.key === 'cancelled' && (
          <Text className="ticket-card__done e2e-ticket-cancelled">报名已取消，此入场券不能入场</Text>
        )}

        <KeyValue k="持券人" v={<Text className="e2e-ticket-holder">{ticket.holderName}</Text>} />
        <KeyValue k="时间" v={formatRange(ev.startsAt, ev.endsAt)} />
        <KeyValue k="地点" v={<Text className="e2e-ticket-venue">{ev.venue ?? '地点待定'}</Text>} />
        <KeyValue k="主办" v={ev.schoolName} />
        <KeyValue k="签到时间" v={`${formatRange(ev.checkinOpensAt, ev.checkinClosesAt)}`} />
      </View>
    </View>
  )
}
