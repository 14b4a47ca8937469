/**
 * The poster's mini-program code (issue 12 item 1): school staff of the event's school get a PNG
 * from WeChat's `wxa/getwxacodeunlimit` (the fake server draws a QR code holding the scene), with
 * scene = the event id without dashes and page = the event detail page; nobody else may.
 */
import { describe, expect, it } from 'vitest'
import { eventIdFromScene } from '../../src/contracts/events'
import { EVENT_DETAIL_PAGE } from '../../src/services/routes'
import { call, withApi } from '../support/api'
import { decodePng } from '../wechat/decode'
import { withFakeWechat } from '../wechat/support'
import { makeEvent, makeSchool, staffOf, studentOf } from './support'

const PAGE = EVENT_DETAIL_PAGE.replace(/^\//, '')
const wechat = withFakeWechat({ pages: [PAGE] })
const api = withApi()

async function fetchPng(path: string, token?: string) {
  const res = await fetch(api.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  }
}

describe('GET /api/events/:id/poster-code', () => {
  it('answers the PNG WeChat drew for the event page, scene = the id without dashes', async () => {
    const school = await makeSchool()
    const staff = await staffOf(school)
    const event = await makeEvent({ schoolId: school, status: 'draft' })
    const res = await fetchPng(`/api/events/${event}/poster-code`, staff.token)
    expect(res.status).toBe(200)
    expect(res.type).toBe('image/png')
    expect(res.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const decoded = decodePng(res.body)
    expect(decoded.text).toBe(event.replace(/-/g, ''))
    expect(eventIdFromScene(decoded.text)).toBe(event)
    expect(wechat.fake.requestsTo('/wxa/').at(-1)!.body).toMatchObject({
      scene: event.replace(/-/g, ''),
      page: PAGE,
    })
  })

  it('staff of another school, students and anonymous callers get none', async () => {
    const school = await makeSchool()
    const event = await makeEvent({ schoolId: school })
    const before = wechat.fake.requestsTo('/wxa/').length
    const other = await staffOf(await makeSchool())
    const student = await studentOf(school)
    const a = await call(api.url, `/api/events/${event}/poster-code`, { token: other.token })
    expect(a.status).toBe(403)
    expect((await call(api.url, `/api/events/${event}/poster-code`, { token: student.token })).status).toBe(
      403,
    )
    expect((await call(api.url, `/api/events/${event}/poster-code`)).status).toBe(401)
    expect(wechat.fake.requestsTo('/wxa/').length).toBe(before)
  })
})
