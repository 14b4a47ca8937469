import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { AgreementPdfButton } from '../../../../components/agreement-pdf-button'
import { KeyValue } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import type { Agreement, AgreementStatus, Invitation } from '../../../../contracts/signing'
import { EMPLOYER_SIGNING_TERMINATION_PAGE } from '../../../../services/routes'
import {
  formatChinaTime,
  formatSalary,
  formatYears,
  listCompanyAgreements,
  listCompanyInvitations,
  withdrawInvitation,
} from '../../../../services/signing'
import { useSession } from '../../../../services/use-session'
import { AmendForm } from '../../signing-amend-form'
import '../../hiring.css'

const AMENDABLE = new Set<AgreementStatus>(['pending_review', 'returned'])

function InvitationCard(props: { invitation: Invitation; onChanged: () => void }) {
  const i = props.invitation
  const [busy, setBusy] = useState(false)
  const withdraw = async () => {
    if (busy) return
    const ok = await Taro.showModal({
      title: '撤回签约邀请',
      content: `确定撤回发给「${i.studentName ?? '学生'}」的签约邀请？`,
    })
    if (!ok.confirm) return
    setBusy(true)
    try {
      await withdrawInvitation(i.id)
      void Taro.showToast({ title: '已撤回', icon: 'success' })
    } catch {
      // the wrapper toasted why (answered meanwhile, expired)
    } finally {
      setBusy(false)
      props.onChanged()
    }
  }
  return (
    <View className="card e2e-esign-invitation">
      <View className="hiring-item__head">
        <Text className="hiring-item__name">{i.studentName ?? '学生'}</Text>
        <StatusTag status={i.status} className="e2e-esign-invitation-status">
          {i.statusLabel}
        </StatusTag>
      </View>
      <Text className="hiring-item__meta">
        {i.position} · {formatYears(i.contractYears)} · {formatSalary(i.salaryMonthly)}
      </Text>
      <Text className="hiring-item__meta">
        {i.workPlace} · 答复截止 {formatChinaTime(i.replyBy)}
      </Text>
      {i.status === 'pending' && (
        <View className="hiring-buttons">
          <Button
            className="btn btn--danger e2e-esign-withdraw"
            loading={busy}
            disabled={busy}
            onClick={() => void withdraw()}
          >
            撤回
          </Button>
        </View>
      )}
    </View>
  )
}

function AgreementCard(props: { agreement: Agreement; onChanged: () => void }) {
  const a = props.agreement
  const [amending, setAmending] = useState(false)
  return (
    <View className="card e2e-esign-agreement">
      <View className="hiring-item__head">
        <Text className="hiring-item__name">{a.studentName ?? '学生'}</Text>
        <StatusTag status={a.status} className="e2e-esign-agreement-status">
          {a.statusLabel}
        </StatusTag>
      </View>
      <KeyValue k="协议编号" v={<Text className="e2e-esign-agreement-number">{a.number}</Text>} />
      <KeyValue k="岗位" v={a.position} />
      <KeyValue k="合同期限" v={formatYears(a.contractYears)} />
      <KeyValue k="月薪（税前）" v={formatSalary(a.salaryMonthly)} />
      <KeyValue k="工作地点" v={a.workPlace} />
      {a.status === 'returned' && a.returnReason && (
        <Text className="hiring-item__meta e2e-esign-return-reason">学校退回：{a.returnReason}</Text>
      )}
      {a.status === 'pending_confirm' && <Text className="hiring-item__meta">已修改，等待学生确认</Text>}
      <View className="hiring-buttons">
        <AgreementPdfButton agreement={a} prefix="e2e-esign-agreement" />
        {(a.status === 'approved' || a.status === 'terminated') && (
          <Button
            className="btn e2e-esign-termination"
            onClick={() =>
              Taro.navigateTo({ url: `${EMPLOYER_SIGNING_TERMINATION_PAGE}?agreementId=${a.id}` })
            }
          >
            解约
          </Button>
        )}
      </View>
      {AMENDABLE.has(a.status) && !amending && (
        <View className="hiring-buttons">
          <Button className="btn e2e-esign-amend" onClick={() => setAmending(true)}>
            修改条款
          </Button>
        </View>
      )}
      {amending && (
        <AmendForm
          agreement={a}
          onCancel={() => setAmending(false)}
          onSaved={() => {
            setAmending(false)
            props.onChanged()
          }}
        />
      )}
    </View>
  )
}

/** 签约管理: the company's invitations (撤回 while pending) and agreements (修改条款 before approval). */
export default function EmployerSigningPage() {
  const session = useSession()
  const isEmployer = session?.user.role === 'employer'
  const [data, setData] = useState<{ invitations: Invitation[]; agreements: Agreement[] } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    if (!isEmployer) return
    setError(null)
    try {
      const [invitations, agreements] = await Promise.all([
        listCompanyInvitations({ toast: false }),
        listCompanyAgreements({ toast: false }),
      ])
      setData({ invitations: invitations.items, agreements: agreements.items })
    } catch (e) {
      setError((e as Error).message)
    }
  }
  useDidShow(() => void load())

  const gate = roleGate(session, ['employer'], { title: '仅用人单位账号可用', hint: '签约管理面向用人单位' })
  if (gate) return gate
  if (error) return <ErrorState message={error} onRetry={() => void load()} />
  if (!data) return <Loading />

  return (
    <View className="page e2e-esign-home">
      <Text className="hiring-section-title">三方协议</Text>
      {data.agreements.length === 0 && (
        <Text className="hiring-item__meta">学生接受签约邀请后，协议会出现在这里。</Text>
      )}
      {data.agreements.map((a) => (
        <AgreementCard key={a.id} agreement={a} onChanged={() => void load()} />
      ))}
      <Text className="hiring-section-title">签约邀请</Text>
      {data.invitations.length === 0 && (
        <Text className="hiring-item__meta">在「收到的简历」中打开一份投递，即可向该学生发起签约。</Text>
      )}
      {data.invitations.map((i) => (
        <InvitationCard key={i.id} invitation={i} onChanged={() => void load()} />
      ))}
    </View>
  )
}
