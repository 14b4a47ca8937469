import { View } from '@tarojs/components'
import { KeyValue } from '../../components/form'
import type { Agreement, Invitation } from '../../contracts/signing'
import { formatSalary, formatYears } from '../../services/signing'

/** The terms an invitation or agreement states: position, term, salary, place, archive and hukou. */
export function TermsView(props: {
  terms: Pick<
    Invitation | Agreement,
    'position' | 'contractYears' | 'salaryMonthly' | 'workPlace' | 'takesArchive' | 'takesHukou'
  > & { archiveTo: string | null; hukouTo: string | null; reportCardTo?: string | null }
  /** an agreement: the addresses are where they go, whoever named them */
  agreement?: boolean
}) {
  const t = props.terms
  const archive = props.agreement
    ? (t.archiveTo ?? '—')
    : t.takesArchive
      ? `单位接收：${t.archiveTo ?? ''}`
      : '单位不接收，接受时由你填写去向'
  const hukou = props.agreement
    ? (t.hukouTo ?? '—')
    : t.takesHukou
      ? `单位接收：${t.hukouTo ?? ''}`
      : '单位不接收，接受时由你填写去向'
  return (
    <View className="e2e-sign-terms">
      <KeyValue k="岗位" v={t.position} />
      <KeyValue k="合同期限" v={formatYears(t.contractYears)} />
      <KeyValue k="月薪（税前）" v={formatSalary(t.salaryMonthly)} />
      <KeyValue k="工作地点" v={t.workPlace} />
      <KeyValue k="档案" v={archive} />
      {props.agreement && <KeyValue k="报到证去向" v={t.reportCardTo ?? '—'} />}
      <KeyValue k="户口" v={hukou} />
    </View>
  )
}
