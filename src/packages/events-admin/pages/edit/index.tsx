import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { KeyValue, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import { type Company, CompanyListResponse } from '../../../../contracts/companies'
import {
  EVENT_CANCEL_OUTCOME_LABELS,
  EVENT_KIND_LABELS,
  EVENT_MODE_LABELS,
  EVENT_PUBLISH_OUTCOME_LABELS,
  EVENT_STATUS_LABELS,
  type EventDetail,
  EventMissingField,
} from '../../../../contracts/events'
import {
  cancelEvent,
  createEvent,
  fetchEvent,
  publishEvent,
  updateEvent,
} from '../../../../services/events-admin'
import { formatRange } from '../../../../services/format'
import { asApiError, request } from '../../../../services/request'
import { CHECKIN_DASHBOARD_PAGE, CHECKIN_GATE_PAGE, EVENT_DETAIL_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { EventStaff, PosterCode } from '../../event-extras'
import {
  EMPTY_EVENT_FORM,
  EventFormFields,
  type EventFormState,
  formFromEvent,
  formToBody,
  MISSING_LABELS,
} from '../../event-form'
import { FairApplications } from '../../fair-applications'
import '../../events-admin.css'

type Note = { kind: 'ok' | 'error'; text: string; lines?: string[] }

/** A refusal (409 with details.outcome) as staff read it, with the fields publishing lacks. */
function refusal(
  e: unknown,
  labels: Record<string, string>,
  fallback: string,
): { note: Note; missing: string[] } {
  const err = asApiError(e, fallback)
  const outcome = typeof err.details?.outcome === 'string' ? err.details.outcome : null
  const missing = EventMissingField.array().safeParse(err.details?.missing).data ?? []
  return {
    note: {
      kind: 'error',
      text: (outcome && labels[outcome]) || err.message,
      lines: missing.length
        ? [`请补充：${missing.map((m) => MISSING_LABELS[m] ?? m).join('、')}`]
        : undefined,
    },
    missing,
  }
}

/**
 * 编辑活动 (school staff): a new draft (no id) or an event of their school. A draft is edited, saved
 * and published; a published event is cancelled; a fair's employer applications are approved with a
 * booth or rejected with a reason; fair staff are assigned; the poster's mini-program code; links to
 * the gate and the live counts.
 */
export default function StaffEventEditPage() {
  const session = useSession()
  const { params } = useRouter()
  const isStaff = session?.user.role === 'school_staff'
  const [id, setId] = useState<string | null>(params.id ?? null)
  const [event, setEvent] = useState<EventDetail | null>(null)
  const [form, setForm] = useState<EventFormState>(EMPTY_EVENT_FORM)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [companies, setCompanies] = useState<Company[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<Note | null>(null)

  const load = async (eventId: string) => {
    setLoadError(null)
    try {
      const r = await fetchEvent(eventId)
      setEvent(r.event)
      if (r.event.form) setForm(formFromEvent(r.event.form))
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per page
  useEffect(() => {
    if (!isStaff) return
    if (id) void load(id)
    // an info session names one verified employer
    request('/api/companies?verified=1', { schema: CompanyListResponse, toast: false })
      .then((r) => setCompanies(r.items))
      .catch(() => undefined)
  }, [isStaff])

  const set = <K extends keyof EventFormState>(k: K, v: EventFormState[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    setFields((f) => {
      if (!f[k]) return f
      const { [k]: _gone, ...rest } = f
      return rest
    })
  }

  /** Saves the draft (creating it the first time); returns the event id, or null when refused. */
  const save = async (): Promise<string | null> => {
    const r = formToBody(form)
    if (!r.body) {
      setFields(r.fields)
      setNote({ kind: 'error', text: '请检查标红的项目' })
      return null
    }
    try {
      const saved = id ? await updateEvent(id, r.body) : await createEvent(r.body)
      setEvent(saved.event)
      if (saved.event.form) setForm(formFromEvent(saved.event.form))
      if (!id) setId(saved.event.id)
      return saved.event.id
    } catch (e) {
      const err = asApiError(e, '保存失败，请稍后再试')
      if (err.fields) setFields(err.fields)
      setNote({ kind: 'error', text: err.message })
      return null
    }
  }

  const run = async (action: () => Promise<void>) => {
    if (busy) return
    setBusy(true)
    setNote(null)
    try {
      await action()
    } finally {
      setBusy(false)
    }
  }

  const onSave = () =>
    run(async () => {
      if (await save()) setNote({ kind: 'ok', text: '草稿已保存' })
    })

  const onPublish = () =>
    run(async () => {
      const eventId = await save()
      if (!eventId) return
      try {
        const r = await publishEvent(eventId)
        setEvent(r.event)
        setNote({
          kind: 'ok',
          text: (EVENT_PUBLISH_OUTCOME_LABELS as Record<string, string>)[r.outcome] ?? '活动已发布',
        })
      } catch (e) {
        const { note: n, missing } = refusal(e, EVENT_PUBLISH_OUTCOME_LABELS, '发布失败，请稍后再试')
        setNote(n)
        if (missing.length)
          setFields(Object.fromEntries(missing.map((m) => [m, `发布前请填写${MISSING_LABELS[m] ?? m}`])))
      }
    })

  const onCancel = () =>
    run(async () => {
      if (!event) return
      const ok = await Taro.showModal({
        title: '取消活动',
        content: `取消“${event.title}”后，已报名学生的入场券全部失效并会收到通知。确定取消？`,
      })
      if (!ok.confirm) return
      try {
        const r = await cancelEvent(event.id)
        setEvent(r.event)
        setNote({ kind: 'ok', text: EVENT_CANCEL_OUTCOME_LABELS.cancelled })
      } catch (e) {
        setNote(refusal(e, EVENT_CANCEL_OUTCOME_LABELS, '取消失败，请稍后再试').note)
      }
    })

  const gate = roleGate(session, ['school_staff'], {
    title: '仅学校就业工作人员可用',
    hint: '招聘会与宣讲会由学校就业中心创建和发布',
  })
  if (gate) return gate
  if (id && loadError) return <ErrorState message={loadError} onRetry={() => void load(id)} />
  if (id && !event) return <Loading />
  if (event && !event.canManage) {
    return (
      <View className="page">
        <Notice kind="error" lines={['这不是本校的活动，不能管理']} />
      </View>
    )
  }

  const editable = !event || event.status === 'draft'
  const go = (url: string) => () => Taro.navigateTo({ url })
  const q = event ? `?id=${encodeURIComponent(event.id)}` : ''
  return (
    <View className="page e2e-admin-edit">
      {event && (
        <View className="card">
          <View className="admin-event__head">
            <Text className="admin-event__title e2e-admin-edit-title">{event.title}</Text>
            <StatusTag
              status={
                event.status === 'draft' ? 'pending' : event.status === 'published' ? 'applied' : 'cancelled'
              }
              className="e2e-admin-edit-status"
            >
              {event.status === 'published' && event.ended ? '已结束' : EVENT_STATUS_LABELS[event.status]}
            </StatusTag>
          </View>
          <KeyValue k="类型" v={`${EVENT_KIND_LABELS[event.kind]} · ${EVENT_MODE_LABELS[event.mode]}`} />
          <KeyValue k="时间" v={formatRange(event.startsAt, event.endsAt)} />
          {event.mode === 'onsite' && (
            <>
              <KeyValue k="地点" v={event.venue ?? '—'} />
              <KeyValue
                k="报名"
                v={
                  <Text className="e2e-admin-edit-registered">{`${event.registered} / ${event.capacity ?? '—'}`}</Text>
                }
              />
              <KeyValue k="签到时间" v={formatRange(event.checkinOpensAt, event.checkinClosesAt)} />
            </>
          )}
          {event.status !== 'draft' && (
            <View className="admin-links">
              <Text className="link e2e-admin-open-detail" onClick={go(`${EVENT_DETAIL_PAGE}${q}`)}>
                查看活动页 ›
              </Text>
              {event.mode === 'onsite' && event.status === 'published' && (
                <>
                  <Text
                    className="link e2e-admin-open-dashboard"
                    onClick={go(`${CHECKIN_DASHBOARD_PAGE}${q}`)}
                  >
                    签到统计 ›
                  </Text>
                  <Text className="link e2e-admin-open-gate" onClick={go(`${CHECKIN_GATE_PAGE}${q}`)}>
                    入场签到 ›
                  </Text>
                </>
              )}
            </View>
          )}
        </View>
      )}

      {note && (
        <Notice kind={note.kind} className="e2e-admin-notice" lines={[note.text, ...(note.lines ?? [])]} />
      )}

      {editable && (
        <>
          <EventFormFields form={form} fields={fields} companies={companies} set={set} />
          <View className="admin-actions">
            <Button className="btn e2e-admin-save" disabled={busy} onClick={() => void onSave()}>
              保存草稿
            </Button>
            <Button
              className="btn btn--primary e2e-admin-publish"
              disabled={busy}
              onClick={() => void onPublish()}
            >
              发布
            </Button>
          </View>
        </>
      )}

      {event && event.status === 'published' && !event.ended && (
        <View className="admin-actions">
          <Button
            className="btn btn--danger e2e-admin-cancel"
            disabled={busy}
            onClick={() => void onCancel()}
          >
            取消活动
          </Button>
        </View>
      )}

      {event && event.kind === 'fair' && <FairApplications eventId={event.id} />}
      {event && event.mode === 'onsite' && event.status !== 'cancelled' && <EventStaff eventId={event.id} />}
      {event && event.status === 'published' && <PosterCode eventId={event.id} />}
    </View>
  )
}
