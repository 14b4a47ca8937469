import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  openSigningFile,
  pickSigningFile,
  SigningPickError,
  uploadSigningFile,
} from '../services/signing-uploads'
import { FormField } from './form'
import './upload-list.css'

export interface UploadedItem {
  key: string
  name: string
}

/**
 * A list of uploaded signing files (盖章扫描件, 证明材料): each opens on a tap and is removable
 * while editable; buttons pick and upload one more (photo/file, and in the mini-program a file from
 * a chat). The parent keeps the list; its keys are what the signing function records.
 * `name` names the e2e classes: e2e-upload-<name>, e2e-upload-<name>-item, e2e-upload-<name>-input.
 */
export function UploadList(props: {
  label: string
  name: string
  items: UploadedItem[]
  max: number
  onChange: (items: UploadedItem[]) => void
  note?: string
  error?: string
  optional?: boolean
  disabled?: boolean
}) {
  const [busy, setBusy] = useState(false)
  const [pickError, setPickError] = useState<string | undefined>()
  const { items } = props
  const full = Boolean(props.disabled) || items.length >= props.max

  const add = async (from: 'photo' | 'chat') => {
    if (busy || full) return
    let picked: Awaited<ReturnType<typeof pickSigningFile>>
    try {
      picked = await pickSigningFile(from, `e2e-upload-${props.name}-input`)
    } catch (e) {
      setPickError(e instanceof SigningPickError ? e.message : '无法读取文件')
      return
    }
    if (!picked) return
    setBusy(true)
    try {
      const up = await uploadSigningFile(picked.path, picked.name)
      setPickError(undefined)
      props.onChange([...items, up])
    } catch {
      // the wrapper toasted why (type, size, network)
    } finally {
      picked.release()
      setBusy(false)
    }
  }

  return (
    <FormField
      label={`${props.label}（${items.length}/${props.max}）`}
      name={`upload-${props.name}`}
      optional={props.optional}
      error={pickError ?? props.error}
    >
      {props.note && <Text className="upload-list__note">{props.note}</Text>}
      {items.map((f) => (
        <View key={f.key} className={`upload-list__item e2e-upload-${props.name}-item`}>
          <Text
            className="link"
            onClick={() =>
              void openSigningFile(f.key).catch(() => Taro.showToast({ title: '文件打开失败', icon: 'none' }))
            }
          >
            {f.name}
          </Text>
          {!props.disabled && (
            <Text className="link" onClick={() => props.onChange(items.filter((x) => x.key !== f.key))}>
              移除
            </Text>
          )}
        </View>
      ))}
      {!props.disabled && (
        <View className="upload-list__actions">
          <Button
            className={`btn btn--secondary e2e-upload-${props.name}`}
            loading={busy}
            disabled={full}
            onClick={() => void add('photo')}
          >
            {process.env.TARO_ENV === 'h5' ? '上传文件' : '拍照或相册'}
          </Button>
          {process.env.TARO_ENV !== 'h5' && (
            <Button
              className={`btn btn--secondary e2e-upload-${props.name}-chat`}
              disabled={full}
              onClick={() => void add('chat')}
            >
              聊天中的文件
            </Button>
          )}
        </View>
      )}
    </FormField>
  )
}
