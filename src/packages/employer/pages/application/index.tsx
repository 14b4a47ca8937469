import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { KeyValue, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  type EmployerApplicationDetail,
  type EmployerDecision,
  RESUME_LANG_LABELS,
} from '../../../../contracts/applications'
import {
  type EmployerInterview,
  INTERVIEW_MODE_LABELS,
  INTERVIEW_RESULT_LABELS,
  INTERVIEW_STATUS_LABELS,
  type InterviewResult,
} from '../../../../contracts/interviews'
import {
  downloadAttachment,
  downloadSnapshotPdf,
  fetchEmployerApplication,
  markApplication,
} from '../../../../services/applications'
import { formatRelative } from '../../../../services/format'
import { cancelInterview, formatInterviewTime, recordInterviewResult } from '../../../../services/interviews'
import { EMPLOYER_SIGNING_INVITE_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { InterviewForm } from '../../interview-form'
import { SnapshotView } from '../../snapshot-view'
import '../../hiring.css'

/** unsuitable / hired can be marked from these (app.mark_application's transitions) */
const DECIDABLE = new Set<ApplicationStatus>(['submitted', 'viewed', 'interview'])
/** an interview can be proposed unless the application is closed one way or another */
const CLOSED = new Set<ApplicationStatus>(['withdrawn', 'unsuitable', 'hired'])
const RESULTS: InterviewResult[] = ['passed', 'failed', 'pending']

const TIMES: ReadonlyArray<{
  status: ApplicationStatus
  at: keyof EmployerApplicationDetail['application']
}> = [
  { status: 'submitted', at: 'submittedAt' },
  { status: 'viewed', at: 'viewedAt' },
  { status: 'interview', at: 'interviewAt' },
  { status: 'unsuitable', at: 'unsuitableAt' },
  { status: 'hired', at: 'hiredAt' },
  { status: 'withdrawn', at: 'withdrawnAt' },
]

function InterviewCard(props: { interview: EmployerInterview; onChanged: () => void }) {
  const i = props.interview
  const [busy, setBusy] = useState(false)

  const run = async (
    confirm: { title: string; content: string },
    action: () => Promise<unknown>,
    done: string,
  ) => {
    if (busy) return
    const ok = await Taro.showModal(confirm)
    if (!ok.confirm) return
    setBusy(true)
    try {
      await action()
      void Taro.showToast({ title: done, icon: 'success' })
      props.onChanged()
    } catch {
      // the wrapper toasted why (too early, already final, cancelled meanwhile)
      props.onChanged()
    } finally {
      setBusy(false)
    }
  }

  const record = (result: InterviewResult) =>
    run(
      {
        title: '记录面试结果',
        content: `将「${i.applicantName}」的面试结果记为「${INTERVIEW_RESULT_LABELS[result]}」？学生会收到通知。`,
      },
      () => recordInterviewResult(i.id, result),
      '已记录',
    )
  const cancel = () =>
    run(
      { title: '取消面试', content: '取消后学生会收到通知，确定取消这场面试？' },
      () => cancelInterview(i.id),
      '已取消',
    )

  return (
    <View className="card e2e-employer-interview">
      <View className="hiring-item__head">
        <Text className="hiring-item__name">{INTERVIEW_MODE_LABELS[i.mode]}</Text>
        <StatusTag status={i.status} className="e2e-employer-interview-status">
          {INTERVIEW_STATUS_LABELS[i.status]}
        </StatusTag>
      </View>
      <KeyValue k="面试时间" v={formatInterviewTime(i.startsAt)} />
      {i.address && <KeyValue k="面试地址" v={i.address} />}
      {i.videoUrl && <KeyValue k="视频链接" v={<Text className="hiring-link">{i.videoUrl}</Text>} />}
      <KeyValue k="联系方式" v={i.contact} />
      {i.answeredAt && <KeyValue k="学生答复" v={formatRelative(i.answeredAt)} />}
      {i.note && <Text className="hiring-note">{i.note}</Text>}
      {i.result && (
        <KeyValue
          k="面试结果"
          v={<Text className="e2e-employer-interview-result">{INTERVIEW_RESULT_LABELS[i.result]}</Text>}
        />
      )}
      {i.canRecordResult && (
        <View className="hiring-buttons">
          {RESULTS.map((r) => (
            <Button
              key={r}
              className={`btn ${r === 'passed' ? 'btn--primary' : r === 'failed' ? 'btn--danger' : ''} e2e-interview-result-${r}`}
              disabled={busy}
              onClick={() => void record(r)}
            >
              {INTERVIEW_RESULT_LABELS[r]}
            </Button>
          ))}
        </View>
      )}
      {i.status === 'accepted' && !i.canRecordResult && (
        <Text className="hiring-item__meta">面试时间到达后可记录结果</Text>
      )}
      {i.canCancel && (
        <View className="hiring-buttons">
          <Button
            className="btn btn--danger e2e-interview-cancel"
            disabled={busy}
            onClick={() => void cancel()}
          >
            取消面试
          </Button>
        </View>
      )}
    </View>
  )
}

/**
 * One application: who applied and the resume exactly as sent (opening it marks it 被查看), the
 * attachment and a PDF of the snapshot, 标记不合适 / 录用, 邀请面试 and the interviews with their results.
 */
export default function EmployerApplicationPage() {
  const session = useSession()
  const isEmployer = session?.user.role === 'employer'
  const id = useRouter().params.id ?? ''
  const [detail, setDetail] = useState<EmployerApplicationDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [inviting, setInviting] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)

  const load = async () => {
    if (!isEmployer || !id) return
    setError(null)
    try {
      setDetail(await fetchEmployerApplication(id, { toast: false }))
    } catch (e) {
      setError((e as Error).message)
    }
  }
  useDidShow(() => void load())

  const decide = async (status: EmployerDecision) => {
    if (!detail || busy) return
    const name = detail.application.applicant.name
    const ok = await Taro.showModal(
      status === 'hired'
        ? { title: '录用', content: `确定录用「${name}」？学生会收到录用通知。` }
        : { title: '标记不合适', content: `确定将「${name}」标记为不合适？学生会收到通知。` },
    )
    if (!ok.confirm) return
    setBusy(status)
    try {
      await markApplication(id, status)
      void Taro.showToast({ title: status === 'hired' ? '已录用' : '已标记', icon: 'success' })
    } catch {
      // the wrapper toasted why
    } finally {
      setBusy(null)
      void load()
    }
  }

  const download = async (what: 'attachment' | 'pdf') => {
    if (!detail || busy) return
    setBusy(what)
    try {
      if (what === 'attachment') {
        await downloadAttachment(id)
      } else {
        await downloadSnapshotPdf(id, `${detail.application.applicant.name}-简历.pdf`)
      }
    } catch {
      // toasted by the service
    } finally {
      setBusy(null)
    }
  }

  const gate = roleGate(session, ['employer'], { title: '仅用人单位账号可用', hint: '简历详情面向用人单位' })
  if (gate) return gate
  if (!id) return <ErrorState message="缺少投递编号" onRetry={() => Taro.navigateBack()} />
  if (error) return <ErrorState message={error} onRetry={() => void load()} />
  if (!detail) return <Loading />

  const { application: app, snapshot, interviews } = detail
  const open = interviews.some((i) => i.status === 'invited' || i.status === 'accepted')
  const times = TIMES.map((t) => ({ ...t, time: app[t.at] as string | null })).filter(
    (t): t is typeof t & { time: string } => !!t.time,
  )
  return (
    <View className="page">
      <View className="card e2e-employer-application-detail">
        <View className="hiring-item__head">
          <Text className="hiring-item__name">{app.applicant.name}</Text>
          <StatusTag status={app.status} className="e2e-employer-application-status">
            {APPLICATION_STATUS_LABELS[app.status]}
          </StatusTag>
        </View>
        <Text className="hiring-item__meta">应聘：{app.job.title}</Text>
        <Text className="hiring-item__meta">
          {RESUME_LANG_LABELS[snapshot.lang]} · 完整度 {snapshot.completeness}% ·{' '}
          {formatRelative(snapshot.createdAt)}
          投递
        </Text>
        {times.map((t) => (
          <KeyValue key={t.status} k={APPLICATION_STATUS_LABELS[t.status]} v={formatRelative(t.time)} />
        ))}
        <View className="hiring-buttons">
          {snapshot.attachmentName && (
            <Button
              className="btn e2e-application-attachment"
              loading={busy === 'attachment'}
              disabled={!!busy}
              onClick={() => void download('attachment')}
            >
              附件简历
            </Button>
          )}
          <Button
            className="btn e2e-application-pdf"
            loading={busy === 'pdf'}
            disabled={!!busy}
            onClick={() => void download('pdf')}
          >
            下载PDF
          </Button>
        </View>
        {snapshot.attachmentName && (
          <Text className="hiring-item__meta">附件：{snapshot.attachmentName}</Text>
        )}
        {app.status === 'withdrawn' && <Notice kind="warn" lines={['学生已撤回这份投递']} />}
        {(DECIDABLE.has(app.status) || (!CLOSED.has(app.status) && !open)) && (
          <View className="hiring-buttons">
            {DECIDABLE.has(app.status) && (
              <Button
                className="btn btn--danger e2e-application-unsuitable"
                loading={busy === 'unsuitable'}
                disabled={!!busy}
                onClick={() => void decide('unsuitable')}
              >
                标记不合适
              </Button>
            )}
            {!CLOSED.has(app.status) && !open && !inviting && (
              <Button
                className="btn e2e-application-invite"
                disabled={!!busy}
                onClick={() => setInviting(true)}
              >
                邀请面试
              </Button>
            )}
            {DECIDABLE.has(app.status) && (
              <Button
                className="btn btn--primary e2e-application-hire"
                loading={busy === 'hired'}
                disabled={!!busy}
                onClick={() => void decide('hired')}
              >
                录用
              </Button>
            )}
          </View>
        )}
        {app.status !== 'withdrawn' && (
          <View className="hiring-buttons">
            <Button
              className="btn btn--primary e2e-esign-open"
              disabled={!!busy}
              onClick={() =>
                Taro.navigateTo({
                  url: `${EMPLOYER_SIGNING_INVITE_PAGE}?studentId=${app.studentId}&name=${encodeURIComponent(app.applicant.name)}`,
                })
              }
            >
              发起签约
            </Button>
          </View>
        )}
      </View>

      {inviting && (
        <InterviewForm
          applicationId={app.id}
          onCancel={() => setInviting(false)}
          onSent={() => {
            setInviting(false)
            void load()
          }}
        />
      )}

      {interviews.length > 0 && <Text className="hiring-section-title">面试安排</Text>}
      {interviews.map((i) => (
        <InterviewCard key={i.id} interview={i} onChanged={() => void load()} />
      ))}

      <Text className="hiring-section-title">投递时的简历</Text>
      <SnapshotView content={snapshot.content} lang={snapshot.lang} />
    </View>
  )
}
