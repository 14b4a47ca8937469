import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import {
  ChoiceChips,
  FormField,
  issuesToFields,
  labelOptions,
  Notice,
  TextField,
} from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { type CompanyProfile, CompanyProfileInput } from '../../../../contracts/company-profile'
import {
  COMPANY_SIZE_LABELS,
  COMPANY_TYPE_LABELS,
  type CompanySize,
  type CompanyType,
  INDUSTRY_LABELS,
  type Industry,
} from '../../../../contracts/job-vocab'
import { fetchMyCompany, saveMyCompany, uploadCompanyLogo } from '../../../../services/employer-jobs'
import { pickOneImage } from '../../../../services/pick-image'
import { asApiError } from '../../../../services/request'
import { COMPANY_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import '../../employer.css'

interface Form {
  name: string
  creditCode: string
  companyType: CompanyType | null
  companySize: CompanySize | null
  industry: Industry | null
  city: string
  address: string
  intro: string
  website: string
  contactName: string
  contactPhone: string
  contactEmail: string
}
type TextKey = Exclude<keyof Form, 'companyType' | 'companySize' | 'industry'>

function toForm(c: CompanyProfile): Form {
  return {
    name: c.name,
    creditCode: c.creditCode ?? '',
    companyType: c.companyType,
    companySize: c.companySize,
    industry: c.industry,
    city: c.city ?? '',
    address: c.address ?? '',
    intro: c.intro ?? '',
    website: c.website ?? '',
    contactName: c.contactName ?? '',
    contactPhone: c.contactPhone ?? '',
    contactEmail: c.contactEmail ?? '',
  }
}

/**
 * 单位信息: the company's profile that students read on its page and under every job. The name and
 * credit code are what the platform verifies, so they lock once it has; the logo saves at once.
 */
export default function EmployerCompanyPage() {
  const session = useSession()
  const [company, setCompany] = useState<CompanyProfile | null>(null)
  const [form, setForm] = useState<Form | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)
  const isEmployer = session?.user.role === 'employer'

  const load = async () => {
    if (!isEmployer) return
    setLoadError(null)
    try {
      const r = await fetchMyCompany()
      setCompany(r.company)
      setForm((f) => f ?? toForm(r.company))
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }
  useDidShow(() => void load())

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f))
    if (fields[key]) setFields((f) => ({ ...f, [key]: '' }))
  }

  const save = async () => {
    if (!form || saving) return
    setMessage(null)
    const parsed = CompanyProfileInput.safeParse(form)
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues))
      setMessage('请检查标红的项目')
      return
    }
    setFields({})
    setSaving(true)
    try {
      const r = await saveMyCompany(parsed.data)
      setCompany(r.company)
      setForm(toForm(r.company))
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      const err = asApiError(e, '保存失败，请稍后再试')
      setFields(err.fields ?? {})
      setMessage(err.message)
    } finally {
      setSaving(false)
    }
  }

  const changeLogo = async () => {
    if (uploading) return
    const path = await pickOneImage()
    if (!path) return
    setUploading(true)
    try {
      const { logoUrl } = await uploadCompanyLogo(path)
      setCompany((c) => (c ? { ...c, logoUrl } : c))
      void Taro.showToast({ title: '标志已更新', icon: 'success' })
    } catch {
      // the wrapper toasted why (format, size, network)
    } finally {
      setUploading(false)
    }
  }

  const gate = roleGate(session, ['employer'], {
    title: '仅用人单位账号可用',
    hint: '单位信息由用人单位的招聘账号维护',
  })
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!company || !form) return <Loading />

  const locked = company.verified
  const text = (key: TextKey, label: string, opts: { optional?: boolean; placeholder?: string } = {}) => (
    <TextField
      label={label}
      name={`company-${key}`}
      error={fields[key]}
      optional={opts.optional}
      placeholder={opts.placeholder}
      value={form[key]}
      onInput={(v) => set(key, v)}
    />
  )

  return (
    <View className="page">
      {locked ? (
        <Notice
          kind="ok"
          className="e2e-company-verified"
          title="已通过平台认证"
          lines={['单位名称和统一社会信用代码已锁定，如需变更请联系平台。']}
        />
      ) : (
        <Notice
          kind="warn"
          className="e2e-company-unverified"
          title="尚未通过平台认证"
          lines={['认证通过后才能发布职位，学生才能看到单位主页。请完整填写单位信息，等待平台审核。']}
        />
      )}
      {message && <Notice kind="error" className="e2e-company-message" lines={[message]} />}

      <View className="card">
        <FormField label="单位标志" name="company-logo" optional>
          <View className="employer-logo">
            {company.logoUrl ? (
              <Image className="employer-logo__image" src={company.logoUrl} mode="aspectFill" />
            ) : (
              <View className="employer-logo__image employer-logo__empty">
                <Text>暂无</Text>
              </View>
            )}
            <Button
              className="btn e2e-company-logo-change"
              size="mini"
              loading={uploading}
              onClick={() => void changeLogo()}
            >
              {company.logoUrl ? '更换' : '上传'}
            </Button>
          </View>
        </FormField>
        {locked ? (
          <>
            <FormField label="单位名称" name="company-name">
              <Text className="form-field__value e2e-company-name-locked">{company.name}</Text>
            </FormField>
            <FormField label="统一社会信用代码" name="company-creditCode">
              <Text className="form-field__value">{company.creditCode ?? '未填写'}</Text>
            </FormField>
          </>
        ) : (
          <>
            {text('name', '单位名称', { placeholder: '与营业执照一致' })}
            {text('creditCode', '统一社会信用代码', { optional: true, placeholder: '18位' })}
          </>
        )}
        <FormField label="单位性质" name="company-companyType" error={fields.companyType}>
          <ChoiceChips
            name="company-type"
            options={labelOptions(COMPANY_TYPE_LABELS)}
            value={form.companyType}
            onChange={(v) => set('companyType', v)}
          />
        </FormField>
        <FormField label="单位规模" name="company-companySize" error={fields.companySize}>
          <ChoiceChips
            name="company-size"
            options={labelOptions(COMPANY_SIZE_LABELS)}
            value={form.companySize}
            onChange={(v) => set('companySize', v)}
          />
        </FormField>
        <FormField label="所属行业" name="company-industry" error={fields.industry}>
          <ChoiceChips
            name="company-industry"
            options={labelOptions(INDUSTRY_LABELS)}
            value={form.industry}
            onChange={(v) => set('industry', v)}
          />
        </FormField>
        {text('city', '所在城市', { placeholder: '如：杭州' })}
        {text('address', '详细地址', { optional: true })}
        <FormField label="单位简介" name="company-intro" error={fields.intro} optional>
          <Textarea
            className="form-field__textarea e2e-company-intro-input"
            value={form.intro}
            maxlength={5000}
            placeholder="主营业务、发展情况、福利待遇等"
            onInput={(e) => set('intro', e.detail.value)}
          />
        </FormField>
        {text('website', '单位网址', { optional: true, placeholder: 'https://' })}
      </View>

      <View className="card">
        {text('contactName', '招聘联系人', { optional: true })}
        {text('contactPhone', '联系电话', { optional: true })}
        {text('contactEmail', '联系邮箱', { optional: true })}
      </View>

      <View className="employer-actions">
        <Button className="btn btn--primary e2e-company-save" loading={saving} onClick={() => void save()}>
          保存
        </Button>
        {locked && (
          <Button
            className="btn e2e-company-preview"
            onClick={() => Taro.navigateTo({ url: `${COMPANY_PAGE}?id=${encodeURIComponent(company.id)}` })}
          >
            查看单位主页
          </Button>
        )}
      </View>
    </View>
  )
}
