import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { issuesToFields, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { type UploadedItem, UploadList } from '../../../../components/upload-list'
import { type OfflineField, OfflineFields } from '../../../../contracts/agreement-offline'
import { asApiError } from '../../../../services/request'
import { SIGNING_OFFLINE_PAGE } from '../../../../services/routes'
import { fieldsUnder } from '../../../../services/signing'
import { fileBlank } from '../../../../services/signing-offline'
import { useSession } from '../../../../services/use-session'
import { emptyValues, fieldsOf, OfflineForm, type OfflineValues, refusalText } from '../../offline-form'
import '../../signing.css'

/** The key fields of a hand-filled blank agreement (the campus platforms' 空白协议). */
const BLANK_FIELDS: readonly OfflineField[] = [
  'employerName',
  'creditCode',
  'contactName',
  'contactPhone',
  'position',
  'contractYears',
  'salaryMonthly',
  'workPlace',
  'takesArchive',
  'archiveTo',
  'reportCardTo',
  'takesHukou',
  'hukouTo',
]

/**
 * 上传空白协议: the student printed the blank agreement, filled it by hand and had it stamped; they
 * enter its key fields, upload the scans and 提交审核 (straight to the school).
 */
export default function BlankPage() {
  const session = useSession()
  const [values, setValues] = useState<OfflineValues>(emptyValues())
  const [scans, setScans] = useState<UploadedItem[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    setMessage(null)
    const parsed = OfflineFields.safeParse(fieldsOf(values, BLANK_FIELDS))
    if (!parsed.success || scans.length === 0) {
      const f = parsed.success ? {} : issuesToFields(parsed.error.issues)
      if (scans.length === 0) f.scanKeys = '请上传盖章后的协议扫描件'
      setErrors(f)
      return
    }
    setBusy(true)
    try {
      const a = await fileBlank({ fields: parsed.data, scanKeys: scans.map((s) => s.key) })
      void Taro.showToast({ title: '已提交审核', icon: 'success' })
      void Taro.redirectTo({ url: `${SIGNING_OFFLINE_PAGE}?id=${a.id}` })
    } catch (e) {
      const err = asApiError(e, '提交失败，请稍后再试')
      setErrors(fieldsUnder(err.fields, 'fields'))
      setMessage(refusalText(err))
    } finally {
      setBusy(false)
    }
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '空白协议面向学生' })
  if (gate) return gate
  return (
    <View className="page e2e-blank-page">
      <View className="card">
        <Text className="sign-note">
          向辅导员领取空白协议书，手写填好后找单位和学校签字盖章，再按协议书上的内容填写以下信息并上传扫描件。
        </Text>
        <OfflineForm
          values={values}
          errors={errors}
          fields={BLANK_FIELDS}
          onChange={(f, v) => setValues((x) => ({ ...x, [f]: v }))}
        />
      </View>
      <View className="card">
        <UploadList
          label="协议扫描件"
          name="blank-scans"
          items={scans}
          max={6}
          onChange={setScans}
          note="每一页都要清晰可见盖章（图片或 PDF，5MB 以内）"
          error={errors.scanKeys}
        />
      </View>
      {message && <Notice kind="error" lines={[message]} className="e2e-blank-error" />}
      <Button className="btn btn--primary e2e-blank-submit" loading={busy} onClick={() => void submit()}>
        提交审核
      </Button>
    </View>
  )
}
