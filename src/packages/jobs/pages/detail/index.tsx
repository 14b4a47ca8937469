import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import {
  COMPANY_SIZE_LABELS,
  COMPANY_TYPE_LABELS,
  DEGREE_LABELS,
  INDUSTRY_LABELS,
  JOB_CATEGORY_LABELS,
  JOB_NATURE_LABELS,
  JOB_STATUS_LABELS,
} from '../../../../contracts/job-vocab'
import { type JobDetail, salaryText } from '../../../../contracts/jobs'
import { fetchJobDetail } from '../../../../services/jobs'
import { ApiError } from '../../../../services/request'
import { COMPANY_PAGE, LOGIN_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { ApplyBar } from '../../apply-bar'
import { FavouriteButton } from '../../favourite-button'
import '../../jobs.css'

/** The company under the job: tap for its page (单位简介, 正在招聘的职位, 联系方式). */
function CompanyCardView({ job }: { job: JobDetail }) {
  const c = job.company
  const meta = [
    c.companyType && COMPANY_TYPE_LABELS[c.companyType],
    c.companySize && COMPANY_SIZE_LABELS[c.companySize],
    c.industry && INDUSTRY_LABELS[c.industry],
    c.city,
  ].filter(Boolean)
  return (
    <View
      className="card e2e-job-company"
      onClick={() => Taro.navigateTo({ url: `${COMPANY_PAGE}?id=${encodeURIComponent(c.id)}` })}
    >
      <View className="company-card">
        {c.logoUrl ? (
          <Image className="company-card__logo" src={c.logoUrl} mode="aspectFill" />
        ) : (
          <View className="company-card__logo company-card__logo--empty">
            <Text>{c.name.slice(0, 1)}</Text>
          </View>
        )}
        <View className="company-card__body">
          <Text className="company-card__name e2e-job-company-name">
            {c.name}
            {c.verified && <Text className="company-card__verified">已认证</Text>}
          </Text>
          {meta.length > 0 && <Text className="company-card__meta">{meta.join(' · ')}</Text>}
        </View>
        <Text className="link">单位主页 ›</Text>
      </View>
      {c.introExcerpt && (
        <Text className="company-card__intro">
          {c.introExcerpt}
          {c.introExcerpt.length >= 120 ? '…' : ''}
        </Text>
      )}
    </View>
  )
}

/**
 * 职位详情: what the job is (职位名称、要求、描述、联系方式) and who offers it, readable before login.
 * A student favourites it here and applies from the bar at the bottom; an expired or closed job
 * says so and takes no applications.
 */
export default function JobDetailPage() {
  const id = useRouter().params.id ?? ''
  const session = useSession()
  const [job, setJob] = useState<JobDetail | null>(null)
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null)

  const load = async () => {
    setError(null)
    try {
      const r = await fetchJobDetail(id)
      setJob(r.job)
      void Taro.setNavigationBarTitle({ title: r.job.title })
    } catch (e) {
      const missing = e instanceof ApiError && (e.status === 404 || e.status === 400)
      setError({ message: (e as Error).message, missing })
    }
  }
  // again on every show: the token may have changed (logged in from here), and favourites with it
  useDidShow(() => void load())

  if (error?.missing) {
    return (
      <View className="page">
        <EmptyState className="e2e-job-missing" title="职位不存在或已下线" hint="该职位可能已关闭或被删除" />
      </View>
    )
  }
  if (error) return <ErrorState message={error.message} onRetry={() => void load()} />
  if (!job) return <Loading />

  const tags = [
    job.cities.join('、'),
    DEGREE_LABELS[job.degree] === '不限' ? '学历不限' : DEGREE_LABELS[job.degree],
    JOB_NATURE_LABELS[job.nature],
    JOB_CATEGORY_LABELS[job.category],
    `招${job.headcount}人`,
  ]
  return (
    <View className="page job-page">
      <View className="card">
        <Text className="job-head__title e2e-job-title">
          {job.title}
          {job.status !== 'published' && (
            <Text className={`job-head__status job-head__status--${job.status} e2e-job-status`}>
              {JOB_STATUS_LABELS[job.status]}
            </Text>
          )}
        </Text>
        <Text className="job-head__salary e2e-job-salary">{salaryText(job.salaryMin, job.salaryMax)}</Text>
        <View className="job-tags">
          {tags.map((t) => (
            <Text key={t} className="job-tag">
              {t}
            </Text>
          ))}
        </View>
        <Text className="job-head__meta">
          {INDUSTRY_LABELS[job.industry]} · 截止 {job.deadline}
        </Text>
      </View>

      <View className="job-actions">
        {job.favourited !== null ? (
          <FavouriteButton jobId={job.id} favourited={job.favourited} />
        ) : (
          !session && (
            <Button
              className="btn job-actions__login e2e-job-login-to-favourite"
              size="mini"
              onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}
            >
              登录后收藏
            </Button>
          )
        )}
      </View>

      <View className="card">
        <Text className="job-section__title">职位描述</Text>
        <Text className="job-section__text e2e-job-description">{job.description}</Text>
      </View>

      {job.majors.length > 0 && (
        <View className="card">
          <Text className="job-section__title">专业要求</Text>
          <View className="job-tags">
            {job.majors.map((m) => (
              <Text key={m} className="job-tag">
                {m}
              </Text>
            ))}
          </View>
        </View>
      )}

      {job.contact && (
        <View className="card">
          <Text className="job-section__title">联系方式</Text>
          <Text className="job-section__text e2e-job-contact">{job.contact}</Text>
        </View>
      )}

      <CompanyCardView job={job} />

      <ApplyBar jobId={job.id} open={job.open} />
    </View>
  )
}
