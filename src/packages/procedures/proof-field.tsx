import { Button, Text, View } from '@tarojs/components'
import { FormField } from '../../components/form'
import { MAX_PROOFS, type Proof } from './correction-rules'

/** 证明材料: the uploaded proofs (each removable) and the buttons to add one. */
export function ProofField(props: {
  proofs: Proof[]
  required: boolean
  error?: string
  uploading: boolean
  disabled: boolean
  onAdd: (from: 'photo' | 'chat') => void
  onRemove: (key: string) => void
}) {
  const { proofs } = props
  const full = props.disabled || proofs.length >= MAX_PROOFS
  return (
    <FormField
      label={`证明材料（${proofs.length}/${MAX_PROOFS}）`}
      name="corr-proofs"
      optional={!props.required}
      error={props.error}
    >
      {props.required && (
        <Text className="proc-note e2e-corr-proof-note">
          修改学校上报的信息需上传证明材料（图片或 PDF，5MB 以内）
        </Text>
      )}
      {proofs.map((p) => (
        <View key={p.key} className="corr-proof e2e-corr-proof-item">
          <Text>{p.name}</Text>
          <Text className="link" onClick={() => props.onRemove(p.key)}>
            移除
          </Text>
        </View>
      ))}
      <View className="corr-proof__actions">
        <Button
          className="btn btn--secondary e2e-corr-proof"
          loading={props.uploading}
          disabled={full}
          onClick={() => props.onAdd('photo')}
        >
          {process.env.TARO_ENV === 'h5' ? '上传文件' : '拍照或相册'}
        </Button>
        {process.env.TARO_ENV !== 'h5' && (
          <Button
            className="btn btn--secondary e2e-corr-proof-chat"
            disabled={full}
            onClick={() => props.onAdd('chat')}
          >
            聊天中的文件
          </Button>
        )}
      </View>
    </FormField>
  )
}
