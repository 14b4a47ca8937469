import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { AsyncList } from '../../../../components/async-list'
import { FilterBar, filterParams, type JobFilterValue } from '../../../../components/filter-bar'
import { JobCard } from '../../../../components/job-card'
import { EmptyState } from '../../../../components/state-views'
import { JOB_QUERY_MAX, JOB_SORT_LABELS, JobSort } from '../../../../contracts/job-search'
import { useJobList } from '../../../../services/job-search'
import { JOB_DETAIL_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import './index.css'

const ALL_FILTERS = [
  'city',
  'category',
  'nature',
  'salaryMin',
  'industry',
  'degree',
  'companyType',
  'companySize',
] as const

/**
 * 搜索职位: keywords over titles, companies and descriptions, every filter, newest or best paid
 * first, 20 at a time. `?q=` starts with a keyword.
 */
export default function SearchPage() {
  const session = useSession()
  const initial = decodeURIComponent(useRouter().params.q ?? '')
  const [text, setText] = useState(initial)
  const [q, setQ] = useState(initial)
  const [filters, setFilters] = useState<JobFilterValue>({})
  const [sort, setSort] = useState<JobSort>('newest')
  const jobs = useJobList({ q: q || undefined, ...filterParams(filters), sort }, session?.user.id ?? null)
  useReachBottom(() => void jobs.more())

  const submit = () => setQ(text.trim())

  return (
    <View className="page">
      <View className="search-box">
        <Input
          className="search-box__input e2e-search-input"
          value={text}
          placeholder="职位、公司或关键词"
          maxlength={JOB_QUERY_MAX}
          confirmType="search"
          focus={!initial}
          onInput={(e) => setText(e.detail.value)}
          onConfirm={submit}
        />
        <Button
          className="btn btn--primary search-box__button e2e-search-submit"
          size="mini"
          onClick={submit}
        >
          搜索
        </Button>
      </View>
      <FilterBar value={filters} onChange={setFilters} keys={ALL_FILTERS} />
      <View className="search-sort">
        {JobSort.options.map((s) => (
          <Text
            key={s}
            className={`search-sort__item e2e-search-sort-${s} ${sort === s ? 'search-sort__item--on' : ''}`}
            onClick={() => setSort(s)}
          >
            {JOB_SORT_LABELS[s]}
          </Text>
        ))}
      </View>
      <AsyncList
        error={jobs.error}
        items={jobs.items}
        onRetry={() => void jobs.reload()}
        empty={
          <EmptyState
            className="e2e-search-empty"
            title="没有找到相关职位"
            hint="换个关键词，或减少筛选条件试试"
          />
        }
        render={(j) => (
          <View key={j.id} className="e2e-search-result">
            <JobCard
              job={j}
              onTap={() => Taro.navigateTo({ url: `${JOB_DETAIL_PAGE}?id=${encodeURIComponent(j.id)}` })}
            />
          </View>
        )}
      />
      {jobs.items && jobs.items.length > 0 && (
        <Text
          className={`search-more ${jobs.cursor ? 'search-more--action e2e-search-more' : ''}`}
          onClick={() => void jobs.more()}
        >
          {jobs.cursor ? (jobs.loadingMore ? '加载中…' : '加载更多') : '没有更多了'}
        </Text>
      )}
    </View>
  )
}
