/**
 * The demo's procedures: 李四 has submitted his source info, so 计算机学院's reviewer (staff2) and
 * the school's (staff1) find one item in 审核工作台; 张三 (student1) starts unconfirmed, to try the
 * student's side. Written as the system would (the audit row included); only an unconfirmed record
 * is touched, so seeding again changes nothing.
 */
import type pg from 'pg'

const LI_SI = '00000000-0000-4000-8000-000000001002'

export async function seedDemoProcedures(client: pg.Client): Promise<void> {
  await client.query(
    `with submitted as (
       update public.source_infos set
         origin = '浙江省杭州市西湖区', political_status = 'league_member', ethnicity = '汉族',
         phone = '13800001002', email = 'lisi@example.com', home_address = '浙江省杭州市西湖区文三路 88 号',
         family_contact = '李建国', family_contact_phone = '13900001002', difficulty = 'none',
         status = 'submitted', submitted_at = now(), updated_at = now()
       where student_id = $1 and status = 'unconfirmed'
       returning id, student_id, school_id, college)
     insert into public.review_log (kind, item_id, student_id, school_id, college, actor_id, actor_role,
         action, from_status, to_status)
       select 'source_info', id, student_id, school_id, college, student_id, 'student', 'submit',
         'unconfirmed', 'submitted'
       from submitted`,
    [LI_SI],
  )
}
