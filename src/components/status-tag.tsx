import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import './status-tag.css'

/**
 * A state as a coloured tag, for every status word of the job hunt (applications, interviews,
 * invitations): blue waiting, amber in progress, green done well, red refused or ended.
 */
export function StatusTag(props: { status?: string | null; className?: string; children: ReactNode }) {
  const tone = props.status ? `status-tag--${props.status}` : ''
  return <Text className={`status-tag ${tone} ${props.className ?? ''}`}>{props.children}</Text>
}
