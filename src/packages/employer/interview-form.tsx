import { Button, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ChoiceChips, FormField, issuesToFields, Notice, TextField } from '../../components/form'
import { INTERVIEW_MODE_LABELS, InterviewMode, InviteInterviewRequest } from '../../contracts/interviews'
import { chinaToday } from '../../contracts/jobs'
import { chinaSlotToIso, defaultInterviewSlot, inviteInterview } from '../../services/interviews'
import { asApiError } from '../../services/request'

const MODES = InterviewMode.options.map((value) => ({ value, label: INTERVIEW_MODE_LABELS[value] }))

/**
 * 邀请面试: 现场 with an address or 视频 with a link, a China date and time, a contact, a note. The
 * contract's zod schema checks the form first (the same Chinese messages as the API's), the API
 * refuses a time in the past or a second open invitation.
 */
export function InterviewForm(props: { applicationId: string; onSent: () => void; onCancel: () => void }) {
  const [mode, setMode] = useState<InterviewMode>('onsite')
  const [slot, setSlot] = useState(defaultInterviewSlot)
  const [address, setAddress] = useState('')
  const [videoUrl, setVideoUrl] = useState('')
  const [contact, setContact] = useState('')
  const [note, setNote] = useState('')
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    setError(null)
    const input = InviteInterviewRequest.safeParse({
      applicationId: props.applicationId,
      mode,
      // a blank field is a missing one (the schema names it), not a malformed one
      address: mode === 'onsite' && address.trim() ? address : undefined,
      videoUrl: mode === 'video' && videoUrl.trim() ? videoUrl : undefined,
      startsAt: chinaSlotToIso(slot.date, slot.time),
      contact,
      note: note.trim() ? note : undefined,
    })
    if (!input.success) {
      setFields(issuesToFields(input.error.issues))
      return
    }
    if (new Date(input.data.startsAt).getTime() <= Date.now()) {
      setFields({ startsAt: '面试时间须晚于当前时间' })
      return
    }
    setFields({})
    setBusy(true)
    try {
      await inviteInterview(input.data)
      void Taro.showToast({ title: '已发送面试邀请', icon: 'success' })
      props.onSent()
    } catch (e) {
      const err = asApiError(e, '发送失败，请稍后再试')
      if (err.fields) setFields(err.fields)
      setError(err.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card e2e-interview-form">
      <Text className="hiring-section-title">邀请面试</Text>
      <FormField label="面试方式" name="mode">
        <ChoiceChips name="interview-mode" options={MODES} value={mode} onChange={(v) => v && setMode(v)} />
      </FormField>
      {mode === 'onsite' ? (
        <TextField
          label="面试地址"
          name="address"
          value={address}
          onInput={setAddress}
          error={fields.address}
          placeholder="如：杭州市西湖区文三路 100 号 5 楼"
          maxlength={200}
        />
      ) : (
        <TextField
          label="视频面试链接"
          name="videoUrl"
          value={videoUrl}
          onInput={setVideoUrl}
          error={fields.videoUrl}
          placeholder="https://"
          maxlength={500}
        />
      )}
      <FormField label="面试时间" name="startsAt" error={fields.startsAt}>
        <View className="hiring-filters__row">
          <Picker
            mode="date"
            value={slot.date}
            start={chinaToday()}
            onChange={(e) => setSlot((s) => ({ ...s, date: String(e.detail.value) }))}
          >
            <Text className="hiring-picker e2e-interview-date">{slot.date} ›</Text>
          </Picker>
          <Text className="hiring-picker hiring-picker--gap" />
          <Picker
            mode="time"
            value={slot.time}
            onChange={(e) => setSlot((s) => ({ ...s, time: String(e.detail.value) }))}
          >
            <Text className="hiring-picker e2e-interview-clock">{slot.time} ›</Text>
          </Picker>
        </View>
      </FormField>
      <TextField
        label="联系人及电话"
        name="contact"
        value={contact}
        onInput={setContact}
        error={fields.contact}
        placeholder="如：王老师 0571-88886666"
        maxlength={100}
      />
      <FormField label="备注" name="note" optional error={fields.note}>
        <Textarea
          className="hiring-textarea"
          value={note}
          maxlength={1000}
          placeholder="需要携带的材料、面试流程等"
          onInput={(e) => setNote(e.detail.value)}
        />
      </FormField>
      {error && <Notice kind="error" lines={[error]} className="e2e-interview-form-error" />}
      <View className="hiring-buttons">
        <Button className="btn" onClick={props.onCancel}>
          取消
        </Button>
        <Button
          className="btn btn--primary e2e-interview-send"
          loading={busy}
          disabled={busy}
          onClick={() => void submit()}
        >
          发送邀请
        </Button>
      </View>
    </View>
  )
}
