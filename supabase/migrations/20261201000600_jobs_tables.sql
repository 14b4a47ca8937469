-- Jobs, part 1: the tables of the job hunt (company profiles, job posts, intentions, favourites,
-- resumes, applications with their resume snapshots, interviews, job invitations).
-- Only shapes and invariants live here: columns, checks, unique indexes, foreign-key indexes, RLS
-- switched on. Each domain's policies, grants and transition functions are in its own migration
-- (000610 job posts, 000620 search, 000630 resumes, 000640 applications and interviews), so the
-- current rule for a table reads in one place.
-- Idempotent: `if not exists` everywhere; re-running changes nothing.
--
-- Vocabularies (the same values as the zod enums in src/contracts/job-vocab.ts):
--   company type   soe · private · foreign · joint · public_institution · government · other
--   company size   under_50 · 50_299 · 300_999 · 1000_4999 · 5000_plus
--   industry       internet · finance · education · manufacturing · healthcare · construction ·
--                  energy · media · logistics · public_service · consulting · retail · agriculture · other
--   job category   tech · product · design · operations · marketing · sales · hr_admin · finance ·
--                  education · healthcare · engineering · research · civil_service · other
--   nature         full_time · intern · part_time
--   degree         any · college · bachelor · master · doctor
--   job status     draft · published · closed   (expired = published past its deadline, computed)
--   plan           employment · further_study · abroad · civil_service · entrepreneurship · not_yet

-- ================================================================ company profile
alter table public.companies add column if not exists company_type text
  check (company_type in ('soe', 'private', 'foreign', 'joint', 'public_institution', 'government', 'other'));
alter table public.companies add column if not exists company_size text
  check (company_size in ('under_50', '50_299', '300_999', '1000_4999', '5000_plus'));
alter table public.companies add column if not exists industry text
  check (industry in ('internet', 'finance', 'education', 'manufacturing', 'healthcare', 'construction',
    'energy', 'media', 'logistics', 'public_service', 'consulting', 'retail', 'agriculture', 'other'));
alter table public.companies add column if not exists city text check (length(city) between 1 and 30);
alter table public.companies add column if not exists address text check (length(address) <= 200);
alter table public.companies add column if not exists intro text check (length(intro) <= 5000);
alter table public.companies add column if not exists website text check (length(website) <= 200);
alter table public.companies add column if not exists contact_name text check (length(contact_name) <= 50);
alter table public.companies add column if not exists contact_phone text check (length(contact_phone) <= 30);
alter table public.companies add column if not exists contact_email text check (length(contact_email) <= 100);
-- written only by app.set_company_logo; a path under the company's own prefix
alter table public.companies add column if not exists logo_path text
  check (length(logo_path) <= 300 and starts_with(logo_path, 'companies/' || id::text || '/'));
alter table public.companies add column if not exists updated_at timestamptz not null default now();

-- ================================================================ job posts
create table if not exists public.jobs (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  created_by uuid references public.app_users (id) on delete set null,
  title text not null check (length(btrim(title)) between 2 and 50),
  category text not null check (category in ('tech', 'product', 'design', 'operations', 'marketing',
    'sales', 'hr_admin', 'finance', 'education', 'healthcare', 'engineering', 'research', 'civil_service', 'other')),
  industry text not null check (industry in ('internet', 'finance', 'education', 'manufacturing',
    'healthcare', 'construction', 'energy', 'media', 'logistics', 'public_service', 'consulting',
    'retail', 'agriculture', 'other')),
  cities text[] not null check (cardinality(cities) between 1 and 10 and array_position(cities, null) is null),
  salary_min int not null check (salary_min between 0 and 1000000),
  salary_max int not null check (salary_max between 0 and 1000000),
  degree text not null default 'any' check (degree in ('any', 'college', 'bachelor', 'master', 'doctor')),
  majors text[] not null default '{}' check (cardinality(majors) <= 20 and array_position(majors, null) is null),
  headcount int not null default 1 check (headcount between 1 and 10000),
  nature text not null check (nature in ('full_time', 'intern', 'part_time')),
  description text not null check (length(description) between 1 and 5000),
  contact text check (length(contact) <= 100),
  deadline date not null,
  status text not null default 'draft' check (status in ('draft', 'published', 'closed')),
  published_at timestamptz,
  closed_at timestamptz,
  -- copied from the company by trigger (000610) so the public feed filters and shows them
  -- without reading companies, which anonymous callers may not
  company_name text not null default '',
  company_type text,
  company_size text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint jobs_salary_order check (salary_max >= salary_min),
  constraint jobs_published_at check (status = 'draft' or published_at is not null),
  constraint jobs_closed_at check ((status = 'closed') = (closed_at is not null))
);
create index if not exists jobs_company_idx on public.jobs (company_id, created_at desc);
create index if not exists jobs_created_by_idx on public.jobs (created_by);

