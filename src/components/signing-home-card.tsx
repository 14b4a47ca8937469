import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { signingHint } from '../contracts/signing'
import { SIGNING_PAGE } from '../services/routes'
import { useSigningStatus } from '../services/use-signing-status'
import { StatusTag } from './status-tag'

// the home tab is in the main package: this card imports nothing of src/packages/signing (the
// 签约中心's own card there says more), so the subpackage stays out of the 2 MB main package

/** The student's 签约 state on the home tab; a tap opens 签约中心. Loaded on every show. */
export function SigningHomeTabCard() {
  const status = useSigningStatus()
  if (!status) return null
  return (
    <View
      className="card home__sign e2e-home-sign-card"
      onClick={() => Taro.navigateTo({ url: SIGNING_PAGE })}
    >
      <View className="home__sign-main">
        <Text className="home__sign-title">签约中心</Text>
        <Text className="home__sub e2e-home-sign-hint">{signingHint(status)}</Text>
      </View>
      <StatusTag status={status.state} className={`sign-tag--${status.state} e2e-home-sign-status`}>
        {status.stateLabel}
      </StatusTag>
    </View>
  )
}
