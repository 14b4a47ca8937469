import type { ResumeContent } from '../../src/contracts/resumes'

/** A complete Chinese resume that fits one page (every section, realistic lengths). */
export const FULL_ZH: ResumeContent = {
  personal: {
    name: '林玙昳',
    gender: 'female',
    birthDate: '2002-05',
    phone: '13800138000',
    email: 'linyu@example.com',
    city: '杭州',
    politicalStatus: '共青团员',
    hometown: '浙江宁波',
  },
  intention: { position: '后端开发工程师', cities: ['杭州', '上海'], salary: '12k-18k', nature: '全职' },
  education: [
    {
      school: '浙江大学',
      major: '计算机科学与技术',
      degree: 'bachelor',
      start: '2020-09',
      end: '2024-06',
      gpa: '3.8/4.0',
      courses: '数据结构、操作系统、计算机网络、数据库系统',
    },
  ],
  internships: [
    {
      company: '杭州云栖科技有限公司',
      role: '后端开发实习生',
      start: '2023-07',
      end: '2023-12',
      description:
        '参与就业信息平台的服务端开发，使用 TypeScript 与 PostgreSQL 实现职位检索与投递接口；优化慢查询，接口平均耗时下降 40%。',
    },
  ],
  projects: [
    {
      name: '校园二手交易小程序',
      role: '项目负责人',
      start: '2022-03',
      end: '2022-10',
      description: '带领 4 人团队完成需求分析、接口设计与上线运营，累计用户 3000+。',
    },
  ],
  awards: [
    { name: '全国大学生数学建模竞赛省一等奖', date: '2022-11', description: '负责模型求解与论文撰写' },
  ],
  skills: [
    { name: 'TypeScript', level: '熟练' },
    { name: 'PostgreSQL', level: '熟练' },
    { name: '英语', level: 'CET-6 560' },
  ],
  certificates: [{ name: '全国计算机等级考试二级', date: '2021-09' }],
  campusRoles: [
    {
      organization: '计算机学院学生会',
      role: '技术部部长',
      start: '2021-09',
      end: '2022-06',
      description: '组织编程训练营 6 期，参与人数 200+。',
    },
  ],
  selfEvaluation: '踏实认真，乐于学习新技术，具备良好的沟通能力与团队合作精神。',
}

/** The same student in English (a name in Chinese characters stays as written). */
export const FULL_EN: ResumeContent = {
  personal: {
    name: 'Lin Yuyi 林玙昳',
    gender: 'female',
    phone: '+86 138 0013 8000',
    email: 'linyu@example.com',
    city: 'Hangzhou',
  },
  intention: { position: 'Backend Engineer', cities: ['Hangzhou', 'Shanghai'], salary: 'Negotiable' },
  education: [
    {
      school: 'Zhejiang University',
      major: 'Computer Science',
      degree: 'bachelor',
      start: '2020-09',
      end: '2024-06',
      gpa: '3.8/4.0',
    },
  ],
  internships: [
    {
      company: 'Yunqi Tech',
      role: 'Backend Intern',
      start: '2023-07',
      end: '2023-12',
      description:
        'Built job search and application APIs with TypeScript and PostgreSQL; cut average latency by 40%.',
    },
  ],
  skills: [{ name: 'TypeScript', level: 'Proficient' }],
  selfEvaluation: 'Careful, curious and a good team player.',
}

/** Content long enough to need several pages: every list at its limit with long descriptions. */
export function longResume(): ResumeContent {
  const para =
    '负责核心模块的设计与实现，推动代码评审和自动化测试落地，与产品、设计同学紧密协作，按期交付多个版本。'.repeat(
      8,
    )
  const period = { start: '2021-01', end: '2021-06' }
  return {
    ...FULL_ZH,
    internships: Array.from({ length: 10 }, (_, i) => ({
      company: `第${i + 1}家公司`,
      role: '实习生',
      ...period,
      description: para,
    })),
    projects: Array.from({ length: 10 }, (_, i) => ({
      name: `项目${i + 1}`,
      role: '成员',
      ...period,
      description: para,
    })),
  }
}
