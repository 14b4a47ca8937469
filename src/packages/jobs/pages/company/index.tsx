import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { KeyValue } from '../../../../components/form'
import { JobCard } from '../../../../components/job-card'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import type { CompanyPage as CompanyPageData } from '../../../../contracts/company-profile'
import { COMPANY_SIZE_LABELS, COMPANY_TYPE_LABELS, INDUSTRY_LABELS } from '../../../../contracts/job-vocab'
import type { JobSummary } from '../../../../contracts/jobs'
import { fetchCompanyPage } from '../../../../services/jobs'
import { ApiError } from '../../../../services/request'
import { JOB_DETAIL_PAGE } from '../../../../services/routes'
import '../../jobs.css'

/**
 * 单位主页: the company's introduction, its contact details and the jobs it is hiring for now
 * (published, not past the deadline), newest first, a page at a time. Readable before login.
 */
export default function CompanyPage() {
  const id = useRouter().params.id ?? ''
  const [page, setPage] = useState<CompanyPageData | null>(null)
  const [jobs, setJobs] = useState<JobSummary[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null)

  const load = async () => {
    setError(null)
    try {
      const r = await fetchCompanyPage(id)
      setPage(r)
      setJobs(r.jobs.items)
      setCursor(r.jobs.nextCursor)
      void Taro.setNavigationBarTitle({ title: r.company.name })
    } catch (e) {
      const missing = e instanceof ApiError && (e.status === 404 || e.status === 400)
      setError({ message: (e as Error).message, missing })
    }
  }
  useDidShow(() => void load())

  const more = async () => {
    if (!cursor || loadingMore) return
    setLoadingMore(true)
    try {
      const r = await fetchCompanyPage(id, cursor)
      setJobs((js) => [...js, ...r.jobs.items])
      setCursor(r.jobs.nextCursor)
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' })
    } finally {
      setLoadingMore(false)
    }
  }

  if (error?.missing) {
    return (
      <View className="page">
        <EmptyState className="e2e-company-missing" title="单位不存在" hint="该单位可能尚未通过平台认证" />
      </View>
    )
  }
  if (error) return <ErrorState message={error.message} onRetry={() => void load()} />
  if (!page) return <Loading />

  const c = page.company
  const meta = [
    c.companyType && COMPANY_TYPE_LABELS[c.companyType],
    c.companySize && COMPANY_SIZE_LABELS[c.companySize],
    c.industry && INDUSTRY_LABELS[c.industry],
    c.city,
  ].filter(Boolean)
  const contacts: Array<[string, string | null]> = [
    ['联系人', c.contactName],
    ['电话', c.contactPhone],
    ['邮箱', c.contactEmail],
    ['地址', c.address],
    ['网址', c.website],
  ]
  return (
    <View className="page">
      <View className="card">
        <View className="company-card">
          {c.logoUrl ? (
            <Image className="company-card__logo" src={c.logoUrl} mode="aspectFill" />
          ) : (
            <View className="company-card__logo company-card__logo--empty">
              <Text>{c.name.slice(0, 1)}</Text>
            </View>
          )}
          <View className="company-card__body">
            <Text className="company-card__name e2e-company-name">
              {c.name}
              {c.verified && <Text className="company-card__verified">已认证</Text>}
            </Text>
            {meta.length > 0 && <Text className="company-card__meta">{meta.join(' · ')}</Text>}
          </View>
        </View>
      </View>

      {c.intro && (
        <View className="card">
          <Text className="job-section__title">单位简介</Text>
          <Text className="job-section__text e2e-company-intro">{c.intro}</Text>
        </View>
      )}

      {contacts.some(([, v]) => v) && (
        <View className="card e2e-company-contact">
          <Text className="job-section__title">联系方式</Text>
          {contacts.map(([k, v]) => (v ? <KeyValue key={k} k={k} v={v} /> : null))}
        </View>
      )}

      <View className="section-title">
        <Text>正在招聘的职位</Text>
      </View>
      {jobs.length === 0 ? (
        <EmptyState title="暂无招聘中的职位" />
      ) : (
        jobs.map((j) => (
          <View key={j.id} className="e2e-company-job">
            <JobCard
              job={j}
              onTap={() => Taro.navigateTo({ url: `${JOB_DETAIL_PAGE}?id=${encodeURIComponent(j.id)}` })}
            />
          </View>
        ))
      )}
      {jobs.length > 0 &&
        (cursor ? (
          <Text
            className="company-jobs__more company-jobs__more--action e2e-load-more"
            onClick={() => void more()}
          >
            {loadingMore ? '加载中…' : '加载更多'}
          </Text>
        ) : (
          <Text className="company-jobs__more">没有更多了</Text>
        ))}
    </View>
  )
}
