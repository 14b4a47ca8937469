import { Text, View } from '@tarojs/components'
import { FormField, KeyValue } from '../../components/form'
import { RECOMMENDATION_FIELD_LABELS, type Recommendation } from '../../contracts/procedures'

/** The approved form's opinions: 学院意见 and 推荐意见. */
export function SchoolOpinions({ r }: { r: Recommendation }) {
  return (
    <View className="card e2e-rec-opinions">
      <FormField label="学院意见" name="rec-school-comment">
        <Text className="form-field__value rec-opinion e2e-rec-comment">{r.schoolComment ?? '—'}</Text>
      </FormField>
      <FormField label="推荐意见" name="rec-recommendation">
        <Text className="form-field__value rec-opinion e2e-rec-recommendation">
          {r.recommendation ?? '—'}
        </Text>
      </FormField>
    </View>
  )
}

/** The form read-only (under review or approved): what the student wrote. */
export function RecommendationView({ r }: { r: Recommendation }) {
  const f = r.fields
  return (
    <View className="card e2e-rec-view">
      <KeyValue k={RECOMMENDATION_FIELD_LABELS.health} v={f.health ?? '未填写'} />
      <FormField label={RECOMMENDATION_FIELD_LABELS.education} name="rec-view-education">
        {f.education.length === 0 && <Text className="form-field__value">未填写</Text>}
        {f.education.map((e) => (
          <Text key={`${e.from}-${e.to}-${e.school}`} className="form-field__value e2e-rec-view-edu">
            {e.from} 至 {e.to} · {e.school}
            {e.role ? ` · ${e.role}` : ''}
          </Text>
        ))}
      </FormField>
      {(['positions', 'awards', 'self_evaluation'] as const).map((k) => (
        <FormField key={k} label={RECOMMENDATION_FIELD_LABELS[k]} name={`rec-view-${k}`}>
          <Text className={`form-field__value rec-opinion e2e-rec-view-${k}`}>{f[k] || '未填写'}</Text>
        </FormField>
      ))}
    </View>
  )
}
