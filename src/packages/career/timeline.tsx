import { Text, View } from '@tarojs/components'
import { APPLICATION_STATUS_LABELS, type ApplicationTimes } from '../../contracts/applications'
import { formatRelative } from '../../services/format'

type Step = keyof typeof APPLICATION_STATUS_LABELS
const STEPS: ReadonlyArray<{ step: Step; at: keyof ApplicationTimes }> = [
  { step: 'submitted', at: 'submittedAt' },
  { step: 'viewed', at: 'viewedAt' },
  { step: 'interview', at: 'interviewAt' },
  { step: 'unsuitable', at: 'unsuitableAt' },
  { step: 'hired', at: 'hiredAt' },
  { step: 'withdrawn', at: 'withdrawnAt' },
]

/** The steps an application has reached, each with its time, oldest first; the latest is marked. */
export function ApplicationTimeline({ times }: { times: ApplicationTimes }) {
  const reached = STEPS.map((s) => ({ ...s, time: times[s.at] }))
    .filter((s): s is typeof s & { time: string } => !!s.time)
    .sort((a, b) => a.time.localeCompare(b.time))
  return (
    <View className="career-timeline e2e-application-timeline">
      {reached.map((s, i) => (
        <View
          key={s.step}
          className={`career-timeline__step e2e-timeline-${s.step} ${i === reached.length - 1 ? 'career-timeline__step--last' : ''}`}
        >
          <View className="career-timeline__dot" />
          <Text className="career-timeline__label">{APPLICATION_STATUS_LABELS[s.step]}</Text>
          <Text>{formatRelative(s.time)}</Text>
        </View>
      ))}
    </View>
  )
}
