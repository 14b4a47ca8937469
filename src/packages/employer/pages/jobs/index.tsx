import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { ChoiceChips, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import { JOB_STATUS_LABELS, type JobStatus } from '../../../../contracts/job-vocab'
import { type EmployerJobSummary, JOB_PUBLISH_OUTCOME_LABELS, salaryText } from '../../../../contracts/jobs'
import { closeJob, deleteDraft, listMyJobs, publishJob } from '../../../../services/employer-jobs'
import { ApiError } from '../../../../services/request'
import {
  EMPLOYER_APPLICATIONS_PAGE,
  EMPLOYER_COMPANY_PAGE,
  EMPLOYER_JOB_EDIT_PAGE,
  JOB_DETAIL_PAGE,
} from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { refusalText } from '../../job-refusal'
import '../../employer.css'

const FILTERS: ReadonlyArray<{ value: JobStatus | null; label: string }> = [
  { value: null, label: '全部' },
  ...(['published', 'draft', 'expired', 'closed'] as const).map((s) => ({
    value: s,
    label: JOB_STATUS_LABELS[s],
  })),
]

function JobRow(props: {
  job: EmployerJobSummary
  busy: boolean
  onPublish: () => void
  onClose: () => void
  onDelete: () => void
}) {
  const { job } = props
  const go = (url: string) => () => Taro.navigateTo({ url })
  const idq = encodeURIComponent(job.id)
  return (
    <View className="card e2e-employer-job">
      <View className="employer-job__head">
        <Text className="employer-job__title e2e-employer-job-title">{job.title}</Text>
        <Text className={`employer-job__status employer-job__status--${job.status} e2e-employer-job-status`}>
          {JOB_STATUS_LABELS[job.status]}
        </Text>
      </View>
      <Text className="employer-job__meta">
        {salaryText(job.salaryMin, job.salaryMax)} · {job.cities.join('、')} · 截止 {job.deadline}
      </Text>
      {job.status !== 'draft' && (
        <Text
          className="employer-job__counts e2e-employer-job-counts"
          onClick={go(`${EMPLOYER_APPLICATIONS_PAGE}?jobId=${idq}`)}
        >
          收到简历 {job.applications.total} 份 · 未查看 {job.applications.unviewed} 份 ›
        </Text>
      )}
      <View className="employer-job__buttons">
        {job.status !== 'closed' && (
          <Button
            className="btn e2e-employer-job-edit"
            size="mini"
            onClick={go(`${EMPLOYER_JOB_EDIT_PAGE}?id=${idq}`)}
          >
            编辑
          </Button>
        )}
        {job.status === 'draft' && (
          <Button
            className="btn btn--primary e2e-employer-job-publish"
            size="mini"
            disabled={props.busy}
            onClick={props.onPublish}
          >
            发布
          </Button>
        )}
        {(job.status === 'published' || job.status === 'expired') && (
          <Button
            className="btn e2e-employer-job-close"
            size="mini"
            disabled={props.busy}
            onClick={props.onClose}
          >
            关闭
          </Button>
        )}
        {job.status === 'draft' && (
          <Button
            className="btn btn--danger e2e-employer-job-delete"
            size="mini"
            disabled={props.busy}
            onClick={props.onDelete}
          >
            删除
          </Button>
        )}
        {job.status !== 'draft' && (
          <Button
            className="btn e2e-employer-job-view"
            size="mini"
            onClick={go(`${JOB_DETAIL_PAGE}?id=${idq}`)}
          >
            预览
          </Button>
        )}
      </View>
    </View>
  )
}

/**
 * 职位管理: my company's jobs, newest first, with how many applications each has and how many
 * are still unread; publish a draft, close a job, delete a draft. A refused publish says why
 * (unverified company, past deadline) where the employer reads it, not in a toast.
 */
export default function EmployerJobsPage() {
  const session = useSession()
  const [status, setStatus] = useState<JobStatus | null>(null)
  const [items, setItems] = useState<EmployerJobSummary[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<{ kind: 'error' | 'ok'; text: string; verify?: boolean } | null>(null)
  const isEmployer = session?.user.role === 'employer'

  const load = async (s: JobStatus | null = status) => {
    if (!isEmployer) return
    setError(null)
    try {
      const r = await listMyJobs({ status: s ?? undefined })
      setItems(r.items)
      setCursor(r.nextCursor)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  useDidShow(() => void load())

  const more = async () => {
    if (!cursor || loadingMore) return
    setLoadingMore(true)
    try {
      const r = await listMyJobs({ status: status ?? undefined, before: cursor })
      setItems((xs) => [...(xs ?? []), ...r.items])
      setCursor(r.nextCursor)
    } catch {
      // the wrapper toasted why
    } finally {
      setLoadingMore(false)
    }
  }

  const act = async (job: EmployerJobSummary, action: () => Promise<unknown>, done: string) => {
    if (busy) return
    setBusy(job.id)
    setNotice(null)
    try {
      await action()
      setNotice({ kind: 'ok', text: done })
      await load()
    } catch (e) {
      const err = e instanceof ApiError ? e : null
      setNotice({
        kind: 'error',
        text: refusalText(err) ?? (e as Error).message,
        verify: err?.details?.outcome === 'company_unverified',
      })
    } finally {
      setBusy(null)
    }
  }

  const confirm = async (content: string) => (await Taro.showModal({ title: '请确认', content })).confirm

  const gate = roleGate(session, ['employer'], {
    title: '仅用人单位账号可用',
    hint: '职位由用人单位的招聘账号发布',
  })
  if (gate) return gate
  return (
    <View className="page">
      <Button
        className="btn btn--primary employer-new e2e-employer-job-new"
        onClick={() => Taro.navigateTo({ url: EMPLOYER_JOB_EDIT_PAGE })}
      >
        发布新职位
      </Button>
      <View className="employer-filter">
        <ChoiceChips
          name="employer-jobs-filter"
          options={FILTERS}
          value={status}
          onChange={(v) => {
            setStatus(v)
            setItems(null)
            void load(v)
          }}
        />
      </View>
      {notice && (
        <Notice kind={notice.kind} className="e2e-employer-jobs-notice" lines={[notice.text]}>
          {notice.verify && (
            <Text className="link" onClick={() => Taro.navigateTo({ url: EMPLOYER_COMPANY_PAGE })}>
              完善单位信息 ›
            </Text>
          )}
        </Notice>
      )}
      {error ? (
        <ErrorState message={error} onRetry={() => void load()} />
      ) : items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title="还没有职位" hint="点击上方“发布新职位”开始招聘" />
      ) : (
        items.map((j) => (
          <JobRow
            key={j.id}
            job={j}
            busy={busy !== null}
            onPublish={() => void act(j, () => publishJob(j.id), JOB_PUBLISH_OUTCOME_LABELS.published)}
            onClose={async () => {
              if (await confirm(`关闭后学生将无法再投递“${j.title}”，且不能重新发布。确定关闭？`))
                void act(j, () => closeJob(j.id), '职位已关闭')
            }}
            onDelete={async () => {
              if (await confirm(`删除草稿“${j.title}”？`)) void act(j, () => deleteDraft(j.id), '草稿已删除')
            }}
          />
        ))
      )}
      {items &&
        items.length > 0 &&
        (cursor ? (
          <Text className="employer-more employer-more--action e2e-load-more" onClick={() => void more()}>
            {loadingMore ? '加载中…' : '加载更多'}
          </Text>
        ) : (
          <Text className="employer-more">没有更多了</Text>
        ))}
    </View>
  )
}
