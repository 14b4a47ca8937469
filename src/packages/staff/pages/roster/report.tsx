import { Text, View } from '@tarojs/components'
import { KeyValue, Notice } from '../../../../components/form'
import type { RosterImportResult } from '../../../../contracts/roster'

/** The answer of an import: the counts, then every rejected row with its reasons. */
export function ImportReport({ result }: { result: RosterImportResult }) {
  const { dryRun } = result
  return (
    <View className="card roster__report e2e-roster-report">
      <Text className="roster__report-title">{dryRun ? '预检结果（未写入）' : '导入结果'}</Text>
      <View className="roster__counts">
        <KeyValue
          k={dryRun ? '将新增' : '新增'}
          v={String(result.inserted)}
          className="e2e-roster-inserted"
        />
        <KeyValue k={dryRun ? '将更新' : '更新'} v={String(result.updated)} className="e2e-roster-updated" />
        <KeyValue k="无变化" v={String(result.unchanged)} className="e2e-roster-unchanged" />
        <KeyValue k="未通过" v={String(result.rejectedCount)} className="e2e-roster-rejected-count" />
      </View>
      {result.rejectedCount === 0 ? (
        <Notice kind="ok" lines={[`共${result.total}行，全部通过校验`]} />
      ) : (
        <>
          <Notice
            kind="warn"
            lines={[
              `${result.rejectedCount}行未通过校验${dryRun ? '' : '，未导入'}，请在原文件中按行号修改后重新上传；已导入的行再次上传不会重复。`,
              result.rejected.length < result.rejectedCount
                ? `下面列出前${result.rejected.length}行。`
                : null,
            ]}
          />
          {result.rejected.map((r) => (
            <View key={r.row} className="roster__rejection e2e-roster-rejection">
              <Text className="roster__rejection-row">
                第{r.row}行{r.studentNumber ? ` · ${r.studentNumber}` : ''}
                {r.name ? ` · ${r.name}` : ''}
              </Text>
              {r.reasons.map((reason) => (
                <Text key={reason} className="roster__rejection-reason">
                  {reason}
                </Text>
              ))}
            </View>
          ))}
        </>
      )}
    </View>
  )
}
