import { TextField } from '../../components/form'

/** The amendable terms as the employer types them (strings until parsed by the contract). */
export interface TermsDraft {
  position: string
  contractYears: string
  salaryMonthly: string
  workPlace: string
}

/** 岗位, 合同期限, 月薪, 工作地点: the inputs of 发起签约 and 修改条款 (`hook`: the e2e prefix). */
export function TermsFields(props: {
  draft: TermsDraft
  onChange: (d: TermsDraft) => void
  fields: Record<string, string>
  hook: string
}) {
  const { draft: d, fields: f } = props
  const set = (k: keyof TermsDraft) => (v: string) => props.onChange({ ...d, [k]: v })
  return (
    <>
      <TextField
        label="岗位"
        name="sign-position"
        value={d.position}
        onInput={set('position')}
        error={f.position}
        placeholder="如：前端开发工程师"
        maxlength={50}
        inputClassName={`${props.hook}-position`}
      />
      <TextField
        label="合同期限（年）"
        name="sign-contractYears"
        type="digit"
        value={d.contractYears}
        onInput={set('contractYears')}
        error={f.contractYears}
        placeholder="0.5–10，以半年计"
        maxlength={4}
        inputClassName={`${props.hook}-contractYears`}
      />
      <TextField
        label="月薪（元，税前）"
        name="sign-salaryMonthly"
        type="number"
        value={d.salaryMonthly}
        onInput={set('salaryMonthly')}
        error={f.salaryMonthly}
        placeholder="如：12000"
        maxlength={7}
        inputClassName={`${props.hook}-salaryMonthly`}
      />
      <TextField
        label="工作地点"
        name="sign-workPlace"
        value={d.workPlace}
        onInput={set('workPlace')}
        error={f.workPlace}
        placeholder="如：浙江省杭州市西湖区"
        maxlength={100}
        inputClassName={`${props.hook}-workPlace`}
      />
    </>
  )
}
