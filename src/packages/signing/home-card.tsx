import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { StatusTag } from '../../components/status-tag'
import { signingHint } from '../../contracts/signing'
import { SIGNING_PAGE } from '../../services/routes'
import { useSigningStatus } from '../../services/use-signing-status'
import './signing.css'

/** The 签约中心 card of the 就业手续 home: the signing state and its line, loaded on every show. */
export function SigningHomeCard() {
  const status = useSigningStatus()
  return (
    <View
      className="card proc-card e2e-proc-card-signing"
      onClick={() => Taro.navigateTo({ url: SIGNING_PAGE })}
    >
      <View className="proc-card__main">
        <Text className="proc-card__title">签约中心</Text>
        <Text className="proc-card__hint e2e-proc-home-sign-hint">
          {status ? signingHint(status) : '签约邀请、三方协议'}
        </Text>
      </View>
      <View className="proc-card__side">
        {status && (
          <StatusTag status={status.state} className={`sign-tag--${status.state} e2e-proc-home-sign-status`}>
            {status.stateLabel}
          </StatusTag>
        )}
        <Text className="proc-card__arrow">›</Text>
      </View>
    </View>
  )
}
