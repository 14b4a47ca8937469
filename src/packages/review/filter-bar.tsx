import { Button, Input, Text, View } from '@tarojs/components'
import type { Dispatch, SetStateAction } from 'react'
import { ChoiceChips, FormField, TextField } from '../../components/form'
import type { QueueStatus } from '../../contracts/reviews'

const STATUS_OPTIONS: ReadonlyArray<{ value: QueueStatus; label: string }> = [
  { value: 'awaiting', label: '待审核' },
  { value: 'decided', label: '已处理' },
  { value: 'all', label: '全部' },
]

/** The filter's text fields as typed (applied with 查询). */
export interface Draft {
  major: string
  graduationYear: string
  submittedFrom: string
  submittedTo: string
  q: string
}
export const EMPTY_DRAFT: Draft = { major: '', graduationYear: '', submittedFrom: '', submittedTo: '', q: '' }
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** What is wrong with the typed filter, or null. */
export function draftError(d: Draft): string | null {
  if ((d.submittedFrom && !DAY.test(d.submittedFrom)) || (d.submittedTo && !DAY.test(d.submittedTo)))
    return '日期格式为 YYYY-MM-DD'
  if (d.graduationYear && !/^\d{4}$/.test(d.graduationYear)) return '毕业年份为四位数字'
  return null
}

/** The queue's filters: state chips, the colleges (school-level staff only), search, major, year and dates. */
export function FilterBar(props: {
  status: QueueStatus
  onStatus: (s: QueueStatus) => void
  /** the colleges to choose from, or null when the caller's scope is one college */
  colleges: string[] | null
  college: string | null
  onCollege: (c: string | null) => void
  draft: Draft
  setDraft: Dispatch<SetStateAction<Draft>>
  error: string | null
  onApply: () => void
  onClear: () => void
}) {
  const { draft, setDraft } = props
  const text = (key: keyof Draft) => (v: string) => setDraft((d) => ({ ...d, [key]: v }))
  return (
    <View className="review-filters e2e-review-filters">
      <ChoiceChips
        name="review-status"
        options={STATUS_OPTIONS}
        value={props.status}
        onChange={(v) => {
          if (v) props.onStatus(v)
        }}
      />
      {props.colleges && (
        <ChoiceChips
          name="review-college"
          options={[
            { value: null, label: '全部学院' },
            ...props.colleges.map((c) => ({ value: c, label: c })),
          ]}
          value={props.college}
          onChange={props.onCollege}
        />
      )}
      <FormField label="搜索" name="review-search">
        <Input
          className="form-field__input e2e-review-search"
          placeholder="姓名或学号开头"
          value={draft.q}
          maxlength={50}
          confirmType="search"
          onInput={(e) => text('q')(e.detail.value)}
          onConfirm={props.onApply}
        />
      </FormField>
      <View className="review-filters__row">
        <TextField
          label="专业"
          name="review-major"
          inputClassName="e2e-review-major"
          placeholder="全部"
          maxlength={100}
          value={draft.major}
          onInput={text('major')}
        />
        <TextField
          label="毕业年份"
          name="review-year"
          inputClassName="e2e-review-year"
          type="number"
          placeholder="如 2027"
          maxlength={4}
          value={draft.graduationYear}
          onInput={text('graduationYear')}
        />
      </View>
      <View className="review-filters__row">
        <TextField
          label="提交日期从"
          name="review-from"
          inputClassName="e2e-review-from"
          placeholder="YYYY-MM-DD"
          maxlength={10}
          value={draft.submittedFrom}
          onInput={text('submittedFrom')}
        />
        <TextField
          label="至"
          name="review-to"
          inputClassName="e2e-review-to"
          placeholder="YYYY-MM-DD"
          maxlength={10}
          value={draft.submittedTo}
          onInput={text('submittedTo')}
        />
      </View>
      {props.error && <Text className="review-filters__error e2e-review-filter-error">{props.error}</Text>}
      <View className="review-filters__actions">
        <Button className="btn e2e-review-filter-clear" onClick={props.onClear}>
          重置
        </Button>
        <Button className="btn btn--primary e2e-review-filter-apply" onClick={props.onApply}>
          查询
        </Button>
      </View>
    </View>
  )
}
