import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Notice } from '../../../../components/form'
import { MoreFooter } from '../../../../components/more-footer'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  type EventSummary,
  FAIR_APPLICATION_STATUS_LABELS,
  FAIR_APPLY_OUTCOME_LABELS,
  FAIR_DECISION_OUTCOME_LABELS,
  type FairApplication,
  FairApplyBody,
} from '../../../../contracts/events'
import type { EmployerJobSummary } from '../../../../contracts/jobs'
import { listMyJobs } from '../../../../services/employer-jobs'
import {
  applyToFair,
  fetchMyApplication,
  listUpcomingFairs,
  withdrawFairApplication,
} from '../../../../services/fair-applications'
import { formatRange } from '../../../../services/format'
import { useKeysetList } from '../../../../services/keyset-list'
import { asApiError } from '../../../../services/request'
import { EMPLOYER_COMPANY_PAGE, EVENT_DETAIL_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import '../../employer.css'
import './fairs.css'

const TONE: Record<FairApplication['status'], string> = {
  pending: 'pending',
  approved: 'applied',
  rejected: 'cancelled',
  withdrawn: 'done',
}

type Note = { kind: 'ok' | 'error'; text: string; verify?: boolean }

/** An API refusal in the employer's words (the outcome's label), never the raw code. */
function refusalText(e: unknown): Note {
  const err = asApiError(e, '操作失败，请稍后再试')
  const outcome = typeof err.details?.outcome === 'string' ? err.details.outcome : null
  const labels = { ...FAIR_DECISION_OUTCOME_LABELS, ...FAIR_APPLY_OUTCOME_LABELS } as Record<string, string>
  return {
    kind: 'error',
    text: (outcome && labels[outcome]) || Object.values(err.fields ?? {})[0] || err.message,
    verify: outcome === 'company_unverified',
  }
}

/** Picking jobs and a note, then 提交申请. */
function ApplyForm(props: {
  jobs: EmployerJobSummary[] | null
  initial: FairApplication | null
  busy: boolean
  onSubmit: (jobIds: string[], note: string) => void
  onClose: () => void
}) {
  const [picked, setPicked] = useState<string[]>(props.initial?.jobIds ?? [])
  const [note, setNote] = useState(props.initial?.note ?? '')
  const toggle = (id: string) =>
    setPicked((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : [...xs, id]))
  return (
    <View className="fair-apply e2e-fair-apply-form">
      <Text className="fair-apply__title">选择参会职位</Text>
      {props.jobs === null ? (
        <Loading />
      ) : props.jobs.length === 0 ? (
        <Text className="employer-job__meta">没有正在招聘的职位：请先发布职位</Text>
      ) : (
        <View className="chips">
          {props.jobs.map((j) => (
            <Text
              key={j.id}
              className={`chip e2e-fair-apply-job ${picked.includes(j.id) ? 'chip--active' : ''}`}
              onClick={() => toggle(j.id)}
            >
              {j.title}
            </Text>
          ))}
        </View>
      )}
      <Textarea
        className="form-field__textarea e2e-fair-apply-note"
        value={note}
        maxlength={500}
        placeholder="备注（选填）：展位需求、到场人数等"
        onInput={(e) => setNote(e.detail.value)}
      />
      <View className="employer-job__buttons">
        <Button
          className="btn btn--primary e2e-fair-apply-submit"
          size="mini"
          disabled={props.busy}
          onClick={() => props.onSubmit(picked, note)}
        >
          提交申请
        </Button>
        <Button className="btn" size="mini" onClick={props.onClose}>
          取消
        </Button>
      </View>
    </View>
  )
}

function FairRow(props: {
  fair: EventSummary
  app: FairApplication | null
  open: boolean
  jobs: EmployerJobSummary[] | null
  busy: boolean
  onOpen: () => void
  onClose: () => void
  onApply: (jobIds: string[], note: string) => void
  onWithdraw: () => void
}) {
  const { fair, app } = props
  const status = app?.status ?? fair.myApplicationStatus
  const canApply = !status || status === 'rejected' || status === 'withdrawn' || status === 'pending'
  return (
    <View className="card e2e-fair" data-event={fair.id}>
      <View className="employer-job__head">
        <Text
          className="employer-job__title e2e-fair-title"
          onClick={() => Taro.navigateTo({ url: `${EVENT_DETAIL_PAGE}?id=${encodeURIComponent(fair.id)}` })}
        >
          {fair.title}
        </Text>
        {status && (
          <StatusTag status={TONE[status]} className="e2e-fair-status">
            {FAIR_APPLICATION_STATUS_LABELS[status]}
          </StatusTag>
        )}
      </View>
      <Text className="employer-job__meta">
        {fair.schoolName} · {formatRange(fair.startsAt, fair.endsAt)}
      </Text>
      {fair.venue && <Text className="employer-job__meta">{fair.venue}</Text>}
      {app?.status === 'approved' && app.booth && (
        <Text className="fair-booth e2e-fair-booth">展位号 {app.booth}</Text>
      )}
      {app?.status === 'rejected' && app.rejectReason && (
        <Text className="employer-job__meta e2e-fair-reason">未通过原因：{app.rejectReason}</Text>
      )}
      {app && app.jobs.length > 0 && (
        <Text className="employer-job__meta">参会职位：{app.jobs.map((j) => j.title).join('、')}</Text>
      )}
      {props.open ? (
        <ApplyForm
          jobs={props.jobs}
          initial={status === 'pending' ? app : null}
          busy={props.busy}
          onSubmit={props.onApply}
          onClose={props.onClose}
        />
      ) : (
        <View className="employer-job__buttons">
          {canApply && (
            <Button className="btn btn--primary e2e-fair-apply" size="mini" onClick={props.onOpen}>
              {status === 'pending' ? '修改申请' : status ? '重新申请' : '申请参会'}
            </Button>
          )}
          {(status === 'pending' || status === 'approved') && (
            <Button
              className="btn btn--danger e2e-fair-withdraw"
              size="mini"
              disabled={props.busy}
              onClick={props.onWithdraw}
            >
              撤回
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

/**
 * 招聘会报名 (employers of a verified company): the upcoming fairs; apply with some of the
 * company's published jobs and a note; the school's answer (booth number, or the reason);
 * withdraw. An unverified company is told so with the way to 单位信息.
 */
export default function EmployerFairsPage() {
  const session = useSession()
  const companyId = session?.user.companyId ?? null
  const isEmployer = session?.user.role === 'employer'
  const list = useKeysetList<EventSummary>((before) => listUpcomingFairs(before))
  const [apps, setApps] = useState<Record<string, FairApplication | null>>({})
  const [openId, setOpenId] = useState<string | null>(null)
  const [jobs, setJobs] = useState<EmployerJobSummary[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<Note | null>(null)

  /** The company's applications in detail (booth, reason, jobs) for the fairs it applied to. */
  const loadApps = async (fairs: EventSummary[]) => {
    if (!companyId) return
    const mine = fairs.filter((f) => f.myApplicationStatus !== null)
    const found = await Promise.all(mine.map((f) => fetchMyApplication(f.id, companyId).catch(() => null)))
    setApps((a) => ({ ...a, ...Object.fromEntries(mine.map((f, i) => [f.id, found[i] ?? null])) }))
  }

  useDidShow(() => {
    if (!isEmployer) return
    void list.reload({ keep: true })
  })
  // the details of the applications whenever the list (or a status in it) changes
  const loadedIds = (list.items ?? []).map((f) => `${f.id}:${f.myApplicationStatus}`).join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the ids and statuses shown
  useEffect(() => {
    if (list.items) void loadApps(list.items)
  }, [loadedIds])

  const open = async (id: string) => {
    setOpenId(id)
    setNote(null)
    if (jobs === null) {
      try {
        setJobs((await listMyJobs({ status: 'published', limit: 50 })).items)
      } catch {
        setJobs([])
      }
    }
  }

  const apply = async (fair: EventSummary, jobIds: string[], text: string) => {
    const body = FairApplyBody.safeParse({ jobIds, note: text })
    if (!body.success) {
      setNote({ kind: 'error', text: body.error.issues[0]?.message ?? '请检查填写的内容' })
      return
    }
    setBusy(true)
    setNote(null)
    try {
      const r = await applyToFair(fair.id, { jobIds, note: text })
      setApps((a) => ({ ...a, [fair.id]: r.application }))
      setOpenId(null)
      setNote({
        kind: 'ok',
        text: FAIR_APPLY_OUTCOME_LABELS[r.outcome === 'updated' ? 'updated' : 'applied'],
      })
      void list.reload({ keep: true })
    } catch (e) {
      setNote(refusalText(e))
    } finally {
      setBusy(false)
    }
  }

  const withdraw = async (fair: EventSummary) => {
    if (!companyId) return
    const ok = await Taro.showModal({ title: '撤回申请', content: `撤回参加“${fair.title}”的申请？` })
    if (!ok.confirm) return
    setBusy(true)
    setNote(null)
    try {
      const r = await withdrawFairApplication(fair.id, companyId)
      setApps((a) => ({ ...a, [fair.id]: r.application }))
      setNote({ kind: 'ok', text: FAIR_DECISION_OUTCOME_LABELS.withdrawn })
      void list.reload({ keep: true })
    } catch (e) {
      setNote(refusalText(e))
    } finally {
      setBusy(false)
    }
  }

  const gate = roleGate(session, ['employer'], {
    title: '仅用人单位账号可用',
    hint: '招聘会参会申请由用人单位的招聘账号提交',
  })
  if (gate) return gate
  return (
    <View className="page">
      {note && (
        <Notice kind={note.kind} className="e2e-fair-notice" lines={[note.text]}>
          {note.verify && (
            <Text className="link" onClick={() => Taro.navigateTo({ url: EMPLOYER_COMPANY_PAGE })}>
              完善单位信息 ›
            </Text>
          )}
        </Notice>
      )}
      {list.error ? (
        <ErrorState message={list.error} onRetry={() => void list.reload()} />
      ) : list.items === null ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState title="暂无即将举办的招聘会" hint="学校发布招聘会后，可在这里申请参会" />
      ) : (
        list.items.map((f) => (
          <FairRow
            key={f.id}
            fair={f}
            app={apps[f.id] ?? null}
            open={openId === f.id}
            jobs={jobs}
            busy={busy}
            onOpen={() => void open(f.id)}
            onClose={() => setOpenId(null)}
            onApply={(ids, text) => void apply(f, ids, text)}
            onWithdraw={() => void withdraw(f)}
          />
        ))
      )}
      <MoreFooter list={list} />
    </View>
  )
}
