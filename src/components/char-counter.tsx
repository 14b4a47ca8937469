import { Text } from '@tarojs/components'
import './char-counter.css'

/** Characters as a limit counts them: the trimmed text (zod's `.trim().max()`), one per code point. */
export function countChars(text: string): number {
  return Array.from(text.trim()).length
}

/**
 * `n/max` under a text field, live as the user types: red past `max`, amber under `min` (with what
 * is still needed) once something is written. `className` is the e2e hook.
 */
export function CharCounter(props: { text: string; max: number; min?: number; className?: string }) {
  const n = countChars(props.text)
  const over = n > props.max
  const under = props.min !== undefined && n < props.min
  const tone = over ? 'char-counter--over' : under ? 'char-counter--under' : ''
  return (
    <Text className={`char-counter ${tone} ${props.className ?? ''}`}>
      {under ? `至少 ${props.min} 字 · ` : ''}
      {n}/{props.max}
    </Text>
  )
}
