import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AsyncList } from '../../../../components/async-list'
import { ChoiceChips } from '../../../../components/form'
import { MoreFooter } from '../../../../components/more-footer'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  APPLICATION_STATUS_LABELS,
  ApplicationStatus,
  type EmployerApplication,
  RESUME_LANG_LABELS,
} from '../../../../contracts/applications'
import { EDUCATION_DEGREE_LABELS } from '../../../../contracts/resumes'
import { listEmployerApplications } from '../../../../services/applications'
import { formatRelative } from '../../../../services/format'
import { useKeysetList } from '../../../../services/keyset-list'
import { EMPLOYER_APPLICATION_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { type JobOption, loadJobOptions } from '../../job-options'
import '../../hiring.css'

// a withdrawn application is taken back before anyone opened it: employers never see one
const STATUS_OPTIONS = [
  { value: null, label: '全部' },
  ...ApplicationStatus.options
    .filter((value) => value !== 'withdrawn')
    .map((value) => ({ value, label: APPLICATION_STATUS_LABELS[value] })),
]

/** The resume states its degree as a vocabulary key (bachelor …); an older or odd value shows as it is. */
function degreeText(d: string | null): string | null {
  return d ? ((EDUCATION_DEGREE_LABELS as Record<string, string>)[d] ?? d) : null
}

function ApplicationRow({ app }: { app: EmployerApplication }) {
  const a = app.applicant
  return (
    <View
      className="card e2e-employer-application"
      onClick={() => void Taro.navigateTo({ url: `${EMPLOYER_APPLICATION_PAGE}?id=${app.id}` })}
    >
      <View className="hiring-item__head">
        <Text className="hiring-item__name e2e-employer-application-name">{a.name}</Text>
        <StatusTag status={app.status} className="e2e-employer-application-status">
          {APPLICATION_STATUS_LABELS[app.status]}
        </StatusTag>
      </View>
      <Text className="hiring-item__meta">应聘：{app.job.title}</Text>
      <Text className="hiring-item__meta">
        {[a.school, a.major, degreeText(a.degree)].filter(Boolean).join(' · ') || '—'}
      </Text>
      <View className="hiring-item__tags">
        <Text className="hiring-tag">{RESUME_LANG_LABELS[app.resumeLang]}</Text>
        <Text className="hiring-tag">完整度 {app.completeness}%</Text>
        {app.attachmentName && <Text className="hiring-tag">附件简历</Text>}
        <Text className="hiring-tag">{formatRelative(app.submittedAt)}投递</Text>
      </View>
    </View>
  )
}

/**
 * 收到的简历: applications to my company's jobs, newest first; filter by job (`?jobId=` from 职位管理),
 * status and the applicant's name; 加载更多 pages on by cursor.
 */
export default function EmployerApplicationsPage() {
  const session = useSession()
  const isEmployer = session?.user.role === 'employer'
  const params = useRouter().params
  const [jobId, setJobId] = useState<string | null>(params.jobId ?? null)
  const [status, setStatus] = useState<ApplicationStatus | null>(null)
  const [keyword, setKeyword] = useState('')
  const [applied, setApplied] = useState('')
  const [jobs, setJobs] = useState<JobOption[]>([])
  const first = useRef(true)

  const list = useKeysetList((before) =>
    listEmployerApplications(
      { jobId: jobId ?? undefined, status: status ?? undefined, keyword: applied || undefined, before },
      { toast: false },
    ),
  )

  useDidShow(() => {
    if (!isEmployer) return
    // back from one application: its status may have changed; keep the rows while reloading
    void list.reload({ keep: !first.current })
    first.current = false
    loadJobOptions()
      .then(setJobs)
      .catch(() => undefined) // the filter then offers 全部职位 only
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: a changed filter starts the list again
  useEffect(() => {
    if (!first.current) void list.reload()
  }, [jobId, status, applied])

  const gate = roleGate(session, ['employer'], {
    title: '仅用人单位账号可用',
    hint: '收到的简历面向用人单位',
  })
  if (gate) return gate

  const jobIndex = jobId ? jobs.findIndex((j) => j.id === jobId) + 1 : 0
  const jobLabel = jobId ? (jobs.find((j) => j.id === jobId)?.title ?? '所选职位') : '全部职位'
  return (
    <View className="page">
      <View className="hiring-filters">
        <View className="hiring-filters__row">
          <Text className="hiring-filters__label">职位</Text>
          <View className="hiring-filters__picker">
            <Picker
              mode="selector"
              range={['全部职位', ...jobs.map((j) => j.title)]}
              value={Math.max(0, jobIndex)}
              onChange={(e) => {
                const i = Number(e.detail.value)
                setJobId(i === 0 ? null : (jobs[i - 1]?.id ?? null))
              }}
            >
              <Text className="hiring-filters__value e2e-applications-job">{jobLabel} ›</Text>
            </Picker>
          </View>
        </View>
        <View className="hiring-filters__row">
          <Input
            className="hiring-filters__input e2e-applications-keyword"
            placeholder="搜索姓名"
            value={keyword}
            maxlength={50}
            confirmType="search"
            onInput={(e) => setKeyword(e.detail.value)}
            onConfirm={() => setApplied(keyword.trim())}
          />
          <Button className="btn hiring-filters__search" onClick={() => setApplied(keyword.trim())}>
            搜索
          </Button>
        </View>
        <ChoiceChips
          name="applications-status"
          options={STATUS_OPTIONS}
          value={status}
          onChange={setStatus}
        />
      </View>
      <AsyncList
        error={list.error}
        items={list.items}
        onRetry={() => void list.reload()}
        empty={
          <EmptyState
            className="e2e-employer-applications-empty"
            title={jobId || status || applied ? '没有符合条件的投递' : '还没有收到简历'}
            hint="学生投递你单位的职位后，会出现在这里"
          />
        }
        render={(a) => <ApplicationRow key={a.id} app={a} />}
      />
      <MoreFooter list={list} />
    </View>
  )
}
