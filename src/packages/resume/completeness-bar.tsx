import { Text, View } from '@tarojs/components'
import {
  completenessHints,
  MIN_APPLY_COMPLETENESS,
  type MissingItem,
} from '../../contracts/resume-completeness'

/**
 * 简历完整度: the bar, the percent, whether it is enough to apply, and "还差：…" — the next items to
 * fill, from the shared rule (the same numbers the API and the database compute).
 */
export function CompletenessBar(props: { percent: number; missing: readonly MissingItem[]; hints?: number }) {
  const enough = props.percent >= MIN_APPLY_COMPLETENESS
  const hints = completenessHints(props.missing, props.hints ?? 3)
  return (
    <View className="resume-bar e2e-resume-bar">
      <View className="resume-bar__head">
        <Text className="resume-bar__label">简历完整度</Text>
        <Text className={`resume-bar__percent e2e-resume-percent ${enough ? 'resume-bar__percent--ok' : ''}`}>
          {props.percent}%
        </Text>
      </View>
      <View className="resume-bar__track">
        <View
          className={`resume-bar__fill ${enough ? 'resume-bar__fill--ok' : ''}`}
          style={{ width: `${props.percent}%` }}
        />
        <View className="resume-bar__mark" style={{ left: `${MIN_APPLY_COMPLETENESS}%` }} />
      </View>
      <Text className="resume-bar__status">
        {enough ? '已达到投递要求' : `达到${MIN_APPLY_COMPLETENESS}%才可投递`}
      </Text>
      {hints.length > 0 && (
        <Text className="resume-bar__hints e2e-resume-hints">
          还差：{hints.join('、')}
          {props.missing.length > hints.length ? ' 等' : ''}
        </Text>
      )}
    </View>
  )
}
