import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { KeyValue } from '../../components/form'
import { type MenuEntry, MenuList } from '../../components/menu-list'
import { APP_ROLE_LABELS } from '../../contracts/auth'
import { type BindingStatus, REVIEW_STATUS_LABELS } from '../../contracts/binding'
import { REVIEW_KIND_LABELS, ReviewKind } from '../../contracts/reviews'
import { logout, syncMe } from '../../services/auth'
import { confirmUnbind, fetchBindingStatus } from '../../services/binding'
import { useAwaitingReviews } from '../../services/reviews'
import {
  ADMIN_DELIVERIES_PAGE,
  BIND_PAGE,
  CAREER_PAGE,
  CHECKIN_GATE_PAGE,
  EMPLOYER_APPLICATIONS_PAGE,
  EMPLOYER_COMPANY_PAGE,
  EMPLOYER_FAIRS_PAGE,
  EMPLOYER_JOBS_PAGE,
  EMPLOYER_SIGNING_PAGE,
  EMPLOYER_TALENT_PAGE,
  INTENTION_PAGE,
  LOGIN_PAGE,
  MY_TICKETS_PAGE,
  PRIVACY_PAGE,
  PROCEDURES_PAGE,
  PROFILE_PAGE,
  PUSHES_PAGE,
  RESUME_LIST_PAGE,
  REVIEW_PAGE,
  REVIEW_QUEUE_PAGE,
  STAFF_EVENTS_PAGE,
  STAFF_REVIEWS_PAGE,
  STAFF_ROSTER_PAGE,
} from '../../services/routes'
import { getSession } from '../../services/session'
import { showUnreadBadge } from '../../services/tab-badge'
import { useSession } from '../../services/use-session'
import './index.css'

const go = (url: string) => () => void Taro.navigateTo({ url })

/** 待审核：生源信息核对 2 · 信息纠错 1 — the kinds with items waiting, in the registry's order */
function awaitingSummary(counts: Record<ReviewKind, number>): string {
  const waiting = ReviewKind.options.filter((k) => counts[k] > 0)
  return `待审核：${waiting.map((k) => `${REVIEW_KIND_LABELS[k]} ${counts[k]}`).join(' · ')}`
}

/** A student's binding: the roster record, a manual review's state, or the way to bind. */
function BindingCard({ status }: { status: BindingStatus | null }) {
  if (!status) {
    return (
      <View className="card me-binding">
        <Text className="me-binding__hint">学籍信息加载中…</Text>
      </View>
    )
  }
  const r = status.record
  if (r) {
    return (
      <View className="card me-binding e2e-me-binding">
        <View className="me-binding__head">
          <Text className="me-binding__title">学籍信息</Text>
          <Text className="me-binding__badge e2e-me-binding-state">已绑定</Text>
        </View>
        <KeyValue k="学校" v={<Text className="e2e-me-school">{r.schoolName}</Text>} />
        <KeyValue k="学院" v={r.college} />
        <KeyValue k="专业" v={r.major} />
        <KeyValue k="学号" v={<Text className="e2e-me-student-number">{r.studentNumber}</Text>} />
        <KeyValue k="身份证号" v={<Text className="e2e-me-id-card">{r.idCardMasked}</Text>} />
      </View>
    )
  }
  const review = status.review
  if (status.verified) {
    return (
      <View className="card me-binding e2e-me-binding">
        <View className="me-binding__head">
          <Text className="me-binding__title">身份核验</Text>
          <Text className="me-binding__badge e2e-me-binding-state">已通过人工审核</Text>
        </View>
        {review && <KeyValue k="毕业院校" v={review.graduatedFrom} />}
        {review && <KeyValue k="专业" v={review.major} />}
        {review && <KeyValue k="身份证号" v={review.idCardMasked} />}
      </View>
    )
  }
  return (
    <View className="card me-binding e2e-me-unbound">
      <View className="me-binding__head">
        <Text className="me-binding__title">学籍信息</Text>
        <Text className="me-binding__badge me-binding__badge--off e2e-me-binding-state">
          {review?.status === 'pending' ? '人工审核中' : '未绑定'}
        </Text>
      </View>
      <Text className="me-binding__hint">
        {review?.status === 'pending'
          ? '你的人工审核申请正在审核，通过后即可办理就业手续。'
          : '绑定学籍后才能投递简历、办理就业手续。'}
      </Text>
      {review?.status !== 'pending' && (
        <Button className="btn btn--primary me-card__action e2e-me-bind" onClick={go(BIND_PAGE)}>
          去绑定学籍
        </Button>
      )}
    </View>
  )
}

