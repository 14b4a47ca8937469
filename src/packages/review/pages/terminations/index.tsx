import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { FormField, KeyValue, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import type { Termination } from '../../../../contracts/termination'
import { asApiError } from '../../../../services/request'
import {
  forceTermination,
  listTerminations,
  setTerminationForceDays,
} from '../../../../services/terminations'
import { useSession } from '../../../../services/use-session'
import { useStepRunner } from '../../../../services/use-step-runner'
import '../../review.css'

const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })

/**
 * 强制解约: the students' termination proposals the employer has not answered, with the days they
 * have waited; 强制解约 once the school's N days have passed (with a reason). School-level staff
 * set N here.
 */
export default function ForceTerminationsPage() {
  const session = useSession()
  const [data, setData] = useState<{ items: Termination[]; days: number | null } | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const [days, setDays] = useState('')

  const load = async () => {
    if (session?.user.role !== 'school_staff') return
    setLoadError(null)
    try {
      const r = await listTerminations({ toast: false })
      setData({ items: r.items, days: r.forceDays })
      setDays(String(r.forceDays ?? ''))
    } catch (e) {
      setLoadError(asApiError(e, '加载失败，请稍后再试').message)
    }
  }
  useDidShow(() => void load())

  const { busy, error, setError, run } = useStepRunner(load)

  const force = async (t: Termination) => {
    const reason = (reasons[t.id] ?? '').trim()
    if (reason.length < 2) {
      setError('请填写强制解约的理由')
      return
    }
    const ok = await Taro.showModal({
      title: '强制解约',
      content: '协议将立即解除，就业方案随之关闭。确定？',
    })
    if (ok.confirm) void run(() => forceTermination(t.id, reason), '已强制解约')
  }

  const gate = roleGate(session, ['school_staff'], { title: '仅学校老师可用', hint: '强制解约由学校办理' })
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!data) return <Loading />
  const now = Date.now()

  return (
    <View className="page e2e-force-page">
      <View className="card">
        <Text className="review-title">强制解约天数</Text>
        <Text className="review-hint e2e-force-days">
          用人单位 {data.days ?? '-'} 天未答复学生的解约申请，学校可强制解约
        </Text>
        {/* only school-level staff may save it: the API answers a college's staff 403 with its message */}
        {
          <FormField label="天数（1-90）" name="force-days">
            <Input
              className="form-field__input e2e-force-days-input"
              type="number"
              value={days}
              onInput={(e) => setDays(e.detail.value)}
            />
            <Button
              className="btn e2e-force-days-save"
              loading={busy}
              onClick={() => void run(() => setTerminationForceDays(Number(days)), '已保存')}
            >
              保存
            </Button>
          </FormField>
        }
      </View>
      {error && <Notice kind="error" lines={[error]} className="e2e-force-error" />}
      {data.items.length === 0 && <EmptyState title="没有等待用人单位答复的解约申请" />}
      {data.items.map((t) => {
        const due = t.forceableAt !== null && Date.parse(t.forceableAt) <= now
        return (
          <View key={t.id} className="card e2e-force-item">
            <Text className="review-title">
              {t.studentName ?? '学生'} · {t.subjectLabel}
            </Text>
            <KeyValue k="解约类型" v={t.typeLabel} />
            <KeyValue k="解约原因" v={t.reason} />
            <KeyValue k="已等待" v={<Text className="e2e-force-waiting">{t.daysWaiting} 天</Text>} />
            {due ? (
              <>
                <Textarea
                  className="form-field__textarea e2e-force-reason"
                  value={reasons[t.id] ?? ''}
                  maxlength={500}
                  placeholder="强制解约的理由"
                  onInput={(e) => setReasons((r) => ({ ...r, [t.id]: e.detail.value }))}
                />
                <Button
                  className="btn btn--danger e2e-force-submit"
                  loading={busy}
                  onClick={() => void force(t)}
                >
                  强制解约
                </Button>
              </>
            ) : (
              t.forceableAt && <Text className="review-hint">{day(t.forceableAt)} 起可强制解约</Text>
            )}
          </View>
        )
      })}
    </View>
  )
}
