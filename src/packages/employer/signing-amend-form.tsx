import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { issuesToFields, Notice } from '../../components/form'
import { type Agreement, AmendAgreementRequest } from '../../contracts/signing'
import { asApiError } from '../../services/request'
import { amendAgreement, fieldsUnder } from '../../services/signing'
import { type TermsDraft, TermsFields } from './signing-fields'

/**
 * 修改条款 of an agreement before the school approves it: only what changed is sent; the student
 * confirms the new terms before the agreement goes back to the school.
 */
export function AmendForm(props: { agreement: Agreement; onSaved: () => void; onCancel: () => void }) {
  const a = props.agreement
  const [draft, setDraft] = useState<TermsDraft>({
    position: a.position,
    contractYears: String(a.contractYears),
    salaryMonthly: String(a.salaryMonthly),
    workPlace: a.workPlace,
  })
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async () => {
    if (busy) return
    setError(null)
    const changed: Record<string, string> = {}
    if (draft.position.trim() !== a.position) changed.position = draft.position
    if (Number(draft.contractYears) !== a.contractYears) changed.contractYears = draft.contractYears
    if (Number(draft.salaryMonthly) !== a.salaryMonthly) changed.salaryMonthly = draft.salaryMonthly
    if (draft.workPlace.trim() !== a.workPlace) changed.workPlace = draft.workPlace
    const input = AmendAgreementRequest.safeParse({ terms: changed })
    if (!input.success) {
      const f = issuesToFields(input.error.issues.map((i) => ({ ...i, path: i.path.slice(1) })))
      setFields(f)
      if (Object.keys(changed).length === 0) setError('请至少修改一项条款')
      return
    }
    setFields({})
    setBusy(true)
    try {
      await amendAgreement(a.id, input.data.terms)
      void Taro.showToast({ title: '已修改，待学生确认', icon: 'success' })
      props.onSaved()
    } catch (e) {
      const err = asApiError(e, '保存失败，请稍后再试')
      if (err.fields) setFields(fieldsUnder(err.fields, 'terms'))
      setError(err.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card e2e-esign-amend-form">
      <Text className="hiring-section-title">修改条款</Text>
      <TermsFields draft={draft} onChange={setDraft} fields={fields} hook="e2e-esign-amend-field" />
      <Text className="hiring-item__meta">修改后需学生确认，协议再送学校审核。</Text>
      {error && <Notice kind="error" lines={[error]} className="e2e-esign-error" />}
      <View className="hiring-buttons">
        <Button className="btn" onClick={props.onCancel}>
          取消
        </Button>
        <Button
          className="btn btn--primary e2e-esign-amend-save"
          loading={busy}
          disabled={busy}
          onClick={() => void save()}
        >
          保存修改
        </Button>
      </View>
    </View>
  )
}
