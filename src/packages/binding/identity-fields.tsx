import { ChoiceChips, FormField, TextField } from '../../components/form'
import type { DegreeLevel } from '../../contracts/binding'
import { DEGREE_OPTIONS } from './labels'

export interface IdentityForm {
  name: string
  idCard: string
  degreeLevel: DegreeLevel | null
  graduationYear: string
}

/**
 * 姓名, 身份证号, 学历层次, 毕业年份: what both binding (where the last two are an optional extra
 * check) and a manual-review application (where they are required) ask of the student.
 */
export function IdentityFields<F extends IdentityForm>(props: {
  form: F
  fields: Record<string, string>
  set: <K extends keyof F>(key: K, value: F[K]) => void
  /** e2e hook prefix: `e2e-<prefix>-name`, … */
  prefix: string
  namePlaceholder: string
  /** degree and year optional (binding) or required (manual review) */
  optionalDetails: boolean
}) {
  const { form, fields, prefix, optionalDetails } = props
  // F only adds fields to IdentityForm, so its identity fields have exactly these types
  const set = <K extends keyof IdentityForm>(key: K, value: IdentityForm[K]) => props.set(key, value as F[K])
  return (
    <>
      <TextField
        label="姓名"
        name="name"
        error={fields.name}
        inputClassName={`e2e-${prefix}-name`}
        placeholder={props.namePlaceholder}
        value={form.name}
        maxlength={50}
        onInput={(v) => set('name', v)}
      />
      <TextField
        label="身份证号"
        name="idCard"
        error={fields.idCard}
        inputClassName={`e2e-${prefix}-id-card`}
        type="idcard"
        placeholder="18位身份证号"
        value={form.idCard}
        maxlength={18}
        onInput={(v) => set('idCard', v)}
      />
      <FormField label="学历层次" name="degreeLevel" optional={optionalDetails} error={fields.degreeLevel}>
        <ChoiceChips
          name={`${prefix}-degree`}
          options={optionalDetails ? [{ value: null, label: '不填' }, ...DEGREE_OPTIONS] : DEGREE_OPTIONS}
          value={form.degreeLevel}
          onChange={(v) => set('degreeLevel', v)}
        />
      </FormField>
      <TextField
        label="毕业年份"
        name="graduationYear"
        optional={optionalDetails}
        error={fields.graduationYear}
        inputClassName={`e2e-${prefix}-graduation-year`}
        type="number"
        placeholder={`如 ${new Date().getFullYear() + (optionalDetails ? 1 : 0)}`}
        value={form.graduationYear}
        maxlength={4}
        onInput={(v) => set('graduationYear', v)}
      />
    </>
  )
}
