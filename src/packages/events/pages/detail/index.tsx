import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { KeyValue } from '../../../../components/form'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import { SubscribePrompt } from '../../../../components/subscribe-prompt'
import {
  EVENT_KIND_LABELS,
  EVENT_MODE_LABELS,
  type EventCompany,
  type EventDetail,
  REGISTER_EXTRA_OUTCOME_LABELS,
  REGISTRATION_STATE_LABELS,
  TICKET_CANCEL_OUTCOME_LABELS,
} from '../../../../contracts/events'
import { salaryText } from '../../../../contracts/jobs'
import { REGISTRATION_OUTCOME_LABELS } from '../../../../contracts/tickets'
import { eventIdFromParams, fetchEvent } from '../../../../services/events'
import { formatClock, formatDate, formatRange } from '../../../../services/format'
import { ApiError } from '../../../../services/request'
import { JOB_DETAIL_PAGE, LOGIN_PAGE, TICKET_PAGE } from '../../../../services/routes'
import { cancelRegistration, register } from '../../../../services/tickets'
import { useSession } from '../../../../services/use-session'
import '../../events.css'

const openJob = (id: string) => Taro.navigateTo({ url: `${JOB_DETAIL_PAGE}?id=${encodeURIComponent(id)}` })
const openTicket = (id: string) => Taro.navigateTo({ url: `${TICKET_PAGE}?id=${encodeURIComponent(id)}` })

const REGISTER_REFUSALS: Record<string, string> = {
  ...REGISTER_EXTRA_OUTCOME_LABELS,
  ...REGISTRATION_OUTCOME_LABELS,
}
const CANCEL_REFUSALS: Record<string, string> = TICKET_CANCEL_OUTCOME_LABELS

/** The Chinese words of a refused registration or cancellation (the API's `details.outcome`). */
function refusalText(e: unknown, labels: Record<string, string>): string {
  if (!(e instanceof ApiError)) return '出错了，请稍后再试'
  const outcome = typeof e.details?.outcome === 'string' ? e.details.outcome : e.code
  return labels[outcome] ?? e.message
}

const dateTime = (iso: string) => `${formatDate(iso)} ${formatClock(Date.parse(iso))}`

/** A participating employer: its booth and the jobs it brings, each opening the job's page. */
function CompanyBlock({ c }: { c: EventCompany }) {
  return (
    <View className="event-company e2e-event-company">
      <View>
        {c.logoUrl && <Image className="company-card__logo" src={c.logoUrl} mode="aspectFill" />}
        <Text className="event-company__name e2e-event-company-name">{c.name}</Text>
        {c.booth && <Text className="event-company__booth e2e-event-booth">展位 {c.booth}</Text>}
      </View>
      {c.jobs.map((j) => (
        <View key={j.id} className="event-job e2e-event-job" onClick={() => void openJob(j.id)}>
          <Text>{j.title}</Text>
          <Text className="event-job__salary">{salaryText(j.salaryMin, j.salaryMax)} ›</Text>
        </View>
      ))}
      {c.jobs.length === 0 && <Text className="ticket-row__meta">暂无在招职位</Text>}
    </View>
  )
}

/**
 * 活动详情: what the fair or info session is, who takes part (booths, jobs), and — for a student —
 * 报名 / 取消报名 and the way to the ticket; an online event shows its link instead. Opened from a
 * list (`id`) or from the poster's mini-program code (`scene`: the id's 32 hex digits).
 */
