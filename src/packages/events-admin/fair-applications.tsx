import { Button, Input, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Notice } from '../../components/form'
import { EmptyState, ErrorState, Loading } from '../../components/state-views'
import { StatusTag } from '../../components/status-tag'
import {
  FAIR_APPLICATION_STATUS_LABELS,
  FAIR_DECISION_OUTCOME_LABELS,
  type FairApplication,
  type FairDecisionBody,
} from '../../contracts/events'
import { decideFairApplication, listFairApplications } from '../../services/events-admin'
import { formatRelative } from '../../services/format'
import { asApiError } from '../../services/request'

const TONE: Record<FairApplication['status'], string> = {
  pending: 'pending',
  approved: 'applied',
  rejected: 'cancelled',
  withdrawn: 'done',
}

function ApplicationRow(props: {
  app: FairApplication
  busy: boolean
  onDecide: (body: FairDecisionBody) => Promise<void>
}) {
  const { app } = props
  const [booth, setBooth] = useState('')
  const [reason, setReason] = useState('')
  return (
    <View className="admin-app e2e-admin-application" data-company={app.companyId}>
      <View className="admin-event__head">
        <Text className="admin-app__name e2e-admin-application-name">{app.companyName}</Text>
        <StatusTag status={TONE[app.status]} className="e2e-admin-application-status">
          {FAIR_APPLICATION_STATUS_LABELS[app.status]}
        </StatusTag>
      </View>
      <Text className="admin-event__meta">
        申请于 {formatRelative(app.appliedAt)}
        {app.booth ? ` · 展位 ${app.booth}` : ''}
      </Text>
      {app.jobs.length > 0 && (
        <Text className="admin-event__meta">参会职位：{app.jobs.map((j) => j.title).join('、')}</Text>
      )}
      {app.note && <Text className="admin-event__meta">备注：{app.note}</Text>}
      {app.rejectReason && <Text className="admin-event__meta">未通过原因：{app.rejectReason}</Text>}
      {app.status === 'pending' && (
        <View className="admin-app__decide">
          <InlineAction
            hook="booth"
            placeholder="展位号，如 A12"
            maxlength={20}
            value={booth}
            onInput={setBooth}
            button={{ text: '通过', tone: 'primary', hook: 'approve' }}
            busy={props.busy}
            onTap={() => void props.onDecide({ action: 'approve', booth })}
          />
          <InlineAction
            hook="reject-reason"
            placeholder="未通过原因"
            maxlength={200}
            value={reason}
            onInput={setReason}
            button={{ text: '驳回', tone: 'danger', hook: 'reject' }}
            busy={props.busy}
            onTap={() => void props.onDecide({ action: 'reject', reason })}
          />
        </View>
      )}
    </View>
  )
}

/** One input and its button on a line (a booth and 通过; a reason and 驳回). */
function InlineAction(props: {
  hook: string
  placeholder: string
  maxlength: number
  value: string
  onInput: (v: string) => void
  button: { text: string; tone: 'primary' | 'danger'; hook: string }
  busy: boolean
  onTap: () => void
}) {
  return (
    <View className="admin-inline">
      <Input
        className={`admin-inline__input e2e-admin-${props.hook}`}
        placeholder={props.placeholder}
        value={props.value}
        maxlength={props.maxlength}
        onInput={(e) => props.onInput(e.detail.value)}
      />
      <Button
        className={`btn btn--${props.button.tone} e2e-admin-${props.button.hook}`}
        size="mini"
        disabled={props.busy}
        onClick={props.onTap}
      >
        {props.button.text}
      </Button>
    </View>
  )
}

/** The fair's employer applications: approve with a booth (unique per fair) or reject with a reason. */
export function FairApplications({ eventId }: { eventId: string }) {
  const [items, setItems] = useState<FairApplication[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)

  const load = async () => {
    setError(null)
    try {
      setItems((await listFairApplications(eventId)).applications)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: per event
  useEffect(() => void load(), [eventId])

  const decide = async (app: FairApplication, body: FairDecisionBody) => {
    if (busy) return
    setBusy(true)
    setNotice(null)
    try {
      const r = await decideFairApplication(eventId, app.companyId, body)
      setItems((xs) => (xs ?? []).map((x) => (x.companyId === app.companyId ? r.application : x)))
      setNotice({
        kind: 'ok',
        text: (FAIR_DECISION_OUTCOME_LABELS as Record<string, string>)[r.outcome] ?? '已处理',
      })
    } catch (e) {
      const err = asApiError(e, '操作失败，请稍后再试')
      const outcome = err.details?.outcome as keyof typeof FAIR_DECISION_OUTCOME_LABELS | undefined
      const text =
        (outcome && FAIR_DECISION_OUTCOME_LABELS[outcome]) ||
        Object.values(err.fields ?? {})[0] ||
        err.message
      setNotice({ kind: 'error', text })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card e2e-admin-applications">
      <Text className="admin-section__title">参会单位申请</Text>
      {notice && (
        <Notice kind={notice.kind} className="e2e-admin-applications-notice" lines={[notice.text]} />
      )}
      {error ? (
        <ErrorState message={error} onRetry={() => void load()} />
      ) : items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title="还没有单位申请参会" hint="认证通过的用人单位可在“招聘会报名”中申请" />
      ) : (
        items.map((a) => (
          <ApplicationRow key={a.companyId} app={a} busy={busy} onDecide={(b) => decide(a, b)} />
        ))
      )}
    </View>
  )
}
