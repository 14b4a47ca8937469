import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AsyncList } from '../../../../components/async-list'
import { ChoiceChips, KeyValue, Notice } from '../../../../components/form'
import { MoreFooter } from '../../../../components/more-footer'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import { JOB_INVITE_STATUS_LABELS } from '../../../../contracts/job-invites'
import { CITIES, DEGREE_LABELS } from '../../../../contracts/job-vocab'
import { type TalentCard, TalentDegree, type TalentDetailResponse } from '../../../../contracts/talent'
import { formatRelative } from '../../../../services/format'
import { inviteToJob } from '../../../../services/job-invites'
import { useKeysetList } from '../../../../services/keyset-list'
import { asApiError } from '../../../../services/request'
import { EMPLOYER_JOBS_PAGE } from '../../../../services/routes'
import { fetchTalent, searchTalent } from '../../../../services/talent'
import { useSession } from '../../../../services/use-session'
import { type JobOption, loadJobOptions } from '../../job-options'
import { SnapshotView } from '../../snapshot-view'
import '../../hiring.css'

const DEGREES = [
  { value: null, label: '不限' },
  ...TalentDegree.options.map((value) => ({ value, label: DEGREE_LABELS[value] })),
]
const CITY_RANGE = ['不限', ...CITIES]

interface Query {
  keyword: string
  degree: TalentDegree | null
  major: string
  city: string | null
}
const EMPTY: Query = { keyword: '', degree: null, major: '', city: null }

function degreeText(d: string | null): string | null {
  if (!d) return null
  return (DEGREE_LABELS as Record<string, string>)[d] ?? d
}