-- ================================================================ job intentions (求职意向)
-- One row per student. Arrays with GIN indexes: the push issue matches each new job against
-- every intention (`cities && job.cities`, …).
create table if not exists public.job_intentions (
  user_id uuid primary key references public.app_users (id) on delete cascade,
  plan text not null check (plan in ('employment', 'further_study', 'abroad', 'civil_service', 'entrepreneurship', 'not_yet')),
  natures text[] not null default '{}' check (natures <@ array['full_time', 'intern', 'part_time']),
  cities text[] not null default '{}' check (cardinality(cities) <= 10 and array_position(cities, null) is null),
  categories text[] not null default '{}' check (cardinality(categories) <= 14 and categories <@ array['tech', 'product',
    'design', 'operations', 'marketing', 'sales', 'hr_admin', 'finance', 'education', 'healthcare', 'engineering',
    'research', 'civil_service', 'other']),
  industries text[] not null default '{}' check (industries <@ array['internet', 'finance', 'education',
    'manufacturing', 'healthcare', 'construction', 'energy', 'media', 'logistics', 'public_service', 'consulting',
    'retail', 'agriculture', 'other']),
  company_types text[] not null default '{}' check (company_types <@ array['soe', 'private', 'foreign', 'joint',
    'public_institution', 'government', 'other']),
  company_sizes text[] not null default '{}' check (company_sizes <@ array['under_50', '50_299', '300_999',
    '1000_4999', '5000_plus']),
  salary_min int check (salary_min between 0 and 1000000),
  -- 订阅: whether matched jobs are pushed (used by the push issue)
  subscribed boolean not null default true,
  updated_at timestamptz not null default now(),
  -- only 拟就业 carries the job fields; the other plans hide the form
  constraint job_intentions_fields_need_employment check (
    plan = 'employment' or (cardinality(natures) = 0 and cardinality(cities) = 0 and cardinality(categories) = 0
      and cardinality(industries) = 0 and cardinality(company_types) = 0 and cardinality(company_sizes) = 0
      and salary_min is null)
  )
);
create index if not exists job_intentions_cities_gin on public.job_intentions using gin (cities);
create index if not exists job_intentions_categories_gin on public.job_intentions using gin (categories);
create index if not exists job_intentions_industries_gin on public.job_intentions using gin (industries);
create index if not exists job_intentions_natures_gin on public.job_intentions using gin (natures);

-- ================================================================ favourites (收藏)
create table if not exists public.job_favourites (
  user_id uuid not null references public.app_users (id) on delete cascade,
  job_id uuid not null references public.jobs (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (user_id, job_id)
);
create index if not exists job_favourites_user_created_idx on public.job_favourites (user_id, created_at desc, job_id);
create index if not exists job_favourites_job_idx on public.job_favourites (job_id);

-- ================================================================ resumes
-- Online resumes: one Chinese and one English per student; content is the sections as JSON
-- (shape: ResumeContent in src/contracts/resumes.ts). completeness is computed from content by
-- the SQL twin of the shared TypeScript rule (000630), so nobody can write it.
create table if not exists public.resumes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.app_users (id) on delete cascade,
  lang text not null check (lang in ('zh', 'en')),
  title text not null default '我的简历' check (length(title) between 1 and 50),
  content jsonb not null default '{}'::jsonb check (jsonb_typeof(content) = 'object' and pg_column_size(content) <= 200000),
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, lang)
);
create unique index if not exists resumes_one_default on public.resumes (user_id) where is_default;

