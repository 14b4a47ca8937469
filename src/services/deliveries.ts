import { DeliveryProblemList, type DeliveryProblemStatus } from '../contracts/deliveries'
import { queryString } from './query-string'
import { request } from './request'

export function listDeliveryProblems(status: DeliveryProblemStatus, before?: string) {
  return request(`/api/admin/deliveries${queryString({ status, before, limit: 30 })}`, {
    schema: DeliveryProblemList,
  })
}