function TalentRow({ card, onOpen }: { card: TalentCard; onOpen: () => void }) {
  return (
    <View className="card e2e-talent-item" onClick={onOpen}>
      <View className="hiring-item__head">
        <Text className="hiring-item__name e2e-talent-name">{card.name}</Text>
        <StatusTag>完整度 {card.completeness}%</StatusTag>
      </View>
      <Text className="hiring-item__meta">
        {[card.school, card.major, degreeText(card.degree)].filter(Boolean).join(' · ') || '—'}
      </Text>
      {(card.graduation || card.cities.length > 0) && (
        <Text className="hiring-item__meta">
          {[
            card.graduation && `${card.graduation} 毕业`,
            card.cities.length > 0 && `意向：${card.cities.join('、')}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      )}
      {card.skills.length > 0 && (
        <View className="hiring-item__tags">
          {card.skills.slice(0, 6).map((s) => (
            <Text key={s} className="hiring-tag">
              {s}
            </Text>
          ))}
        </View>
      )}
      <Text className="hiring-item__meta">{formatRelative(card.updatedAt)}更新</Text>
    </View>
  )
}

/** 邀请投递: one of my jobs still 招聘中 and a note; the student sees it under 职位邀请 and in messages. */
function InviteSheet(props: {
  studentId: string
  name: string
  invitedJobIds: Set<string>
  onClose: () => void
  onSent: () => void
}) {
  const [jobs, setJobs] = useState<JobOption[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = () => {
    setLoadError(null)
    loadJobOptions({ publishedOnly: true })
      .then((list) => {
        setJobs(list)
        setJobId((id) => id ?? list.find((j) => !props.invitedJobIds.has(j.id))?.id ?? null)
      })
      .catch((e: Error) => setLoadError(e.message))
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: once when the sheet opens
  useEffect(load, [])

  const send = async () => {
    if (!jobId || busy) return
    setError(null)
    setBusy(true)
    try {
      const r = await inviteToJob({ jobId, studentId: props.studentId, note: note.trim() || undefined })
      void Taro.showToast({
        title: r.outcome === 'invited' ? '已发送邀请' : '已邀请过该学生',
        icon: r.outcome === 'invited' ? 'success' : 'none',
      })
      props.onSent()
    } catch (e) {
      setError(asApiError(e, '发送失败，请稍后再试').message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="hiring-sheet" catchMove onClick={props.onClose}>
      <View className="hiring-sheet__panel e2e-talent-invite-sheet" onClick={(e) => e.stopPropagation()}>
        <Text className="hiring-sheet__title">邀请「{props.name}」投递</Text>
        {loadError && <ErrorState message={loadError} onRetry={load} />}
        {!loadError && !jobs && <Loading />}
        {jobs && jobs.length === 0 && (
          <EmptyState
            title="没有招聘中的职位"
            hint="发布职位后才能邀请学生投递"
            actionText="去发布职位"
            onAction={() => void Taro.navigateTo({ url: EMPLOYER_JOBS_PAGE })}
          />
        )}
        {jobs?.map((j) => (
          <View
            key={j.id}
            className={`hiring-option e2e-talent-invite-job ${jobId === j.id ? 'hiring-option--on' : ''}`}
            onClick={() => setJobId(j.id)}
          >
            <Text>{j.title}</Text>
            {props.invitedJobIds.has(j.id) && <Text className="hiring-option__extra">已邀请</Text>}
          </View>
        ))}
        {jobs && jobs.length > 0 && (
          <>
            <Textarea
              className="hiring-textarea e2e-talent-invite-note"
              value={note}
              maxlength={500}
              placeholder="想对学生说的话（选填）"
              onInput={(e) => setNote(e.detail.value)}
            />
            {error && <Notice kind="error" lines={[error]} className="e2e-talent-invite-error" />}
            <View className="hiring-buttons">
              <Button className="btn" onClick={props.onClose}>
                取消
              </Button>
              <Button
                className="btn btn--primary e2e-talent-invite-send"
                loading={busy}
                disabled={busy || !jobId}
                onClick={() => void send()}
              >
                发送邀请
              </Button>
            </View>
          </>
        )}
      </View>
    </View>
  )
}

function TalentDetail(props: { id: string; onBack: () => void }) {
  const [detail, setDetail] = useState<TalentDetailResponse | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [inviting, setInviting] = useState(false)

  const load = async () => {
    setError(null)
    try {
      setDetail(await fetchTalent(props.id))
    } catch (e) {
      setError((e as Error).message)
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: load the one resume opened
  useEffect(() => void load(), [props.id])

  return (
    <View className="e2e-talent-detail">
      <Text className="link e2e-talent-back" onClick={props.onBack}>
        ‹ 返回搜索结果
      </Text>
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !detail && <Loading />}
      {detail && (
        <>
          <SnapshotView content={detail.content} lang={detail.card.lang} />
          <View className="card">
            <Text className="hiring-section-title">职位邀请</Text>
            {detail.invites.length === 0 && <Text className="hiring-item__meta">尚未邀请过该学生</Text>}
            {detail.invites.map((v) => (
              <KeyValue
                key={v.id}
                className="e2e-talent-sent-invite"
                k={v.job.title}
                v={`${JOB_INVITE_STATUS_LABELS[v.status]} · ${formatRelative(v.createdAt)}`}
              />
            ))}
            <View className="hiring-buttons">
              <Button className="btn btn--primary e2e-talent-invite" onClick={() => setInviting(true)}>
                邀请投递
              </Button>
            </View>
          </View>
          {inviting && (
            <InviteSheet
              studentId={detail.card.studentId}
              name={detail.card.name}
              invitedJobIds={new Set(detail.invites.map((v) => v.job.id))}
              onClose={() => setInviting(false)}
              onSent={() => {
                setInviting(false)
                void load()
              }}
            />
          )}
        </>
      )}
    </View>
  )
}

/**
 * 人才搜索: online resumes of students who let employers find them (the resumes policy decides who
 * shows), by keyword (name, school, major, skills), degree, major and intended city; open one to
 * read it and invite the student to apply to one of my jobs.
 */
export default function TalentPage() {
  const session = useSession()
  const isEmployer = session?.user.role === 'employer'
  const [form, setForm] = useState<Query>(EMPTY)
  const [query, setQuery] = useState<Query>(EMPTY)
  const [openId, setOpenId] = useState<string | null>(null)
  const started = useRef(false)

  const list = useKeysetList((before) =>
    searchTalent(
      {
        keyword: query.keyword || undefined,
        degree: query.degree ?? undefined,
        major: query.major || undefined,
        city: query.city ?? undefined,
        before,
      },
      { toast: false },
    ),
  )
  useDidShow(() => {
    if (!isEmployer || started.current) return
    started.current = true
    void list.reload()
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query starts the list again
  useEffect(() => {
    if (started.current) void list.reload()
  }, [query])

  const set = <K extends keyof Query>(k: K, v: Query[K]) => setForm((f) => ({ ...f, [k]: v }))
  const search = (f: Query = form) => setQuery({ ...f, keyword: f.keyword.trim(), major: f.major.trim() })
  // a chip or a picked city searches at once; typed fields wait for 搜索
  const choose = <K extends 'degree' | 'city'>(k: K, v: Query[K]) => {
    const next = { ...form, [k]: v }
    setForm(next)
    search(next)
  }

  const gate = roleGate(session, ['employer'], { title: '仅用人单位账号可用', hint: '人才搜索面向用人单位' })
  if (gate) return gate
  return (
    <View className="page">
      {openId && <TalentDetail id={openId} onBack={() => setOpenId(null)} />}
      <View style={openId ? { display: 'none' } : undefined}>
        <View className="hiring-filters">
          <View className="hiring-filters__row">
            <Input
              className="hiring-filters__input e2e-talent-keyword"
              placeholder="姓名、学校、专业或技能"
              value={form.keyword}
              maxlength={50}
              confirmType="search"
              onInput={(e) => set('keyword', e.detail.value)}
              onConfirm={() => search()}
            />
            <Button
              className="btn btn--primary hiring-filters__search e2e-talent-search"
              onClick={() => search()}
            >
              搜索
            </Button>
          </View>
          <View className="hiring-filters__row">
            <Text className="hiring-filters__label">专业</Text>
            <Input
              className="hiring-filters__input e2e-talent-major"
              placeholder="如：计算机科学与技术"
              value={form.major}
              maxlength={50}
              onInput={(e) => set('major', e.detail.value)}
              onConfirm={() => search()}
            />
          </View>
          <View className="hiring-filters__row">
            <Text className="hiring-filters__label">意向城市</Text>
            <View className="hiring-filters__picker">
              <Picker
                mode="selector"
                range={CITY_RANGE}
                value={form.city ? CITY_RANGE.indexOf(form.city) : 0}
                onChange={(e) => {
                  const i = Number(e.detail.value)
                  choose('city', i === 0 ? null : (CITY_RANGE[i] ?? null))
                }}
              >
                <Text className="hiring-filters__value e2e-talent-city">{form.city ?? '不限'} ›</Text>
              </Picker>
            </View>
          </View>
          <View className="hiring-filters__row">
            <Text className="hiring-filters__label">学历</Text>
            <ChoiceChips
              name="talent-degree"
              options={DEGREES}
              value={form.degree}
              onChange={(v) => choose('degree', v)}
            />
          </View>
        </View>
        <AsyncList
          error={list.error}
          items={list.items}
          onRetry={() => void list.reload()}
          empty={
            <EmptyState
              className="e2e-talent-empty"
              title="没有找到符合条件的简历"
              hint="只有允许单位搜索简历的学生会出现在这里；可换个关键词试试"
            />
          }
          render={(c) => <TalentRow key={c.id} card={c} onOpen={() => setOpenId(c.id)} />}
        />
        <MoreFooter list={list} />
      </View>
    </View>
  )
}