export default function MePage() {
  const session = useSession()
  const user = session?.user ?? null
  const [binding, setBinding] = useState<BindingStatus | null>(null)
  const awaitingReviews = useAwaitingReviews(user?.role === 'school_staff')

  // another account's binding must not show after a logout and a new login
  const userId = user?.id ?? null
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the user changes
  useEffect(() => setBinding(null), [userId])

  const loadBinding = () => {
    const s = getSession()
    if (s?.user.role !== 'student') return
    fetchBindingStatus({ toast: false })
      .then((b) => {
        if (getSession()?.user.id === s.user.id) setBinding(b)
      })
      .catch(() => undefined)
  }

  // the stored profile may be stale (renamed, bound, role changed): refresh it whenever the tab shows
  useDidShow(() => {
    if (!getSession()) return
    void syncMe()
    loadBinding()
  })

  const onLogout = async () => {
    const r = await Taro.showModal({ title: '退出登录', content: '确定要退出当前账号吗？' })
    if (!r.confirm) return
    await logout()
    showUnreadBadge(0)
    void Taro.showToast({ title: '已退出登录', icon: 'none' })
  }

  const onUnbind = async () => {
    if (await confirmUnbind()) loadBinding()
  }

  if (!user) {
    return (
      <View className="page">
        <View className="card me-card">
          <Text className="me-card__name">未登录</Text>
          <Text className="me-card__role">登录后可查看个人信息与办理就业手续</Text>
          <Button
            className="btn btn--primary me-card__action e2e-me-login"
            onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}
          >
            登录
          </Button>
        </View>
      </View>
    )
  }

  const menu: MenuEntry[] = []
  if (user.role === 'student') {
    const bound = !!binding?.record
    const pending = binding?.review?.status === 'pending'
    menu.push({
      key: 'bind',
      title: '绑定学籍',
      extra: bound ? '已绑定' : binding?.verified ? '已核验' : pending ? '审核中' : '未绑定',
      onTap: go(BIND_PAGE),
    })
    if (binding?.review && !bound) {
      menu.push({
        key: 'review',
        title: '人工审核',
        extra: REVIEW_STATUS_LABELS[binding.review.status],
        onTap: go(REVIEW_PAGE),
      })
    }
    menu.push({
      key: 'procedures',
      title: '就业手续',
      extra: '生源核对 · 纠错 · 推荐表',
      onTap: go(PROCEDURES_PAGE),
    })
    menu.push({ key: 'career', title: '求职', extra: '投递 · 面试 · 收藏', onTap: go(CAREER_PAGE) })
    menu.push({ key: 'tickets', title: '我的入场券', extra: '招聘会 · 宣讲会', onTap: go(MY_TICKETS_PAGE) })
    menu.push({ key: 'resume', title: '我的简历', onTap: go(RESUME_LIST_PAGE) })
    menu.push({ key: 'intention', title: '求职意向', onTap: go(INTENTION_PAGE) })
    menu.push({ key: 'pushes', title: '我的推送', extra: '按求职意向推荐', onTap: go(PUSHES_PAGE) })
    menu.push({ key: 'profile', title: '个人资料', onTap: go(PROFILE_PAGE) })
    menu.push({ key: 'privacy', title: '隐私设置', onTap: go(PRIVACY_PAGE) })
    if (bound) menu.push({ key: 'unbind', title: '解除绑定', danger: true, onTap: () => void onUnbind() })
  }
  if (user.role === 'employer') {
    menu.push({ key: 'employer-company', title: '单位信息', onTap: go(EMPLOYER_COMPANY_PAGE) })
    menu.push({ key: 'employer-jobs', title: '职位管理', onTap: go(EMPLOYER_JOBS_PAGE) })
    menu.push({ key: 'employer-applications', title: '收到的简历', onTap: go(EMPLOYER_APPLICATIONS_PAGE) })
    menu.push({ key: 'employer-talent', title: '人才搜索', onTap: go(EMPLOYER_TALENT_PAGE) })
    menu.push({ key: 'employer-fairs', title: '招聘会报名', onTap: go(EMPLOYER_FAIRS_PAGE) })
    menu.push({
      key: 'employer-signing',
      title: '签约管理',
      extra: '签约邀请 · 三方协议',
      onTap: go(EMPLOYER_SIGNING_PAGE),
    })
  }
  if (user.role === 'school_staff' || user.role === 'platform_admin') {
    menu.push({ key: 'staff-reviews', title: '学籍审核', onTap: go(STAFF_REVIEWS_PAGE) })
  }
  if (user.role === 'platform_admin') {
    menu.push({
      key: 'admin-deliveries',
      title: '消息投递',
      extra: '失败与重试',
      onTap: go(ADMIN_DELIVERIES_PAGE),
    })
  }
  if (user.role === 'school_staff') {
    menu.push({
      key: 'review-queue',
      title: '审核工作台',
      extra: awaitingReviews?.total ? awaitingSummary(awaitingReviews.counts) : '生源 · 纠错 · 推荐表',
      onTap: go(REVIEW_QUEUE_PAGE),
    })
    menu.push({ key: 'staff-roster', title: '生源导入', onTap: go(STAFF_ROSTER_PAGE) })
    menu.push({
      key: 'staff-events',
      title: '活动管理',
      extra: '招聘会 · 宣讲会',
      onTap: go(STAFF_EVENTS_PAGE),
    })
  }
  if (user.role === 'fair_staff') {
    menu.push({ key: 'checkin-gate', title: '入场签到', onTap: go(CHECKIN_GATE_PAGE) })
  }

  return (
    <View className="page">
      <View className="card me-card">
        <Text className="me-card__name e2e-me-name">{user.displayName}</Text>
        <Text className="me-card__role e2e-me-role">{APP_ROLE_LABELS[user.role]}</Text>
      </View>
      {user.role === 'student' && <BindingCard status={binding} />}
      <MenuList entries={menu} />
      <Button className="btn btn--danger e2e-me-logout" onClick={() => void onLogout()}>
        退出登录
      </Button>
    </View>
  )
}
