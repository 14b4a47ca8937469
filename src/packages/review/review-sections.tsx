import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { DiffRow, ReviewDetail } from '../../contracts/reviews'
import { formatRelative } from '../../services/format'
import { apiUrl } from '../../services/request'

function Row({ r }: { r: DiffRow }) {
  return (
    <View
      className={`review-row e2e-review-row ${r.changed ? 'review-row--changed e2e-review-row-changed' : ''}`}
    >
      <Text className="review-row__label">
        {r.label}
        {r.locked && <Text className="review-row__lock">锁定</Text>}
        {r.changed && <Text className="review-row__lock">已修改</Text>}
      </Text>
      {r.changed && <Text className="review-row__before e2e-review-row-before">{r.before ?? '（空）'}</Text>}
      <Text className={`review-row__value e2e-review-row-after ${r.after ? '' : 'review-row__empty'}`}>
        {r.after ?? '未填写'}
      </Text>
    </View>
  )
}

/** The kind's diff, a card per section: changed rows highlighted, locked fields marked. */
export function ReviewSections({ sections }: { sections: ReviewDetail['sections'] }) {
  return (
    <>
      {sections.map((s) => (
        <View key={s.title} className="card e2e-review-section">
          <Text className="review-section__title">{s.title}</Text>
          {s.rows.map((r) => (
            <Row key={r.field} r={r} />
          ))}
        </View>
      ))}
    </>
  )
}

/** A proof file: images previewed, PDFs downloaded and opened (H5: a new tab). */
async function openProof(url: string, name: string): Promise<void> {
  const full = url.startsWith('/') ? apiUrl(url) : url
  if (process.env.TARO_ENV === 'h5') {
    window.open(full, '_blank')
    return
  }
  if (/\.(jpg|png)$/i.test(name)) {
    await Taro.previewImage({ urls: [full] })
    return
  }
  const file = await Taro.downloadFile({ url: full })
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf' })
}

/** 证明材料: each file opens on a tap. */
export function ProofList({ proofs }: { proofs: ReviewDetail['proofs'] }) {
  return (
    <View className="card e2e-review-proofs">
      <Text className="review-section__title">证明材料</Text>
      {proofs.map((p) => (
        <Text
          key={p.name}
          className="review-proof e2e-review-proof"
          onClick={() =>
            void openProof(p.url, p.name).catch(() => Taro.showToast({ title: '文件打开失败', icon: 'none' }))
          }
        >
          {p.name}
        </Text>
      ))}
    </View>
  )
}

/** 审核记录: every submission, withdrawal and decision, who and when. */
export function ReviewTrail({ trail }: { trail: ReviewDetail['trail'] }) {
  return (
    <View className="card e2e-review-trail">
      <Text className="review-section__title">审核记录</Text>
      {trail.map((t) => (
        <View key={t.id} className="review-trail__entry e2e-review-trail-entry">
          <View className="review-trail__head">
            <Text>
              {t.actionLabel}
              {t.actorName ? ` · ${t.actorName}` : ''}
            </Text>
            <Text className="review-trail__at">{formatRelative(t.at)}</Text>
          </View>
          {t.reason && <Text className="review-trail__reason">原因：{t.reason}</Text>}
        </View>
      ))}
    </View>
  )
}
