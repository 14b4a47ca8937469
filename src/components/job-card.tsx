import { Text, View } from '@tarojs/components'
import {
  COMPANY_SIZE_LABELS,
  COMPANY_TYPE_LABELS,
  DEGREE_LABELS,
  JOB_NATURE_LABELS,
  JOB_STATUS_LABELS,
} from '../contracts/job-vocab'
import { type JobSummary, salaryText } from '../contracts/jobs'
import './job-card.css'

/**
 * One job in a list (feed, search, company page, favourites, invitations): title and salary, where
 * and what it asks, the company; a job that is not open says so (已过期, 已关闭, 草稿).
 */
export function JobCard({
  job,
  onTap,
  className,
}: {
  job: JobSummary
  onTap?: () => void
  className?: string
}) {
  const tags = [
    job.cities.join('·'),
    DEGREE_LABELS[job.degree] === '不限' ? '学历不限' : DEGREE_LABELS[job.degree],
    JOB_NATURE_LABELS[job.nature],
    `招${job.headcount}人`,
  ]
  const company = [
    job.companyName,
    job.companyType ? COMPANY_TYPE_LABELS[job.companyType] : null,
    job.companySize ? COMPANY_SIZE_LABELS[job.companySize] : null,
  ].filter(Boolean)
  return (
    <View
      className={`card job-card e2e-job-card ${job.status === 'published' ? '' : 'job-card--closed'} ${className ?? ''}`}
      onClick={onTap}
    >
      <View className="job-card__head">
        <Text className="job-card__title e2e-job-card-title">{job.title}</Text>
        <Text className="job-card__salary">{salaryText(job.salaryMin, job.salaryMax)}</Text>
      </View>
      <View className="job-card__tags">
        {job.status !== 'published' && (
          <Text className={`job-card__status job-card__status--${job.status} e2e-job-card-status`}>
            {JOB_STATUS_LABELS[job.status]}
          </Text>
        )}
        {tags.map((t) => (
          <Text key={t} className="job-card__tag">
            {t}
          </Text>
        ))}
      </View>
      <Text className="job-card__company">{company.join(' · ')}</Text>
    </View>
  )
}
