import { Text, View } from '@tarojs/components'
import { useLoad, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { KeyValue, Notice } from '../../../../components/form'
import { ErrorState, Loading } from '../../../../components/state-views'
import type { Standing, VerifyAgreementResponse } from '../../../../contracts/agreement-verification'
import { AGREEMENT_STATUS_LABELS } from '../../../../contracts/signing'
import { verifyAgreement } from '../../../../services/agreement-verification'
import { asApiError } from '../../../../services/request'
import { formatChinaTime } from '../../../../services/signing'
import './index.css'

const TONES: Record<Standing, 'ok' | 'error' | 'warn'> = {
  effective: 'ok',
  terminated: 'error',
  not_effective: 'warn',
}
const HINTS: Record<Standing, string> = {
  effective: '该协议已经学校就业部门审核通过，现行有效。',
  terminated: '该协议已解除，不再有效。',
  not_effective: '该协议已生成，尚在办理或审核中，学校审核通过后生效。',
}

/** A query value as typed (a hand-edited link may hold a stray `%`: then it is taken as is). */
function decoded(v: string | undefined): string {
  try {
    return decodeURIComponent(v ?? '')
  } catch {
    return v ?? ''
  }
}

/**
 * 协议验真: what the QR code on an agreement PDF opens, for anyone — no login, no token (the page
 * uses no session, and its one call says `auth: false`). It shows only the paper's first lines:
 * 协议编号, 用人单位, 学生姓名 (masked) and the status, with a clear verdict.
 */
export default function VerifyAgreementPage() {
  const params = useRouter().params
  const no = decoded(params.no)
  const s = decoded(params.s)
  const [answer, setAnswer] = useState<VerifyAgreementResponse | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    setError(null)
    try {
      setAnswer(await verifyAgreement(no, s))
    } catch (e) {
      setError(asApiError(e, '查询失败，请稍后再试').message)
    }
  }
  useLoad(() => void load())

  if (error) return <ErrorState message={error} onRetry={() => void load()} />
  if (!answer) return <Loading text="正在验证协议…" />

  if (answer.verdict === 'forged') {
    return (
      <View className="page e2e-verify-page">
        <Notice kind="error" lines={[]} className="verify-verdict e2e-verify-verdict e2e-verify-forged">
          <Text className="verify-verdict__title">{answer.statusLabel}</Text>
          <Text className="notice__line">
            没有找到与该编号和验证码相符的协议。请核对纸质协议上的编号，或向学校就业部门核实。
          </Text>
        </Notice>
        <View className="card">
          <KeyValue k="协议编号" v={answer.number ?? '—'} className="e2e-verify-number" />
        </View>
      </View>
    )
  }

  const a = answer
  return (
    <View className="page e2e-verify-page">
      <Notice kind={TONES[a.standing]} lines={[]} className="verify-verdict e2e-verify-verdict">
        <Text className="verify-verdict__title e2e-verify-status">{a.statusLabel}</Text>
        <Text className="notice__line">{HINTS[a.standing]}</Text>
      </Notice>
      <View className="card">
        <KeyValue k="协议编号" v={a.number} className="e2e-verify-number" />
        <KeyValue k="用人单位" v={a.employerName} className="e2e-verify-employer" />
        <KeyValue k="学生姓名" v={a.studentNameMasked} className="e2e-verify-student" />
        <KeyValue k="状态" v={AGREEMENT_STATUS_LABELS[a.status]} className="e2e-verify-agreement-status" />
        {a.effectiveAt && <KeyValue k="生效时间" v={formatChinaTime(a.effectiveAt)} />}
        {a.endedAt && <KeyValue k="解约时间" v={formatChinaTime(a.endedAt)} />}
      </View>
      <Text className="verify-footnote">
        本页面仅显示协议的编号、用人单位、部分隐藏的学生姓名与状态，以系统记录为准。
      </Text>
    </View>
  )
}
