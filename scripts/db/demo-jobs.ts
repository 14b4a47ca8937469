/**
 * Job posts that look like a Chinese campus-hiring site's — titles, categories, salary bands and
 * description lines — for the demo data (`seedDemoJobs`, called by ./seed.ts for `npm start`) and
 * in bulk for the search benchmark and the query-plan tests (`seedBulkJobs`), so search and feed
 * are exercised on text like the real one.
 */
import type pg from 'pg'
import {
  CITIES,
  type CompanySize,
  type CompanyType,
  type Degree,
  type Industry,
  type JobCategory,
  type JobNature,
} from '../../src/contracts/job-vocab'

export interface JobTemplate {
  title: string
  category: JobCategory
  /** monthly 元 */
  salary: readonly [number, number]
  degree: Degree
  nature: JobNature
  duties: readonly string[]
  requirements: readonly string[]
}

export const JOB_TEMPLATES: readonly JobTemplate[] = [
  {
    title: '前端开发工程师',
    category: 'tech',
    salary: [12000, 20000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责公司 Web 端和小程序的前端开发，与设计、后端同学协作完成需求',
      '参与前端工程化建设，优化页面加载性能和用户体验',
      '编写可复用的 React 组件，维护组件库和技术文档',
    ],
    requirements: [
      '计算机、软件工程等相关专业本科及以上学历',
      '熟悉 HTML、CSS、JavaScript，熟悉 React 或 Vue，了解 TypeScript',
      '有良好的沟通能力和团队合作精神，有开源项目或实习经历者优先',
    ],
  },
  {
    title: 'Java后端开发工程师',
    category: 'tech',
    salary: [13000, 22000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责业务系统的后端设计与开发，保证系统的稳定性和可扩展性',
      '参与数据库设计与 SQL 优化，处理高并发场景下的性能问题',
      '编写单元测试和接口文档，参与代码评审',
    ],
    requirements: [
      '计算机相关专业本科及以上学历，Java 基础扎实',
      '熟悉 Spring Boot、MySQL、Redis，了解消息队列和微服务',
      '逻辑清晰，学习能力强，有 ACM 或相关竞赛经历者优先',
    ],
  },
  {
    title: 'Go开发工程师',
    category: 'tech',
    salary: [15000, 25000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责云原生平台后端服务的开发与维护',
      '参与分布式存储和调度系统的设计',
      '持续改进服务的可观测性与稳定性',
    ],
    requirements: [
      '计算机相关专业本科及以上学历，熟悉 Go 或 C++ 其中一种语言',
      '熟悉 Linux 和网络编程，了解 Kubernetes、Docker',
      '对技术有热情，乐于钻研底层原理',
    ],
  },
  {
    title: '算法工程师',
    category: 'tech',
    salary: [20000, 35000],
    degree: 'master',
    nature: 'full_time',
    duties: [
      '负责推荐、搜索或广告场景下的机器学习算法研发',
      '跟进业界前沿论文，将大模型等新技术落地到业务中',
      '分析线上数据，持续优化模型效果',
    ],
    requirements: [
      '计算机、数学、统计等相关专业硕士及以上学历',
      '熟悉机器学习和深度学习常用算法，熟练使用 Python 与 PyTorch',
      '有顶会论文或 Kaggle 竞赛获奖经历者优先',
    ],
  },
  {
    title: '测试开发工程师',
    category: 'tech',
    salary: [10000, 18000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责产品功能测试、接口测试和性能测试，编写测试用例',
      '开发自动化测试工具和平台，提升测试效率',
      '跟踪缺陷并推动问题解决，保障产品质量',
    ],
    requirements: [
      '计算机相关专业本科及以上学历',
      '熟悉 Python 或 Java，了解常见测试方法和工具',
      '细心负责，有较强的问题分析能力',
    ],
  },
  {
    title: '数据分析师',
    category: 'tech',
    salary: [10000, 17000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责业务数据的采集、清洗与分析，输出分析报告',
      '搭建核心指标体系和数据看板，支持业务决策',
      '通过 A/B 实验评估产品策略效果',
    ],
    requirements: [
      '统计学、数学、计算机等相关专业本科及以上学历',
      '熟练使用 SQL 与 Excel，掌握 Python 或 R',
      '对数据敏感，逻辑思维能力强',
    ],
  },
  {
    title: '运维工程师',
    category: 'tech',
    salary: [9000, 15000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责服务器、网络和数据库的日常运维与监控',
      '编写自动化运维脚本，参与故障排查与应急处理',
      '参与机房及云资源的规划和成本优化',
    ],
    requirements: [
      '计算机、通信等相关专业大专及以上学历',
      '熟悉 Linux 系统，掌握 Shell 或 Python 脚本',
      '能接受轮值，有责任心',
    ],
  },
  {
    title: '嵌入式软件工程师',
    category: 'tech',
    salary: [11000, 18000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责智能硬件产品的嵌入式软件开发与调试',
      '编写驱动程序，完成与硬件团队的联调',
      '参与产品测试与量产问题分析',
    ],
    requirements: [
      '电子、自动化、计算机等相关专业本科及以上学历',
      '熟悉 C 语言，了解 ARM 架构和 RTOS',
      '动手能力强，有电子设计竞赛经历者优先',
    ],
  },
  {
    title: 'Android开发工程师',
    category: 'tech',
    salary: [12000, 20000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责公司移动客户端 Android 版本的开发与维护',
      '优化应用的启动速度、内存占用和稳定性',
      '与产品、设计协作完成新功能迭代',
    ],
    requirements: [
      '计算机相关专业本科及以上学历',
      '熟悉 Kotlin 或 Java，了解 Android 系统原理',
      '有上架应用或开源项目者优先',
    ],
  },
  {
    title: '大数据开发实习生',
    category: 'tech',
    salary: [4000, 6000],
    degree: 'bachelor',
    nature: 'intern',
    duties: [
      '参与数据仓库建设，开发离线与实时数据任务',
      '协助维护 Hadoop、Spark、Flink 等大数据组件',
      '每周至少实习四天，可连续实习三个月以上',
    ],
    requirements: [
      '2027届计算机相关专业本科或硕士在读',
      '熟悉 SQL，了解 Java 或 Scala',
      '表现优秀者可获得转正机会',
    ],
  },
  {
    title: '产品经理',
    category: 'product',
    salary: [12000, 20000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责产品的需求调研、方案设计和版本规划',
      '撰写需求文档，推动研发、设计、测试按期交付',
      '跟踪上线效果，基于数据持续迭代产品',
    ],
    requirements: [
      '本科及以上学历，专业不限，计算机相关专业优先',
      '逻辑清晰，有较强的沟通协调能力',
      '有互联网产品实习经历者优先',
    ],
  },
  {
    title: '产品运营助理',
    category: 'product',
    salary: [6000, 9000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '协助产品经理收集用户反馈并整理需求',
      '参与竞品分析，撰写分析报告',
      '配合完成产品上线前的验收与培训',
    ],
    requirements: ['本科及以上学历，专业不限', '熟练使用 Office 办公软件', '细心耐心，执行力强'],
  },
  {
    title: 'UI设计师',
    category: 'design',
    salary: [8000, 14000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责移动端和 Web 端产品的界面视觉设计',
      '参与建立和维护设计规范与组件库',
      '配合前端还原设计稿，保证上线品质',
    ],
    requirements: [
      '视觉传达、数字媒体等设计相关专业本科及以上学历',
      '熟练使用 Figma、Sketch 或 Photoshop',
      '投递时请附作品集',
    ],
  },
  {
    title: '交互设计师',
    category: 'design',
    salary: [9000, 15000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责产品的交互流程与信息架构设计',
      '输出交互原型和设计说明，参与可用性测试',
      '与产品经理共同推进体验优化',
    ],
    requirements: [
      '工业设计、心理学、计算机等相关专业本科及以上学历',
      '熟悉交互设计方法，能独立完成原型',
      '有用户研究经验者优先',
    ],
  },
  {
    title: '平面设计师',
    category: 'design',
    salary: [6000, 10000],
    degree: 'college',
    nature: 'full_time',
    duties: [
      '负责品牌海报、包装及宣传物料的设计',
      '配合市场部完成线上线下活动的视觉输出',
      '整理和维护品牌视觉资产',
    ],
    requirements: ['设计相关专业大专及以上学历', '熟练使用 Photoshop、Illustrator', '审美良好，有创意'],
  },
  {
    title: '新媒体运营',
    category: 'operations',
    salary: [7000, 11000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责公司微信公众号、视频号和小红书账号的内容策划与发布',
      '分析内容数据，提升粉丝增长和互动',
      '策划线上活动并跟进执行',
    ],
    requirements: [
      '新闻、中文、广告等相关专业本科及以上学历',
      '文字功底好，熟悉新媒体平台的玩法',
      '会剪辑短视频者优先',
    ],
  },
  {
    title: '用户运营专员',
    category: 'operations',
    salary: [7000, 10000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责用户社群的日常运营和维护',
      '策划用户激励与召回活动，提高留存',
      '收集用户反馈并同步给产品团队',
    ],
    requirements: ['本科及以上学历，专业不限', '有社群或校园组织运营经验者优先', '性格开朗，善于沟通'],
  },
  {
    title: '电商运营',
    category: 'operations',
    salary: [7000, 12000],
    degree: 'college',
    nature: 'full_time',
    duties: [
      '负责天猫、京东、抖音等平台店铺的日常运营',
      '策划大促活动，优化商品详情页与转化率',
      '分析销售数据，管理库存与定价',
    ],
    requirements: ['电子商务、市场营销等相关专业大专及以上学历', '熟悉主流电商平台规则', '抗压能力强'],
  },
  {
    title: '市场专员',
    category: 'marketing',
    salary: [7000, 11000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责市场调研和竞品分析，支持营销策略制定',
      '策划和执行品牌推广活动及展会',
      '维护媒体与合作伙伴关系',
    ],
    requirements: ['市场营销、广告学等相关专业本科及以上学历', '有较强的策划和文案能力', '能适应短期出差'],
  },
  {
    title: '品牌策划',
    category: 'marketing',
    salary: [8000, 13000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['负责品牌定位与传播策略的制定', '撰写品牌文案与活动方案', '跟进广告投放并评估效果'],
    requirements: ['广告、传播等相关专业本科及以上学历', '对消费品牌有深入理解', '有 4A 公司实习经历者优先'],
  },
  {
    title: '销售代表',
    category: 'sales',
    salary: [6000, 15000],
    degree: 'college',
    nature: 'full_time',
    duties: ['负责区域内客户的开发与维护', '完成销售目标，跟进合同签订与回款', '收集市场信息，反馈客户需求'],
    requirements: [
      '大专及以上学历，专业不限',
      '性格外向，有较强的沟通能力和抗压能力',
      '底薪加提成，上不封顶',
    ],
  },
  {
    title: '大客户经理',
    category: 'sales',
    salary: [10000, 20000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['负责重点行业大客户的拓展与关系维护', '制定客户解决方案并推动落地', '协调内部资源完成项目交付'],
    requirements: ['本科及以上学历，理工科背景优先', '有良好的商务谈判能力', '能接受出差'],
  },
  {
    title: '人力资源专员',
    category: 'hr_admin',
    salary: [6000, 9000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '负责招聘渠道维护、简历筛选和面试安排',
      '办理员工入职、转正、离职等手续',
      '协助开展培训与员工关系工作',
    ],
    requirements: ['人力资源管理等相关专业本科及以上学历', '熟悉劳动法律法规', '亲和力强，做事细致'],
  },
  {
    title: '行政助理',
    category: 'hr_admin',
    salary: [5000, 7000],
    degree: 'college',
    nature: 'full_time',
    duties: ['负责前台接待、会议室管理和办公用品采购', '协助组织公司年会与团建活动', '处理日常行政事务'],
    requirements: ['大专及以上学历', '熟练使用办公软件', '形象气质佳，服务意识强'],
  },
  {
    title: '会计',
    category: 'finance',
    salary: [6000, 9000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['负责日常账务处理、凭证审核和报表编制', '办理纳税申报和税务筹划', '配合年度审计工作'],
    requirements: [
      '会计、财务管理等相关专业本科及以上学历',
      '持有初级会计职称者优先',
      '熟悉用友或金蝶财务软件',
    ],
  },
  {
    title: '财务分析师',
    category: 'finance',
    salary: [10000, 16000],
    degree: 'master',
    nature: 'full_time',
    duties: [
      '负责经营数据分析和预算管理',
      '编制财务分析报告，为管理层决策提供支持',
      '参与投资项目的财务评估',
    ],
    requirements: [
      '财务、金融、经济等相关专业硕士及以上学历',
      '通过 CPA 或 CFA 部分科目者优先',
      '数据分析能力强',
    ],
  },
  {
    title: '审计助理',
    category: 'finance',
    salary: [7000, 10000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['参与上市公司年报审计和专项审计', '整理审计底稿，执行审计程序', '与客户财务人员沟通审计问题'],
    requirements: ['会计、审计等相关专业本科及以上学历', '能适应出差和忙季加班', '英语六级以上'],
  },
  {
    title: '客户经理（银行管培生）',
    category: 'finance',
    salary: [8000, 14000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '经过系统培训后负责对公或零售客户的营销与服务',
      '推广银行理财、信贷等金融产品',
      '维护客户关系，防范业务风险',
    ],
    requirements: [
      '金融、经济、管理等相关专业本科及以上学历',
      '持有证券或基金从业资格者优先',
      '有志于长期从事金融行业',
    ],
  },
  {
    title: '初中数学教师',
    category: 'education',
    salary: [7000, 11000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['负责初中数学课程的教学工作', '备课、批改作业，组织课后辅导', '参与教研活动和班级管理'],
    requirements: [
      '数学相关专业本科及以上学历，师范类优先',
      '持有或正在考取初中及以上教师资格证',
      '普通话二级甲等以上',
    ],
  },
  {
    title: '英语培训讲师',
    category: 'education',
    salary: [8000, 15000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['负责少儿或成人英语课程的授课', '参与课程研发和教学资料编写', '跟进学员学习效果并与家长沟通'],
    requirements: ['英语相关专业本科及以上学历，专业八级优先', '发音标准，表达有感染力', '热爱教育事业'],
  },
  {
    title: '护士',
    category: 'healthcare',
    salary: [6000, 10000],
    degree: 'college',
    nature: 'full_time',
    duties: ['负责病区患者的临床护理工作', '执行医嘱，做好护理记录', '参与健康宣教和护理质量改进'],
    requirements: ['护理学专业大专及以上学历', '已取得或即将取得护士执业资格证', '能适应倒班'],
  },
  {
    title: '药物研发助理',
    category: 'healthcare',
    salary: [8000, 12000],
    degree: 'master',
    nature: 'full_time',
    duties: ['协助开展药物制剂的处方与工艺研究', '完成实验记录和研究报告撰写', '参与临床前研究资料整理'],
    requirements: ['药学、药物化学等相关专业硕士及以上学历', '熟悉 HPLC 等常用分析仪器', '严谨细致'],
  },
  {
    title: '机械设计工程师',
    category: 'engineering',
    salary: [9000, 15000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['负责自动化设备的机械结构设计', '绘制二维图纸和三维模型，编制 BOM', '跟进样机装配和调试'],
    requirements: [
      '机械设计制造及其自动化等相关专业本科及以上学历',
      '熟练使用 SolidWorks 和 AutoCAD',
      '有机械创新大赛经历者优先',
    ],
  },
  {
    title: '电气工程师',
    category: 'engineering',
    salary: [9000, 15000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['负责电气控制系统的设计与 PLC 编程', '编制电气原理图和接线图', '现场调试并解决技术问题'],
    requirements: ['电气工程及其自动化等相关专业本科及以上学历', '熟悉西门子或三菱 PLC', '能接受短期出差'],
  },
  {
    title: '工艺工程师',
    category: 'engineering',
    salary: [8000, 13000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['负责产线工艺文件的编制与优化', '分析制程异常，推动良率提升', '参与新产品导入和试产'],
    requirements: ['材料、机械、化工等相关专业本科及以上学历', '了解精益生产和六西格玛', '能适应工厂环境'],
  },
  {
    title: '土木工程师',
    category: 'engineering',
    salary: [8000, 14000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['负责施工现场的技术管理和质量控制', '审核施工图纸，编制施工方案', '协调监理与分包单位'],
    requirements: ['土木工程等相关专业本科及以上学历', '能适应项目驻场', '有施工单位实习经历者优先'],
  },
  {
    title: '研究助理',
    category: 'research',
    salary: [8000, 12000],
    degree: 'master',
    nature: 'full_time',
    duties: ['协助首席研究员开展课题研究与数据整理', '撰写研究报告和学术论文', '组织学术交流活动'],
    requirements: [
      '经济学、社会学等相关专业硕士及以上学历',
      '熟练使用 Stata 或 Python 进行数据分析',
      '有论文发表者优先',
    ],
  },
  {
    title: '材料研发工程师',
    category: 'research',
    salary: [12000, 20000],
    degree: 'doctor',
    nature: 'full_time',
    duties: ['负责新型电池材料的研发与性能测试', '设计实验方案并分析实验数据', '撰写专利和技术报告'],
    requirements: [
      '材料科学、化学等相关专业博士学历',
      '熟悉 XRD、SEM 等表征手段',
      '有锂电或储能研究背景者优先',
    ],
  },
  {
    title: '综合管理岗（事业编）',
    category: 'civil_service',
    salary: [6000, 9000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: ['负责单位公文起草、档案管理和综合协调', '参与重点工作的督查督办', '完成领导交办的其他工作'],
    requirements: ['本科及以上学历，中共党员优先', '具有较强的文字写作能力', '需参加统一笔试和面试'],
  },
  {
    title: '社区工作者',
    category: 'civil_service',
    salary: [5000, 7000],
    degree: 'college',
    nature: 'full_time',
    duties: ['负责社区居民服务和网格化管理', '组织社区文化与志愿服务活动', '协助开展政策宣传和矛盾调解'],
    requirements: ['大专及以上学历，专业不限', '热心公益，有服务意识', '本地户籍者优先'],
  },
  {
    title: '管理培训生',
    category: 'other',
    salary: [8000, 12000],
    degree: 'bachelor',
    nature: 'full_time',
    duties: [
      '在销售、运营、供应链等部门轮岗学习',
      '参与公司重点项目，培养综合管理能力',
      '轮岗结束后根据表现定岗',
    ],
    requirements: [
      '2027届本科及以上学历应届毕业生，专业不限',
      '有学生干部或社团负责人经历者优先',
      '认同公司文化，愿意长期发展',
    ],
  },
  {
    title: '新媒体运营实习生',
    category: 'operations',
    salary: [3000, 4500],
    degree: 'any',
    nature: 'intern',
    duties: ['协助运营公司的社交媒体账号', '参与选题策划、图文排版和短视频拍摄', '每周实习不少于三天'],
    requirements: ['在校大学生，专业不限', '熟悉微信公众号、抖音等平台', '有创意，网感好'],
  },
  {
    title: '周末兼职家教',
    category: 'education',
    salary: [3000, 5000],
    degree: 'any',
    nature: 'part_time',
    duties: ['周末为中小学生提供数学或英语辅导', '根据学生情况制定学习计划', '向家长反馈学习进度'],
    requirements: ['在校大学生，成绩优秀', '有耐心，责任心强', '时间灵活'],
  },
]

/** The lines of a post's description, as employers write them. */
export function describeJob(t: JobTemplate, companyName: string, city: string): string {
  return [
    `${companyName}诚聘${t.title}。`,
    '岗位职责：',
    ...t.duties.map((d, i) => `${i + 1}. ${d}；`),
    '任职要求：',
    ...t.requirements.map((r, i) => `${i + 1}. ${r}；`),
    `工作地点：${city}。五险一金、带薪年假、定期体检，提供完善的培训体系和晋升通道。`,
  ].join('\n')
}

/** Name parts of the benchmark's companies: `${city}${word}${suffix}`, e.g. 杭州云帆科技有限公司. */
export const COMPANY_WORDS = [
  '云帆',
  '星河',
  '启明',
  '远景',
  '博雅',
  '华创',
  '新锐',
  '鼎盛',
  '恒信',
  '智联',
  '卓越',
  '天成',
  '海纳',
  '东方',
  '未来',
  '青禾',
  '长风',
  '蓝海',
  '金石',
  '瑞达',
] as const

export const COMPANY_SUFFIXES: ReadonlyArray<{ suffix: string; industry: Industry }> = [
  { suffix: '科技有限公司', industry: 'internet' },
  { suffix: '信息技术股份有限公司', industry: 'internet' },
  { suffix: '银行股份有限公司', industry: 'finance' },
  { suffix: '证券有限责任公司', industry: 'finance' },
  { suffix: '教育科技有限公司', industry: 'education' },
  { suffix: '智能制造有限公司', industry: 'manufacturing' },
  { suffix: '生物医药有限公司', industry: 'healthcare' },
  { suffix: '建设集团有限公司', industry: 'construction' },
  { suffix: '新能源有限公司', industry: 'energy' },
  { suffix: '文化传媒有限公司', industry: 'media' },
  { suffix: '物流有限公司', industry: 'logistics' },
  { suffix: '管理咨询有限公司', industry: 'consulting' },
  { suffix: '商贸有限公司', industry: 'retail' },
  { suffix: '农业发展有限公司', industry: 'agriculture' },
]

// ================================================================ demo data (`npm start`)

interface DemoCompany {
  id: string
  name: string
  creditCode: string
  industry: Industry
  companyType: CompanyType
  companySize: CompanySize
  city: string
  cities: readonly string[]
  address: string
  intro: string
  website: string
  contactName: string
  contactPhone: string
  contactEmail: string
  titles: readonly string[]
}

/** 示范科技有限公司 (…0101) is seed.sql's, hr1's company: it gets its profile here. */
export const DEMO_COMPANIES: readonly DemoCompany[] = [
  {
    id: '00000000-0000-4000-8000-000000000101',
    name: '示范科技有限公司',
    creditCode: '91110000MA0000000X',
    industry: 'internet',
    companyType: 'private',
    companySize: '300_999',
    city: '北京',
    cities: ['北京', '杭州'],
    address: '北京市海淀区中关村大街 1 号',
    intro: '示范科技专注于企业服务软件，为上千家客户提供云端协同办公和数据分析产品。',
    website: 'https://demo-tech.example.com',
    contactName: '赵经理',
    contactPhone: '010-66668888',
    contactEmail: 'hr@demo-tech.example.com',
    titles: [
      '前端开发工程师',
      'Java后端开发工程师',
      '测试开发工程师',
      '产品经理',
      'UI设计师',
      '数据分析师',
      '大数据开发实习生',
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000b00001',
    name: '杭州云帆科技有限公司',
    creditCode: '91330100MA2B000011',
    industry: 'internet',
    companyType: 'private',
    companySize: '1000_4999',
    city: '杭州',
    cities: ['杭州', '上海'],
    address: '杭州市余杭区文一西路 969 号',
    intro: '云帆科技是一家以电商和本地生活服务为核心的互联网公司，技术团队超过两千人。',
    website: 'https://yunfan.example.com',
    contactName: '钱女士',
    contactPhone: '0571-88886666',
    contactEmail: 'campus@yunfan.example.com',
    titles: [
      '前端开发工程师',
      'Go开发工程师',
      '算法工程师',
      'Android开发工程师',
      '产品经理',
      '交互设计师',
      '新媒体运营',
      '用户运营专员',
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000b00002',
    name: '上海星河银行股份有限公司',
    creditCode: '91310000MA1C000022',
    industry: 'finance',
    companyType: 'soe',
    companySize: '5000_plus',
    city: '上海',
    cities: ['上海', '北京', '深圳'],
    address: '上海市浦东新区陆家嘴环路 100 号',
    intro: '星河银行是全国性股份制商业银行，在全国设有三十余家分行，诚邀优秀毕业生加入。',
    website: 'https://xinghe-bank.example.com',
    contactName: '孙老师',
    contactPhone: '021-55556666',
    contactEmail: 'zhaopin@xinghe-bank.example.com',
    titles: [
      '客户经理（银行管培生）',
      '财务分析师',
      '会计',
      '数据分析师',
      'Java后端开发工程师',
      '运维工程师',
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000b00003',
    name: '深圳启明智能制造有限公司',
    creditCode: '91440300MA5D000033',
    industry: 'manufacturing',
    companyType: 'private',
    companySize: '1000_4999',
    city: '深圳',
    cities: ['深圳', '东莞', '苏州'],
    address: '深圳市南山区科技园南区 8 栋',
    intro: '启明智能制造研发和生产工业机器人与自动化产线，产品出口三十多个国家和地区。',
    website: 'https://qiming.example.com',
    contactName: '李工',
    contactPhone: '0755-26668888',
    contactEmail: 'hr@qiming.example.com',
    titles: ['机械设计工程师', '电气工程师', '工艺工程师', '嵌入式软件工程师', '销售代表', '管理培训生'],
  },
  {
    id: '00000000-0000-4000-8000-000000b00004',
    name: '南京博雅教育科技有限公司',
    creditCode: '91320100MA1E000044',
    industry: 'education',
    companyType: 'private',
    companySize: '300_999',
    city: '南京',
    cities: ['南京', '杭州', '合肥'],
    address: '南京市鼓楼区汉中路 2 号',
    intro: '博雅教育深耕中小学课后辅导和职业教育十年，在华东地区开设八十多个学习中心。',
    website: 'https://boya-edu.example.com',
    contactName: '周老师',
    contactPhone: '025-83336666',
    contactEmail: 'jobs@boya-edu.example.com',
    titles: ['初中数学教师', '英语培训讲师', '周末兼职家教', '新媒体运营实习生', '市场专员', '行政助理'],
  },
  {
    id: '00000000-0000-4000-8000-000000b00005',
    name: '成都华创生物医药有限公司',
    creditCode: '91510100MA6F000055',
    industry: 'healthcare',
    companyType: 'joint',
    companySize: '300_999',
    city: '成都',
    cities: ['成都', '重庆'],
    address: '成都市高新区天府大道 1200 号',
    intro: '华创生物医药从事创新药和高端制剂的研发生产，拥有国家级企业技术中心。',
    website: 'https://huachuang-bio.example.com',
    contactName: '吴女士',
    contactPhone: '028-85556666',
    contactEmail: 'hr@huachuang-bio.example.com',
    titles: ['药物研发助理', '护士', '研究助理', '销售代表', '人力资源专员'],
  },
  {
    id: '00000000-0000-4000-8000-000000b00006',
    name: '武汉远景新能源有限公司',
    creditCode: '91420100MA4G000066',
    industry: 'energy',
    companyType: 'soe',
    companySize: '5000_plus',
    city: '武汉',
    cities: ['武汉', '西安', '长沙'],
    address: '武汉市东湖高新区光谷大道 77 号',
    intro: '远景新能源是大型国有能源企业，业务覆盖动力电池、储能电站和光伏发电。',
    website: 'https://yuanjing-energy.example.com',
    contactName: '郑处长',
    contactPhone: '027-87776666',
    contactEmail: 'campus@yuanjing-energy.example.com',
    titles: ['材料研发工程师', '电气工程师', '工艺工程师', '土木工程师', '财务分析师', '管理培训生'],
  },
  {
    id: '00000000-0000-4000-8000-000000b00007',
    name: '广州鼎盛文化传媒有限公司',
    creditCode: '91440100MA5H000077',
    industry: 'media',
    companyType: 'private',
    companySize: '50_299',
    city: '广州',
    cities: ['广州', '深圳'],
    address: '广州市天河区珠江新城华夏路 10 号',
    intro: '鼎盛文化传媒为消费品牌提供内容营销、直播电商和整合传播服务。',
    website: 'https://dingsheng-media.example.com',
    contactName: '冯女士',
    contactPhone: '020-38886666',
    contactEmail: 'hr@dingsheng-media.example.com',
    titles: ['新媒体运营', '品牌策划', '平面设计师', '电商运营', '市场专员', '新媒体运营实习生'],
  },
  {
    id: '00000000-0000-4000-8000-000000b00008',
    name: '西安市高新区社区服务中心',
    creditCode: '12610100MB0J000088',
    industry: 'public_service',
    companyType: 'public_institution',
    companySize: '50_299',
    city: '西安',
    cities: ['西安'],
    address: '西安市雁塔区科技路 33 号',
    intro: '高新区社区服务中心负责辖区社区服务、就业帮扶和公共事务管理，现公开招聘工作人员。',
    website: 'https://gxq-service.example.com',
    contactName: '陈科长',
    contactPhone: '029-88336666',
    contactEmail: 'renshi@gxq-service.example.com',
    titles: ['综合管理岗（事业编）', '社区工作者', '行政助理', '会计'],
  },
]

export const DEMO_JOB_COUNT = 200
const TEMPLATE_BY_TITLE = new Map(JOB_TEMPLATES.map((t) => [t.title, t]))

export interface DemoJob {
  id: string
  companyId: string
  title: string
  template: JobTemplate
  cities: string[]
  salaryMin: number
  salaryMax: number
  headcount: number
  /** days from the seeding day (China date); negative: already past */
  deadlineDays: number
  status: 'draft' | 'published' | 'closed'
  /** minutes before the seeding moment */
  publishedMinutesAgo: number
}

/** The demo's jobs: fixed ids, spread over the companies, their cities and templates. */
export function demoJobs(): DemoJob[] {
  const jobs: DemoJob[] = []
  for (let i = 0; i < DEMO_JOB_COUNT; i++) {
    const c = DEMO_COMPANIES[i % DEMO_COMPANIES.length]!
    const round = Math.floor(i / DEMO_COMPANIES.length)
    const title = c.titles[round % c.titles.length]!
    const template = TEMPLATE_BY_TITLE.get(title)
    if (!template) throw new Error(`no job template titled ${title}`)
    const city = c.cities[round % c.cities.length]!
    const second = round % 5 === 3 && c.cities.length > 1 ? c.cities[(round + 1) % c.cities.length]! : null
    const step = 500 * ((i * 7) % 5)
    // a few of each kind the lists must show: expired, closed, and the employer's own draft
    const status = i % 67 === 13 ? 'closed' : i === 9 ? 'draft' : 'published'
    jobs.push({
      id: `00000000-0000-4000-8000-${(0xb10000 + i).toString(16).padStart(12, '0')}`,
      companyId: c.id,
      title: round >= c.titles.length && template.nature === 'full_time' ? `${title}（2027届校招）` : title,
      template,
      cities: second ? [city, second] : [city],
      salaryMin: template.salary[0] + step,
      salaryMax: template.salary[1] + step,
      headcount: 1 + ((i * 3) % 10),
      deadlineDays: i % 41 === 7 ? -3 : 20 + ((i * 13) % 70),
      status,
      publishedMinutesAgo: i * 47,
    })
  }
  return jobs
}

/**
 * The demo companies' profiles and about 200 jobs, idempotent: companies and jobs are inserted
 * `on conflict do nothing` under fixed ids (the existing demo employer only gets its profile filled
 * where empty); deadlines and publication times are relative to the first seeding. Also 张三's
 * 求职意向 (杭州/上海, 技术研发/产品), so the home feed shows 按求职意向推荐 for him.
 */
export async function seedDemoJobs(client: Pick<pg.Client, 'query'>): Promise<void> {
  for (const c of DEMO_COMPANIES) {
    await client.query(
      `insert into public.companies (id, name, credit_code, verified) values ($1, $2, $3, true)
       on conflict do nothing`,
      [c.id, c.name, c.creditCode],
    )
    await client.query(
      `update public.companies set company_type = coalesce(company_type, $2), company_size = coalesce(company_size, $3),
         industry = coalesce(industry, $4), city = coalesce(city, $5), address = coalesce(address, $6),
         intro = coalesce(intro, $7), website = coalesce(website, $8), contact_name = coalesce(contact_name, $9),
         contact_phone = coalesce(contact_phone, $10), contact_email = coalesce(contact_email, $11)
       where id = $1 and (company_type is null or intro is null)`,
      [
        c.id,
        c.companyType,
        c.companySize,
        c.industry,
        c.city,
        c.address,
        c.intro,
        c.website,
        c.contactName,
        c.contactPhone,
        c.contactEmail,
      ],
    )
  }
  const jobs = demoJobs()
  const names = new Map(DEMO_COMPANIES.map((c) => [c.id, c.name]))
  const industries = new Map(DEMO_COMPANIES.map((c) => [c.id, c.industry]))
  await client.query(
    `insert into public.jobs (id, company_id, title, category, industry, cities, salary_min, salary_max, degree,
       majors, headcount, nature, description, contact, deadline, status, published_at, closed_at)
     select x.id, x.company_id, x.title, x.category, x.industry, x.cities, x.salary_min, x.salary_max, x.degree,
       '{}', x.headcount, x.nature, x.description, x.contact,
       (now() at time zone 'Asia/Shanghai')::date + x.deadline_days,
       x.status,
       case when x.status <> 'draft' then now() - x.minutes_ago * interval '1 minute' end,
       case when x.status = 'closed' then now() end
     from jsonb_to_recordset($1::jsonb) as x (id uuid, company_id uuid, title text, category text, industry text,
       cities text[], salary_min int, salary_max int, degree text, headcount int, nature text, description text,
       contact text, deadline_days int, status text, minutes_ago int)
     on conflict do nothing`,
    [
      JSON.stringify(
        jobs.map((j) => ({
          id: j.id,
          company_id: j.companyId,
          title: j.title,
          category: j.template.category,
          industry: industries.get(j.companyId),
          cities: j.cities,
          salary_min: j.salaryMin,
          salary_max: j.salaryMax,
          degree: j.template.degree,
          headcount: j.headcount,
          nature: j.template.nature,
          description: describeJob(j.template, names.get(j.companyId)!, j.cities.join('、')),
          contact: '请通过平台投递简历',
          deadline_days: j.deadlineDays,
          status: j.status,
          minutes_ago: j.publishedMinutesAgo,
        })),
      ),
    ],
  )
  await client.query(
    `insert into public.job_intentions (user_id, plan, natures, cities, categories, salary_min)
     values ('00000000-0000-4000-8000-000000001001', 'employment', '{full_time,intern}', '{杭州,上海}',
             '{tech,product}', 8000)
     on conflict do nothing`,
  )
}

// ================================================================ bulk data (benchmark, plan tests)

/**
 * `jobs` published jobs over `companies` verified companies, generated in one SQL statement from
 * the templates (company names `${city}${word}${suffix}`; 1–2 cities, the big ones more often;
 * salaries around the template's band; published over the last 120 days). The jobs triggers
 * compute the copied company fields and the search columns as for any write. Deterministic for a
 * given size (setseed).
 */
export async function seedBulkJobs(
  client: Pick<pg.Client, 'query'>,
  opts: { jobs: number; companies: number },
): Promise<void> {
  const t = JOB_TEMPLATES
  const bodies = t.map((x) =>
    [
      '岗位职责：',
      ...x.duties.map((d, i) => `${i + 1}. ${d}；`),
      '任职要求：',
      ...x.requirements.map((r, i) => `${i + 1}. ${r}；`),
    ].join('\n'),
  )
  const cities = [...CITIES]
  await client.query('select setseed(0.42)')
  await client.query(
    `insert into public.companies (name, verified, industry, company_type, company_size, city)
     select ($1::text[])[1 + floor(power(random() + 0 * g, 2) * array_length($1::text[], 1))::int]
              || ($2::text[])[1 + g % array_length($2::text[], 1)]
              || ($3::text[])[1 + (g / 20) % array_length($3::text[], 1)]
              || case when g > 280 then '（' || g || '）' else '' end,
            true,
            ($4::text[])[1 + (g / 20) % array_length($4::text[], 1)],
            (array['soe', 'private', 'foreign', 'joint', 'public_institution', 'government', 'other'])[1 + g % 7],
            (array['under_50', '50_299', '300_999', '1000_4999', '5000_plus'])[1 + g % 5],
            ($1::text[])[1 + g % array_length($1::text[], 1)]
     from generate_series(1, $5::int) g`,
    [
      cities,
      [...COMPANY_WORDS],
      COMPANY_SUFFIXES.map((s) => s.suffix),
      COMPANY_SUFFIXES.map((s) => s.industry),
      opts.companies,
    ],
  )
  await client.query(
    `with c as (select row_number() over (order by id) as n, id, name, industry from public.companies where verified),
          nc as (select count(*) as n from c)
     insert into public.jobs (company_id, title, category, industry, cities, salary_min, salary_max, degree,
       nature, description, deadline, status, published_at, created_at)
     select c.id, x.title, x.category, coalesce(c.industry, 'other'), x.cities, x.smin, x.smax, x.degree, x.nature,
            c.name || '诚聘' || x.title || '。' || E'\n' || x.body || E'\n工作地点：' || array_to_string(x.cities, '、')
              || '。五险一金、带薪年假、定期体检，提供完善的培训体系和晋升通道。',
            (now() at time zone 'Asia/Shanghai')::date + 10 + (g % 80), 'published', x.pub, x.pub
     from generate_series(1, $8::int) g
     cross join nc
     cross join lateral (select 1 + floor((random() + 0 * g) * nc.n)::int as cn,
                                1 + floor((random() + 0 * g) * array_length($1::text[], 1))::int as tn,
                                random() + 0 * g as r1, random() + 0 * g as r2, random() + 0 * g as r3) r
     join c on c.n = r.cn
     cross join lateral (
       select ($1::text[])[r.tn] || case when r.r3 < 0.15 and ($6::text[])[r.tn] = 'full_time' then '（2027届校招）'
                                         when r.r3 < 0.2 then '（急招）' else '' end as title,
              ($2::text[])[r.tn] as category,
              ($5::text[])[r.tn] as degree, ($6::text[])[r.tn] as nature, ($7::text[])[r.tn] as body,
              case when r.r1 < 0.8 then array[($9::text[])[1 + floor(power(r.r2, 2) * array_length($9::text[], 1))::int]]
                   else array(select distinct v from unnest(array[
                          ($9::text[])[1 + floor(power(r.r2, 2) * array_length($9::text[], 1))::int],
                          ($9::text[])[1 + floor(r.r1 * array_length($9::text[], 1))::int]]) v) end as cities,
              (($3::int[])[r.tn] * (0.85 + r.r1 * 0.3))::int / 500 * 500 as smin,
              (($4::int[])[r.tn] * (0.85 + r.r2 * 0.3))::int / 500 * 500 as smax0,
              now() - (g::float8 / $8 * interval '120 days') - r.r2 * interval '1 hour' as pub) x0
     cross join lateral (select x0.*, greatest(x0.smin, x0.smax0) as smax) x`,
    [
      t.map((x) => x.title),
      t.map((x) => x.category),
      t.map((x) => x.salary[0]),
      t.map((x) => x.salary[1]),
      t.map((x) => x.degree),
      t.map((x) => x.nature),
      bodies,
      opts.jobs,
      cities,
    ],
  )
}
