-- Demo data for `npm start` and `supabase db reset`: one school, students, an employer, staff and
-- events. Every insert is `on conflict do nothing`, so seeding twice changes nothing.
-- All demo accounts use the password  jiuye123  (scrypt hash below).

insert into public.schools (id, code, name, contact_phone, contact_email) values
  ('00000000-0000-4000-8000-000000000001', '10001', '示范大学', '010-12345678', 'jiuye@demo.edu.cn'),
  ('00000000-0000-4000-8000-000000000002', '10002', '第二示范学院', '010-87654321', 'career@demo2.edu.cn')
on conflict do nothing;

insert into public.companies (id, name, credit_code, verified) values
  ('00000000-0000-4000-8000-000000000101', '示范科技有限公司', '91110000MA0000000X', true)
on conflict do nothing;

insert into public.app_users (id, role, display_name, school_id, company_id) values
  ('00000000-0000-4000-8000-000000001001', 'student', '张三', '00000000-0000-4000-8000-000000000001', null),
  ('00000000-0000-4000-8000-000000001002', 'student', '李四', '00000000-0000-4000-8000-000000000001', null),
  ('00000000-0000-4000-8000-000000001003', 'student', '王五', '00000000-0000-4000-8000-000000000002', null),
  ('00000000-0000-4000-8000-000000002001', 'employer', '赵经理', null, '00000000-0000-4000-8000-000000000101'),
  ('00000000-0000-4000-8000-000000003001', 'school_staff', '就业中心刘老师', '00000000-0000-4000-8000-000000000001', null),
  ('00000000-0000-4000-8000-000000003002', 'school_staff', '计算机学院周老师', '00000000-0000-4000-8000-000000000001', null),
  ('00000000-0000-4000-8000-000000004001', 'fair_staff', '招聘会工作人员小陈', '00000000-0000-4000-8000-000000000001', null),
  ('00000000-0000-4000-8000-000000005001', 'platform_admin', '平台管理员', null, null)
on conflict do nothing;

insert into public.password_credentials (user_id, login, password_hash)
select u.id, l.login, 'scrypt$32768$8$1$rjHFh/wRiTQS6f782gRxuQ==$M+FjmLoEkBpOtwfrHQ76hpimCvU5npXyz8m+4Ch3mOs='
from (values
  ('00000000-0000-4000-8000-000000001001'::uuid, 'student1'),
  ('00000000-0000-4000-8000-000000001002'::uuid, 'student2'),
  ('00000000-0000-4000-8000-000000001003'::uuid, 'student3'),
  ('00000000-0000-4000-8000-000000002001'::uuid, 'hr1'),
  ('00000000-0000-4000-8000-000000003001'::uuid, 'staff1'),
  ('00000000-0000-4000-8000-000000003002'::uuid, 'staff2'),
  ('00000000-0000-4000-8000-000000004001'::uuid, 'fairstaff1'),
  ('00000000-0000-4000-8000-000000005001'::uuid, 'admin')
) as l (id, login)
join public.app_users u on u.id = l.id
on conflict do nothing;

-- staff2 works at college level: only 计算机学院's students are theirs
update public.app_users set college = '计算机学院'
where id = '00000000-0000-4000-8000-000000003002' and college is null;

-- Events are dated from the day of seeding (China time), so a fresh demo always has upcoming ones.
insert into public.events (id, school_id, kind, mode, title, venue, starts_at, ends_at, capacity, status) values
  ('00000000-0000-4000-8000-000000010001', '00000000-0000-4000-8000-000000000001', 'fair', 'onsite',
   '2027届毕业生秋季大型双选会', '体育馆一层',
   (date_trunc('day', now() at time zone 'Asia/Shanghai') + interval '7 days 9 hours') at time zone 'Asia/Shanghai', (date_trunc('day', now() at time zone 'Asia/Shanghai') + interval '7 days 12 hours') at time zone 'Asia/Shanghai', 800, 'published'),
  ('00000000-0000-4000-8000-000000010002', '00000000-0000-4000-8000-000000000001', 'info_session', 'onsite',
   '示范科技有限公司校园宣讲会', '学术报告厅',
   (date_trunc('day', now() at time zone 'Asia/Shanghai') + interval '3 days 14 hours') at time zone 'Asia/Shanghai', (date_trunc('day', now() at time zone 'Asia/Shanghai') + interval '3 days 16 hours') at time zone 'Asia/Shanghai', 200, 'published'),
  ('00000000-0000-4000-8000-000000010003', '00000000-0000-4000-8000-000000000001', 'fair', 'online',
   '信息技术类空中双选会', null,
   (date_trunc('day', now() at time zone 'Asia/Shanghai') + interval '10 days 9 hours') at time zone 'Asia/Shanghai', (date_trunc('day', now() at time zone 'Asia/Shanghai') + interval '10 days 17 hours') at time zone 'Asia/Shanghai', null, 'published'),
  ('00000000-0000-4000-8000-000000010004', '00000000-0000-4000-8000-000000000001', 'fair', 'onsite',
   '筹备中的春季双选会', '体育馆一层',
   (date_trunc('day', now() at time zone 'Asia/Shanghai') + interval '90 days 9 hours') at time zone 'Asia/Shanghai', (date_trunc('day', now() at time zone 'Asia/Shanghai') + interval '90 days 12 hours') at time zone 'Asia/Shanghai', 500, 'draft')
on conflict do nothing;

insert into public.messages (id, user_id, kind, title, body, created_at) values
  ('00000000-0000-4000-8000-000000020001', '00000000-0000-4000-8000-000000001001', 'system',
   '欢迎使用校园就业', '绑定学籍后即可查看职位推荐、报名招聘会并办理就业手续。', now() - interval '2 hours'),
  ('00000000-0000-4000-8000-000000020002', '00000000-0000-4000-8000-000000001001', 'event_reminder',
   '宣讲会提醒', '示范科技有限公司校园宣讲会将于3天后在学术报告厅举行。', now() - interval '1 hour'),
  ('00000000-0000-4000-8000-000000020003', '00000000-0000-4000-8000-000000001002', 'system',
   '欢迎使用校园就业', '绑定学籍后即可查看职位推荐、报名招聘会并办理就业手续。', now() - interval '30 minutes')
on conflict do nothing;
