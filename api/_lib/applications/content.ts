/**
 * Where a resume's content (ResumeContent, src/contracts/resumes.ts) keeps what the lists show:
 * SQL expressions over a jsonb column, so a list reads a few fields and not every snapshot whole.
 * The one place that knows these paths; app.apply strips the same `personal.phone`.
 */
export function contentFields(col: string): string {
  return [
    `coalesce(nullif(${col} #>> '{personal,name}', ''), '') as c_name`,
    `nullif(${col} #>> '{personal,gender}', '') as c_gender`,
    `nullif(${col} #>> '{personal,phone}', '') as c_phone`,
    `nullif(${col} #>> '{personal,email}', '') as c_email`,
    `nullif(${col} #>> '{education,0,school}', '') as c_school`,
    `nullif(${col} #>> '{education,0,major}', '') as c_major`,
    `nullif(${col} #>> '{education,0,degree}', '') as c_degree`,
    `nullif(${col} #>> '{education,0,end}', '') as c_graduation`,
  ].join(', ')
}

export interface ContentFieldsRow {
  c_name: string
  c_gender: string | null
  c_phone: string | null
  c_email: string | null
  c_school: string | null
  c_major: string | null
  c_degree: string | null
  c_graduation: string | null
}

/** Removes the phone from a content object (the rule of privacy_settings.phone_visible). */
export function withoutPhone(content: Record<string, unknown>): Record<string, unknown> {
  const personal = content.personal
  if (!personal || typeof personal !== 'object' || Array.isArray(personal)) return content
  const { phone: _phone, ...rest } = personal as Record<string, unknown>
  return { ...content, personal: rest }
}
