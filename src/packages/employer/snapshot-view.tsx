import { Text, View } from '@tarojs/components'
import { EDUCATION_DEGREE_LABELS, RESUME_GENDER_LABELS, readStoredContent } from '../../contracts/resumes'

/**
 * A resume's content, read-only, as the employer receives it (an application's snapshot, a talent
 * search hit). The content is kept as the student sent it, possibly under an older shape of
 * ResumeContent or written straight through the Data API, so it is read with H3's lenient
 * `readStoredContent` (known fields of the right type; anything else left out, never a crash), and
 * the labels follow the resume's language.
 */
type Lang = 'zh' | 'en'
type Entry = Record<string, string>

const L = {
  zh: {
    intention: '求职意向',
    education: '教育背景',
    internships: '实习经历',
    projects: '项目经历',
    campusRoles: '校园经历',
    awards: '获奖情况',
    certificates: '证书',
    skills: '技能特长',
    selfEvaluation: '自我评价',
    phoneHidden: '学生未公开手机号',
    gpa: '成绩/GPA',
    courses: '主修课程',
    salary: '期望薪资',
    position: '期望职位',
    cities: '期望城市',
    nature: '工作性质',
    present: '至今',
  },
  en: {
    intention: 'Career objective',
    education: 'Education',
    internships: 'Internships',
    projects: 'Projects',
    campusRoles: 'Campus activities',
    awards: 'Awards',
    certificates: 'Certificates',
    skills: 'Skills',
    selfEvaluation: 'About me',
    phoneHidden: 'Phone not shared',
    gpa: 'GPA',
    courses: 'Courses',
    salary: 'Expected salary',
    position: 'Position',
    cities: 'Cities',
    nature: 'Type',
    present: 'present',
  },
} as const

const DEGREE: Record<Lang, Record<string, string>> = {
  zh: EDUCATION_DEGREE_LABELS,
  en: { college: 'Associate', bachelor: "Bachelor's", master: "Master's", doctor: 'Doctorate' },
}
const GENDER: Record<Lang, Record<string, string>> = {
  zh: RESUME_GENDER_LABELS,
  en: { male: 'Male', female: 'Female' },
}

type SectionKey =
  | 'education'
  | 'internships'
  | 'projects'
  | 'campusRoles'
  | 'awards'
  | 'certificates'
  | 'skills'
/** Each list section: the entry's heading field and the fields under it, in the order they show. */
const SECTIONS: ReadonlyArray<{ key: SectionKey; head: string; sub: string[]; text?: string }> = [
  { key: 'education', head: 'school', sub: ['major', 'degree', 'gpa'], text: 'courses' },
  { key: 'internships', head: 'company', sub: ['role'], text: 'description' },
  { key: 'projects', head: 'name', sub: ['role'], text: 'description' },
  { key: 'campusRoles', head: 'organization', sub: ['role'], text: 'description' },
  { key: 'awards', head: 'name', sub: [], text: 'description' },
  { key: 'certificates', head: 'name', sub: [] },
  { key: 'skills', head: 'name', sub: ['level'] },
]

function str(v: string | undefined): string | null {
  return v?.trim() ? v.trim() : null
}

function field(e: Entry, key: string, lang: Lang): string | null {
  const v = str(e[key])
  if (!v) return null
  if (key === 'degree') return DEGREE[lang][v] ?? v
  if (key === 'gpa') return `${L[lang].gpa} ${v}`
  return v
}

function period(e: Entry, lang: Lang): string | null {
  const start = str(e.start)
  const end = str(e.end)
  if (start || end) return `${start ?? ''} – ${end ?? L[lang].present}`
  return str(e.date)
}

function SectionTitle({ text }: { text: string }) {
  return <Text className="snapshot__section-title">{text}</Text>
}

export function SnapshotView(props: { content: Record<string, unknown>; lang: Lang; className?: string }) {
  const { lang } = props
  const t = L[lang]
  const content = readStoredContent(props.content)
  const personal = content.personal ?? {}
  const intention = content.intention ?? {}
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? str(v) : null)
  const cities = Array.isArray(intention.cities) ? intention.cities.filter((c) => c.trim()) : []
  const name = str(personal.name) ?? '—'
  const gender = str(personal.gender)
  // the API removes the phone unless the student shows it to employers
  const phone = str(personal.phone)
  const facts = [
    gender ? (GENDER[lang][gender] ?? gender) : null,
    str(personal.birthDate),
    str(personal.city),
    str(personal.politicalStatus),
    str(personal.hometown),
  ].filter(Boolean)
  const intentionLines = [
    one(intention.position) && `${t.position}：${one(intention.position)}`,
    cities.length > 0 && `${t.cities}：${cities.join('、')}`,
    one(intention.salary) && `${t.salary}：${one(intention.salary)}`,
    one(intention.nature) && `${t.nature}：${one(intention.nature)}`,
  ].filter((x): x is string => !!x)
  const selfEvaluation = str(content.selfEvaluation)

  return (
    <View className={`card snapshot e2e-snapshot ${props.className ?? ''}`}>
      <Text className="snapshot__name e2e-snapshot-name">{name}</Text>
      {facts.length > 0 && <Text className="snapshot__line">{facts.join(' · ')}</Text>}
      <Text className="snapshot__line e2e-snapshot-phone">{phone ?? t.phoneHidden}</Text>
      {str(personal.email) && <Text className="snapshot__line">{str(personal.email)}</Text>}

      {intentionLines.length > 0 && (
        <View className="snapshot__section">
          <SectionTitle text={t.intention} />
          {intentionLines.map((l) => (
            <Text key={l} className="snapshot__text">
              {l}
            </Text>
          ))}
        </View>
      )}

      {SECTIONS.map((s) => {
        const list = content[s.key] ?? []
        if (list.length === 0) return null
        return (
          <View key={s.key} className={`snapshot__section e2e-snapshot-${s.key}`}>
            <SectionTitle text={t[s.key]} />
            {list.map((e, i) => {
              const head = field(e, s.head, lang) ?? '—'
              const sub = s.sub.map((k) => field(e, k, lang)).filter(Boolean)
              const when = period(e, lang)
              const raw = s.text ? str(e[s.text]) : null
              const text = raw && s.key === 'education' ? `${t.courses}：${raw}` : raw
              return (
                // entries have no ids in the content; their order is the resume's
                // biome-ignore lint/suspicious/noArrayIndexKey: read-only list in a fixed order
                <View key={i} className="snapshot__entry">
                  <View className="snapshot__entry-head">
                    <Text>{head}</Text>
                    {when && <Text className="snapshot__entry-time">{when}</Text>}
                  </View>
                  {sub.length > 0 && <Text className="snapshot__entry-sub">{sub.join(' · ')}</Text>}
                  {text && <Text className="snapshot__text">{text}</Text>}
                </View>
              )
            })}
          </View>
        )
      })}

      {selfEvaluation && (
        <View className="snapshot__section">
          <SectionTitle text={t.selfEvaluation} />
          <Text className="snapshot__text">{selfEvaluation}</Text>
        </View>
      )}
    </View>
  )
}
