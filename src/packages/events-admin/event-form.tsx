import { Picker, Text, Textarea, View } from '@tarojs/components'
import { ChoiceChips, FormField, issuesToFields, labelOptions, TextField } from '../../components/form'
import type { Company } from '../../contracts/companies'
import {
  EVENT_KIND_LABELS,
  EVENT_MODE_LABELS,
  type EventForm,
  type EventKind,
  type EventMode,
  EventUpsertBody,
} from '../../contracts/events'

/** The form as typed: times in China time as `2026-12-10 09:00`, numbers as text. */
export interface EventFormState {
  kind: EventKind
  mode: EventMode
  title: string
  description: string
  venue: string
  city: string
  onlineUrl: string
  startsAt: string
  endsAt: string
  capacity: string
  registrationClosesAt: string
  checkinOpensAt: string
  checkinClosesAt: string
  companyId: string | null
}

export const EMPTY_EVENT_FORM: EventFormState = {
  kind: 'fair',
  mode: 'onsite',
  title: '',
  description: '',
  venue: '',
  city: '',
  onlineUrl: '',
  startsAt: '',
  endsAt: '',
  capacity: '',
  registrationClosesAt: '',
  checkinOpensAt: '',
  checkinClosesAt: '',
  companyId: null,
}

/** What publishing lacks (EventMissingField), as the form names it. */
export const MISSING_LABELS: Record<string, string> = {
  venue: '活动地点',
  capacity: '名额',
  onlineUrl: '线上链接',
  companyId: '宣讲单位',
  city: '城市',
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/

/** ISO → `2026-12-10 09:00` in China time (whatever the phone's zone). */
export function toChinaLocal(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

/** `2026-12-10 09:00` (China time) → ISO with +08:00; null when empty, undefined when malformed. */
export function fromChinaLocal(s: string): string | null | undefined {
  const t = s.trim()
  if (!t) return null
  const m = LOCAL_TIME.exec(t)
  if (!m) return undefined
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`
  return Number.isNaN(Date.parse(iso)) ? undefined : iso
}

export function formFromEvent(f: EventForm): EventFormState {
  return {
    kind: f.kind,
    mode: f.mode,
    title: f.title,
    description: f.description ?? '',
    venue: f.venue ?? '',
    city: f.city ?? '',
    onlineUrl: f.onlineUrl ?? '',
    startsAt: toChinaLocal(f.startsAt),
    endsAt: toChinaLocal(f.endsAt),
    capacity: f.capacity === null ? '' : String(f.capacity),
    registrationClosesAt: toChinaLocal(f.registrationClosesAt),
    checkinOpensAt: toChinaLocal(f.checkinOpensAt),
    checkinClosesAt: toChinaLocal(f.checkinClosesAt),
    companyId: f.companyId,
  }
}

const TIME_FIELDS = [
  'startsAt',
  'endsAt',
  'registrationClosesAt',
  'checkinOpensAt',
  'checkinClosesAt',
] as const

/** The form as the API's body, or the field errors (the same zod schema the API parses with). */
export function formToBody(
  f: EventFormState,
): { body: EventUpsertBody; fields?: undefined } | { body?: undefined; fields: Record<string, string> } {
  const fields: Record<string, string> = {}
  const times: Partial<Record<(typeof TIME_FIELDS)[number], string | null>> = {}
  for (const k of TIME_FIELDS) {
    const v = fromChinaLocal(f[k])
    if (v === undefined) fields[k] = '时间格式应为 2026-12-10 09:00'
    else times[k] = v
  }
  const capacity = f.capacity.trim() === '' ? null : Number(f.capacity)
  const onsite = f.mode === 'onsite'
  const candidate = {
    kind: f.kind,
    mode: f.mode,
    title: f.title,
    description: f.description,
    venue: onsite ? f.venue : null,
    city: f.city,
    onlineUrl: onsite ? null : f.onlineUrl,
    startsAt: times.startsAt ?? '',
    endsAt: times.endsAt ?? '',
    capacity: onsite ? capacity : null,
    registrationClosesAt: onsite ? (times.registrationClosesAt ?? null) : null,
    checkinOpensAt: onsite ? (times.checkinOpensAt ?? null) : null,
    checkinClosesAt: onsite ? (times.checkinClosesAt ?? null) : null,
    companyId: f.kind === 'info_session' ? f.companyId : null,
  }
  const parsed = EventUpsertBody.safeParse(candidate)
  if (!parsed.success) Object.assign(fields, { ...issuesToFields(parsed.error.issues), ...fields })
  if (Object.keys(fields).length > 0) return { fields }
  return { body: candidate }
}

const TIME_HINT = '如：2026-12-10 09:00（北京时间）'

type TimeKey = 'startsAt' | 'endsAt' | 'registrationClosesAt' | 'checkinOpensAt' | 'checkinClosesAt'

/** A time field: `id` names it (`event-<id>`) and its test hook (`e2e-admin-<id>`). */
interface WhenField {
  key: TimeKey
  label: string
  id: string
  placeholder: string
  optional?: boolean
}

const WHEN_FIELDS: readonly WhenField[] = [
  { key: 'startsAt', label: '开始时间', id: 'starts', placeholder: TIME_HINT },
  { key: 'endsAt', label: '结束时间', id: 'ends', placeholder: TIME_HINT },
]

/** On site only: when registration closes and the gates' check-in window. */
const ONSITE_WHEN_FIELDS: readonly WhenField[] = [
  {
    key: 'registrationClosesAt',
    label: '报名截止',
    id: 'registration-closes',
    placeholder: '默认为开始时间',
    optional: true,
  },
  {
    key: 'checkinOpensAt',
    label: '签到开始',
    id: 'checkin-opens',
    placeholder: '默认为开始前 1 小时',
    optional: true,
  },
  {
    key: 'checkinClosesAt',
    label: '签到结束',
    id: 'checkin-closes',
    placeholder: '默认为结束时间',
    optional: true,
  },
]

/** The draft's fields; `disabled` shows them read-only (a published event is not edited). */
export function EventFormFields(props: {
  form: EventFormState
  fields: Record<string, string>
  companies: Company[]
  set: <K extends keyof EventFormState>(k: K, v: EventFormState[K]) => void
}) {
  const { form, fields, set } = props
  const onsite = form.mode === 'onsite'
  const timeField = (f: WhenField) => (
    <TextField
      key={f.key}
      label={f.label}
      name={`event-${f.id}`}
      optional={f.optional}
      error={fields[f.key]}
      value={form[f.key]}
      placeholder={f.placeholder}
      inputClassName={`e2e-admin-${f.id}`}
      onInput={(v) => set(f.key, v)}
    />
  )
  const companyIndex = props.companies.findIndex((c) => c.id === form.companyId)
  return (
    <View className="card e2e-admin-form">
      <FormField label="活动类型" name="event-kind" error={fields.kind}>
        <ChoiceChips
          name="event-kind"
          options={labelOptions(EVENT_KIND_LABELS)}
          value={form.kind}
          onChange={(v) => v && set('kind', v)}
        />
      </FormField>
      <FormField label="举办方式" name="event-mode" error={fields.mode}>
        <ChoiceChips
          name="event-mode"
          options={labelOptions(EVENT_MODE_LABELS)}
          value={form.mode}
          onChange={(v) => v && set('mode', v)}
        />
      </FormField>
      <TextField
        label="活动名称"
        name="event-title"
        error={fields.title}
        value={form.title}
        maxlength={100}
        inputClassName="e2e-admin-title"
        onInput={(v) => set('title', v)}
      />
      {form.kind === 'info_session' && (
        <FormField label="宣讲单位" name="event-company" error={fields.companyId}>
          <Picker
            mode="selector"
            range={props.companies.map((c) => c.name)}
            value={Math.max(0, companyIndex)}
            onChange={(e) => set('companyId', props.companies[Number(e.detail.value)]?.id ?? null)}
          >
            <Text className="admin-picker e2e-admin-company">
              {companyIndex >= 0 ? props.companies[companyIndex]!.name : '请选择已认证的用人单位'}
            </Text>
          </Picker>
        </FormField>
      )}
      <TextField
        label="城市"
        name="event-city"
        optional
        error={fields.city}
        value={form.city}
        maxlength={30}
        inputClassName="e2e-admin-city"
        onInput={(v) => set('city', v)}
      />
      {onsite ? (
        <>
          <TextField
            label="活动地点"
            name="event-venue"
            error={fields.venue}
            value={form.venue}
            maxlength={100}
            placeholder="如：体育馆一楼"
            inputClassName="e2e-admin-venue"
            onInput={(v) => set('venue', v)}
          />
          <TextField
            label="名额"
            name="event-capacity"
            type="number"
            error={fields.capacity}
            value={form.capacity}
            inputClassName="e2e-admin-capacity"
            onInput={(v) => set('capacity', v)}
          />
        </>
      ) : (
        <TextField
          label="线上链接"
          name="event-online-url"
          error={fields.onlineUrl}
          value={form.onlineUrl}
          maxlength={300}
          placeholder="https://"
          inputClassName="e2e-admin-online-url"
          onInput={(v) => set('onlineUrl', v)}
        />
      )}
      {WHEN_FIELDS.map(timeField)}
      {onsite && ONSITE_WHEN_FIELDS.map(timeField)}
      <FormField label="活动介绍" name="event-description" optional error={fields.description}>
        <Textarea
          className="form-field__textarea e2e-admin-description"
          value={form.description}
          maxlength={5000}
          placeholder="活动安排、参会须知等"
          onInput={(e) => set('description', e.detail.value)}
        />
      </FormField>
    </View>
  )
}