export default function EventDetailPage() {
  const params = useRouter().params
  const id = eventIdFromParams(params)
  const session = useSession()
  const [event, setEvent] = useState<EventDetail | null>(null)
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ text: string; refused: boolean } | null>(null)
  const shownEvent = useRef<EventDetail | null>(null)
  shownEvent.current = event

  const load = async () => {
    if (!id) {
      setError({ message: '活动不存在', missing: true })
      return
    }
    setError(null)
    try {
      const r = await fetchEvent(id)
      setEvent(r.event)
      void Taro.setNavigationBarTitle({ title: r.event.title })
    } catch (e) {
      const missing = e instanceof ApiError && (e.status === 404 || e.status === 400)
      // a refresh that fails (no network in the hall) keeps the page shown: its ticket still opens
      if (!missing && shownEvent.current) return
      setError({ message: (e as Error).message, missing })
    }
  }
  // again on every show: back from login or from the ticket (cancelled there), the state moved
  useDidShow(() => void load())

  const onRegister = async () => {
    if (!event || busy) return
    setBusy(true)
    setOutcome(null)
    try {
      const t = await register(event.id)
      setOutcome({ text: REGISTRATION_OUTCOME_LABELS.registered, refused: false })
      setEvent({ ...event, myTicketId: t.id, registrationState: 'registered', registrationOpen: false })
      void load()
    } catch (e) {
      setOutcome({ text: refusalText(e, REGISTER_REFUSALS), refused: true })
      void load()
    } finally {
      setBusy(false)
    }
  }

  const onCancel = async () => {
    if (!event || busy) return
    const ok = await Taro.showModal({
      title: '取消报名',
      content: '取消后名额将释放给其他同学，确定取消吗？',
    })
    if (!ok.confirm) return
    setBusy(true)
    setOutcome(null)
    try {
      await cancelRegistration(event.id)
      setOutcome({ text: TICKET_CANCEL_OUTCOME_LABELS.cancelled, refused: false })
      setEvent({ ...event, myTicketId: null })
      void load()
    } catch (e) {
      setOutcome({ text: refusalText(e, CANCEL_REFUSALS), refused: true })
    } finally {
      setBusy(false)
    }
  }

  if (error?.missing) {
    return (
      <View className="page">
        <EmptyState
          className="e2e-event-missing"
          title="活动不存在或已取消"
          hint="该活动可能已被取消或删除"
        />
      </View>
    )
  }
  if (error) return <ErrorState message={error.message} onRetry={() => void load()} />
  if (!event) return <Loading />

  const isStudent = session?.user.role === 'student'
  const place = event.mode === 'online' ? '线上' : (event.venue ?? '地点待定')
  const seats =
    event.capacity !== null ? `已报名 ${event.registered} / ${event.capacity}` : `已报名 ${event.registered}`

  return (
    <View className="page event-page">
      <View className="card">
        <Text className={`tag tag--${event.kind}`}>{EVENT_KIND_LABELS[event.kind]}</Text>
        <Text className="event-head__title e2e-event-title">{event.title}</Text>
        <KeyValue
          k="时间"
          v={<Text className="e2e-event-time">{formatRange(event.startsAt, event.endsAt)}</Text>}
        />
        <KeyValue k="形式" v={EVENT_MODE_LABELS[event.mode]} />
        <KeyValue
          k="地点"
          v={<Text className="e2e-event-venue">{event.city ? `${event.city} · ${place}` : place}</Text>}
        />
        <KeyValue k="主办" v={event.schoolName} />
        {event.mode === 'onsite' && (
          <KeyValue k="名额" v={<Text className="e2e-event-seats">{seats}</Text>} />
        )}
        {event.registrationClosesAt && <KeyValue k="报名截止" v={dateTime(event.registrationClosesAt)} />}
      </View>

      {event.mode === 'online' && event.onlineUrl && (
        <View className="card">
          <Text className="event-section__title">线上参加</Text>
          <Text className="event-online__link e2e-event-online-url" userSelect>
            {event.onlineUrl}
          </Text>
          <Button
            className="btn e2e-event-copy-url"
            size="mini"
            onClick={() =>
              void Taro.setClipboardData({ data: event.onlineUrl ?? '' }).then(() =>
                Taro.showToast({ title: '链接已复制，请在浏览器中打开', icon: 'none' }),
              )
            }
          >
            复制链接
          </Button>
        </View>
      )}

      {event.description && (
        <View className="card">
          <Text className="event-section__title">活动介绍</Text>
          <Text className="event-section__text e2e-event-description">{event.description}</Text>
        </View>
      )}

      {event.companies.length > 0 && (
        <View className="card e2e-event-companies">
          <Text className="event-section__title">
            {event.kind === 'fair' ? `参会单位（${event.companies.length}）` : '宣讲单位'}
          </Text>
          {event.companies.map((c) => (
            <CompanyBlock key={c.companyId} c={c} />
          ))}
        </View>
      )}

      <View className="event-register">
        <Text className="event-register__state e2e-event-registration-state">
          {REGISTRATION_STATE_LABELS[event.registrationState]}
        </Text>
        {outcome && (
          <Text
            className={`event-register__outcome e2e-event-outcome ${outcome.refused ? 'event-register__outcome--refused' : ''}`}
          >
            {outcome.text}
          </Text>
        )}
        <View className="event-register__actions">
          {!session && event.registrationState === 'open' && (
            <Button
              className="btn btn--primary e2e-event-login"
              onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}
            >
              登录后报名
            </Button>
          )}
          {isStudent && event.registrationState === 'open' && !event.myTicketId && (
            <Button
              className="btn btn--primary e2e-event-register"
              disabled={busy}
              onClick={() => void onRegister()}
            >
              {busy ? '报名中…' : '立即报名'}
            </Button>
          )}
          {isStudent && event.myTicketId && (
            <>
              <Button
                className="btn btn--primary e2e-event-open-ticket"
                onClick={() => void openTicket(event.myTicketId!)}
              >
                查看入场券
              </Button>
              {!event.ended && (
                <Button
                  className="btn btn--danger e2e-event-cancel"
                  disabled={busy}
                  onClick={() => void onCancel()}
                >
                  取消报名
                </Button>
              )}
              {!event.ended && <SubscribePrompt moment="register" label="开启活动提醒（微信通知）" />}
            </>
          )}
        </View>
      </View>
    </View>
  )
}
