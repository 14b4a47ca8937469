import { Button, Text, View } from '@tarojs/components'
import './state-views.css'

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="state-view">
      <Text className="state-view__hint">{text}</Text>
    </View>
  )
}

export function EmptyState(props: {
  title: string
  hint?: string
  actionText?: string
  onAction?: () => void
  className?: string
  actionClassName?: string
}) {
  return (
    <View className={`state-view ${props.className ?? ''}`}>
      <Text className="state-view__title">{props.title}</Text>
      {props.hint && <Text className="state-view__hint">{props.hint}</Text>}
      {props.actionText && (
        <Button
          className={`btn btn--primary state-view__action ${props.actionClassName ?? ''}`}
          onClick={props.onAction}
        >
          {props.actionText}
        </Button>
      )}
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className="state-view e2e-error-state">
      <Text className="state-view__title">加载失败</Text>
      <Text className="state-view__hint">{message}</Text>
      <Button className="btn state-view__action" onClick={onRetry}>
        重试
      </Button>
    </View>
  )
}
