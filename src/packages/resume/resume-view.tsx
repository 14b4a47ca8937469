import { Text, View } from '@tarojs/components'
import {
  EDUCATION_DEGREE_LABELS,
  OPTIONAL_SECTION_LABELS,
  RESUME_GENDER_LABELS,
  type ResumeLang,
  type StoredResumeContent,
} from '../../contracts/resumes'

const EN = {
  intention: 'Career Objective',
  education: 'Education',
  internships: 'Internships',
  projects: 'Projects',
  awards: 'Awards',
  skills: 'Skills',
  certificates: 'Certificates',
  campusRoles: 'Campus Activities',
  selfEvaluation: 'About Me',
} as const
const ZH = { intention: '求职意向', education: '教育背景', ...OPTIONAL_SECTION_LABELS } as const
const EN_DEGREE: Record<string, string> = {
  college: 'Associate',
  bachelor: "Bachelor's",
  master: "Master's",
  doctor: 'Ph.D.',
}
const EN_GENDER: Record<string, string> = { male: 'Male', female: 'Female' }

const clean = (s: string | undefined) => (s ?? '').trim()
const month = (s: string | undefined) => clean(s).replace(/^(\d{4})-(\d{2})$/, '$1.$2')
function period(a: string | undefined, b: string | undefined, lang: ResumeLang): string {
  if (clean(a) && clean(b)) return `${month(a)} – ${month(b)}`
  if (clean(a)) return `${month(a)} – ${lang === 'zh' ? '至今' : 'Present'}`
  return month(b)
}
const join = (xs: Array<string | undefined>, sep: string) => xs.map(clean).filter(Boolean).join(sep)

function Section(props: { title: string; children: React.ReactNode; name: string }) {
  return (
    <View className={`resume-view__section e2e-resume-view-${props.name}`}>
      <Text className="resume-view__title">{props.title}</Text>
      {props.children}
    </View>
  )
}

function Entry(props: EntryProps) {
  return (
    <View className="resume-view__entry">
      <View className="resume-view__entry-head">
        <Text className="resume-view__entry-title">{props.title}</Text>
        {props.when && <Text className="resume-view__when">{props.when}</Text>}
      </View>
      {props.lines
        .map(clean)
        .filter(Boolean)
        .map((l) => (
          <Text key={l} className="resume-view__text">
            {l}
          </Text>
        ))}
    </View>
  )
}

type EntryProps = { title: string; when?: string; lines: Array<string | undefined> }

function Entries<E>(props: { items: E[]; view: (e: E) => EntryProps }) {
  return (
    <>
      {props.items.map((e, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: read-only list in a fixed order
        <Entry key={n} {...props.view(e)} />
      ))}
    </>
  )
}

/**
 * The resume as the preview page shows it: the same sections, order and wording as the PDF the
 * server makes (api/_lib/resumes/pdf.ts), in the resume's language. Empty sections are left out.
 */
export function ResumeView({ content: c, lang }: { content: StoredResumeContent; lang: ResumeLang }) {
  const t = lang === 'zh' ? ZH : EN
  const degree: Record<string, string> = lang === 'zh' ? EDUCATION_DEGREE_LABELS : EN_DEGREE
  const gender: Record<string, string> = lang === 'zh' ? RESUME_GENDER_LABELS : EN_GENDER
  const colon = lang === 'zh' ? '：' : ': '
  const sep = lang === 'zh' ? '、' : ', '
  const p = c.personal ?? {}
  const i = c.intention ?? {}
  const cities = Array.isArray(i.cities) ? i.cities.join(sep) : ''
  const intention = [
    [lang === 'zh' ? '期望职位' : 'Position', i.position],
    [lang === 'zh' ? '期望城市' : 'Cities', cities],
    [lang === 'zh' ? '期望薪资' : 'Expected salary', i.salary],
    [lang === 'zh' ? '工作性质' : 'Type', i.nature],
  ].filter(([, v]) => typeof v === 'string' && clean(v)) as Array<[string, string]>
  const listed = (k: 'internships' | 'projects' | 'campusRoles' | 'awards' | 'certificates') =>
    (c[k] ?? []).filter((e) => Object.values(e).some((v) => clean(v)))
  const skills = (c.skills ?? [])
    .filter((s) => clean(s.name))
    .map((s) =>
      clean(s.level) ? (lang === 'zh' ? `${s.name}（${s.level}）` : `${s.name} (${s.level})`) : clean(s.name),
    )

  return (
    <View className="resume-view e2e-resume-view">
      <Text className="resume-view__name e2e-resume-view-name">
        {clean(p.name) || (lang === 'zh' ? '个人简历' : 'Resume')}
      </Text>
      <Text className="resume-view__facts">
        {join([gender[clean(p.gender)], month(p.birthDate), p.city, p.politicalStatus, p.hometown], '  |  ')}
      </Text>
      <Text className="resume-view__facts">{join([p.phone, p.email], '  |  ')}</Text>

      {intention.length > 0 && (
        <Section title={t.intention} name="intention">
          <Text className="resume-view__text">
            {intention.map(([k, v]) => `${k}${colon}${clean(v)}`).join('    ')}
          </Text>
        </Section>
      )}
      {(c.education ?? []).length > 0 && (
        <Section title={t.education} name="education">
          <Entries
            items={c.education ?? []}
            view={(e) => ({
              title: join([e.school, e.major, degree[clean(e.degree)] ?? e.degree], ' · '),
              when: period(e.start, e.end, lang),
              lines: [
                e.gpa && `${lang === 'zh' ? '成绩' : 'GPA'}${colon}${e.gpa}`,
                e.courses && `${lang === 'zh' ? '主修课程' : 'Courses'}${colon}${e.courses}`,
              ],
            })}
          />
        </Section>
      )}
      {(['internships', 'projects', 'campusRoles'] as const).map((k) =>
        listed(k).length > 0 ? (
          <Section key={k} title={t[k]} name={k}>
            <Entries
              items={listed(k)}
              view={(e) => ({
                title: join(
                  k === 'internships'
                    ? [e.company, e.role]
                    : k === 'projects'
                      ? [e.name, e.role]
                      : [e.organization, e.role],
                  ' · ',
                ),
                when: period(e.start, e.end, lang),
                lines: [e.description],
              })}
            />
          </Section>
        ) : null,
      )}
      {listed('awards').length > 0 && (
        <Section title={t.awards} name="awards">
          <Entries
            items={listed('awards')}
            view={(e) => ({ title: clean(e.name), when: month(e.date), lines: [e.description] })}
          />
        </Section>
      )}
      {skills.length > 0 && (
        <Section title={t.skills} name="skills">
          <Text className="resume-view__text">{skills.join(sep)}</Text>
        </Section>
      )}
      {listed('certificates').length > 0 && (
        <Section title={t.certificates} name="certificates">
          <Entries
            items={listed('certificates')}
            view={(e) => ({ title: clean(e.name), when: month(e.date), lines: [] })}
          />
        </Section>
      )}
      {clean(c.selfEvaluation) && (
        <Section title={t.selfEvaluation} name="selfEvaluation">
          <Text className="resume-view__text">{clean(c.selfEvaluation)}</Text>
        </Section>
      )}
    </View>
  )
}