-- Attachment resumes (PDF ≤ 5 MB). Never hard-deleted while a snapshot refers to them: the
-- employer's copy keeps working, so "delete" sets deleted_at.
create table if not exists public.resume_attachments (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.app_users (id) on delete cascade,
  file_name text not null check (length(file_name) between 1 and 100),
  storage_path text not null unique check (starts_with(storage_path, 'resumes/' || user_id::text || '/')),
  size_bytes int not null check (size_bytes between 1 and 5242880),
  deleted_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists resume_attachments_user_idx on public.resume_attachments (user_id, created_at desc);

-- ================================================================ applications (投递)
-- submitted 已投递 → viewed 被查看 → interview 邀请面试 | unsuitable 不合适 → hired 录用;
-- withdrawn 已撤回 by the student while still submitted. One live application per student and job.
create table if not exists public.applications (
  id uuid primary key default gen_random_uuid(),
  job_id uuid not null references public.jobs (id) on delete cascade,
  company_id uuid not null references public.companies (id) on delete cascade,
  student_id uuid not null references public.app_users (id) on delete cascade,
  resume_id uuid references public.resumes (id) on delete set null,
  attachment_id uuid references public.resume_attachments (id) on delete set null,
  status text not null default 'submitted'
    check (status in ('submitted', 'viewed', 'interview', 'unsuitable', 'hired', 'withdrawn')),
  submitted_at timestamptz not null default now(),
  viewed_at timestamptz,
  interview_at timestamptz,
  unsuitable_at timestamptz,
  hired_at timestamptz,
  withdrawn_at timestamptz,
  updated_at timestamptz not null default now()
);
create unique index if not exists applications_one_live on public.applications (job_id, student_id)
  where status <> 'withdrawn';
create index if not exists applications_student_idx on public.applications (student_id, submitted_at desc, id desc);
create index if not exists applications_company_idx on public.applications (company_id, submitted_at desc, id desc);
create index if not exists applications_job_idx on public.applications (job_id, submitted_at desc, id desc);
create index if not exists applications_resume_idx on public.applications (resume_id);
create index if not exists applications_attachment_idx on public.applications (attachment_id);

-- The resume as it was when applied: what the employer reads. Written only by app.apply.
create table if not exists public.resume_snapshots (
  application_id uuid primary key references public.applications (id) on delete cascade,
  company_id uuid not null references public.companies (id) on delete cascade,
  student_id uuid not null references public.app_users (id) on delete cascade,
  lang text not null check (lang in ('zh', 'en')),
  content jsonb not null,
  completeness int not null check (completeness between 0 and 100),
  attachment_path text,
  attachment_name text,
  created_at timestamptz not null default now()
);
create index if not exists resume_snapshots_company_idx on public.resume_snapshots (company_id);
create index if not exists resume_snapshots_student_idx on public.resume_snapshots (student_id);

-- ================================================================ interviews (面试邀请)
-- invited → accepted | declined (by the student, before starts_at) ; accepted → done (result)
-- cancelled by the employer before it is done.
create table if not exists public.interviews (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references public.applications (id) on delete cascade,
  company_id uuid not null references public.companies (id) on delete cascade,
  student_id uuid not null references public.app_users (id) on delete cascade,
  job_id uuid not null references public.jobs (id) on delete cascade,
  created_by uuid references public.app_users (id) on delete set null,
  mode text not null check (mode in ('onsite', 'video')),
  address text check (length(address) <= 200),
  video_url text check (length(video_url) <= 500 and video_url ~ '^https?://'),
  starts_at timestamptz not null,
  contact text not null check (length(contact) between 1 and 100),
  note text check (length(note) <= 1000),
  status text not null default 'invited' check (status in ('invited', 'accepted', 'declined', 'cancelled', 'done')),
  result text check (result in ('passed', 'failed', 'pending')),
  answered_at timestamptz,
  result_at timestamptz,
  created_at timestamptz not null default now(),
  constraint interviews_place check ((mode = 'onsite' and address is not null) or (mode = 'video' and video_url is not null)),
  constraint interviews_result_when_done check ((status = 'done') = (result is not null))
);
-- one open invitation per application
create unique index if not exists interviews_one_open on public.interviews (application_id)
  where status in ('invited', 'accepted');
create index if not exists interviews_application_idx on public.interviews (application_id);
create index if not exists interviews_student_idx on public.interviews (student_id, starts_at desc);
create index if not exists interviews_company_idx on public.interviews (company_id, starts_at desc);
create index if not exists interviews_job_idx on public.interviews (job_id);
create index if not exists interviews_created_by_idx on public.interviews (created_by);

-- ================================================================ job invitations (职位邀请)
-- pending → applied (the student applied to the job) | declined
create table if not exists public.job_invites (
  id uuid primary key default gen_random_uuid(),
  job_id uuid not null references public.jobs (id) on delete cascade,
  company_id uuid not null references public.companies (id) on delete cascade,
  student_id uuid not null references public.app_users (id) on delete cascade,
  sent_by uuid references public.app_users (id) on delete set null,
  note text check (length(note) <= 500),
  status text not null default 'pending' check (status in ('pending', 'applied', 'declined')),
  answered_at timestamptz,
  created_at timestamptz not null default now(),
  unique (job_id, student_id)
);
create index if not exists job_invites_student_idx on public.job_invites (student_id, created_at desc);
create index if not exists job_invites_company_idx on public.job_invites (company_id, created_at desc);
create index if not exists job_invites_sent_by_idx on public.job_invites (sent_by);

-- ================================================================ RLS on (policies: 000610–000640)
alter table public.jobs enable row level security;
alter table public.job_intentions enable row level security;
alter table public.job_favourites enable row level security;
alter table public.resumes enable row level security;
alter table public.resume_attachments enable row level security;
alter table public.applications enable row level security;
alter table public.resume_snapshots enable row level security;
alter table public.interviews enable row level security;
alter table public.job_invites enable row level security;

-- no default grants anywhere (hosted Supabase grants nothing to new tables either); each domain
-- migration grants what its roles need
revoke all on public.jobs, public.job_intentions, public.job_favourites, public.resumes,
  public.resume_attachments, public.applications, public.resume_snapshots, public.interviews,
  public.job_invites from anon, authenticated;
