-- 001: every table of DESIGN.md §3. Table and column names are a contract: add, never rename.
create sequence if not exists area_id_seq start 1;
create sequence if not exists place_id_seq start 1;
create sequence if not exists reporter_id_seq start 1;
create sequence if not exists response_id_seq start 1;
create sequence if not exists observation_id_seq start 1;
create sequence if not exists incident_id_seq start 1;
create sequence if not exists action_id_seq start 1;
create sequence if not exists import_batch_id_seq start 1;
create sequence if not exists app_user_id_seq start 1;
create sequence if not exists audit_log_id_seq start 1;
create sequence if not exists priority_id_seq start 1;

create table if not exists municipality (
    code varchar primary key,
    name varchar not null,
    county_code varchar,
    county_name varchar
);

create table if not exists area (
    id integer primary key default nextval('area_id_seq'),
    municipality_code varchar not null,
    name varchar not null,
    kind varchar not null default 'stadsdel',
    geometry_wkt varchar,
    active boolean not null default true,
    population integer,
    unique (municipality_code, name)
);

create table if not exists place (
    id integer primary key default nextval('place_id_seq'),
    area_id integer,
    name varchar not null,
    kind varchar not null,
    lat double,
    lon double,
    active boolean not null default true
);

create table if not exists factor (
    code varchar primary key,
    label_sv varchar not null,
    label_en varchar not null,
    description varchar,
    sort_order integer not null default 0,
    active boolean not null default true
);

create table if not exists reporter (
    id integer primary key default nextval('reporter_id_seq'),
    name varchar not null,
    email varchar unique,
    organisation varchar,
    org_kind varchar,
    active boolean not null default true
);

create table if not exists reporter_area (
    reporter_id integer not null,
    area_id integer not null,
    primary key (reporter_id, area_id)
);

create table if not exists survey_response (
    id integer primary key default nextval('response_id_seq'),
    iso_year integer not null,
    iso_week integer not null,
    reporter_id integer not null,
    area_id integer not null,
    submitted_at timestamp not null,
    comment varchar,
    comment_internal boolean not null default false,
    source varchar not null default 'form',
    import_batch_id integer,
    unique (iso_year, iso_week, reporter_id, area_id)
);

create table if not exists survey_rating (
    response_id integer not null,
    factor_code varchar not null,
    level tinyint not null check (level between 0 and 3),
    primary key (response_id, factor_code)
);

create table if not exists observation (
    id integer primary key default nextval('observation_id_seq'),
    reported_at timestamp not null,
    occurred_at timestamp,
    occurred_date date,
    time_of_day varchar,
    hour_from integer,
    hour_to integer,
    reporter_id integer,
    source varchar not null default 'form',
    factor_code varchar,
    area_id integer,
    place_id integer,
    lat double,
    lon double,
    address varchar,
    description varchar,
    severity integer,
    internal boolean not null default false,
    iso_year integer,
    iso_week integer
);

create table if not exists incident (
    id integer primary key default nextval('incident_id_seq'),
    source varchar not null,
    external_id varchar not null,
    occurred_at timestamp,
    published_at timestamp,
    category varchar,
    municipality_code varchar,
    area_id integer,
    place_id integer,
    lat double,
    lon double,
    location_precision varchar,
    location_name varchar,
    cost_sek double,
    summary varchar,
    url varchar,
    is_summary boolean not null default false,
    import_batch_id integer,
    unique (source, external_id)
);

create table if not exists crime_stat (
    municipality_code varchar not null,
    area_id integer,
    period_start date not null,
    period_end date not null,
    crime_code varchar,
    crime_label varchar not null,
    count integer not null,
    preliminary boolean not null default false,
    import_batch_id integer
);

create table if not exists action (
    id integer primary key default nextval('action_id_seq'),
    title varchar not null,
    kind varchar not null default 'annat',
    area_id integer,
    place_id integer,
    geometry_wkt varchar,
    radius_m double,
    partners varchar,
    responsible varchar,
    start_date date,
    end_date date,
    status varchar not null default 'planerad',
    description varchar,
    cost_sek double,
    target_factors varchar[],
    target_categories varchar[],
    created_at timestamp default current_timestamp,
    updated_at timestamp,
    created_by varchar
);

create table if not exists weekly_assessment (
    iso_year integer not null,
    iso_week integer not null,
    area_id integer not null,
    status varchar,
    computed_status varchar,
    priority integer,
    note varchar,
    decided_at timestamp,
    decided_by varchar,
    primary key (iso_year, iso_week, area_id)
);

-- Priorities decided at the Thursday meeting (several per area and week), followed up next week.
create table if not exists weekly_priority (
    id integer primary key default nextval('priority_id_seq'),
    iso_year integer not null,
    iso_week integer not null,
    area_id integer,
    place_id integer,
    kind varchar not null,
    horizon varchar,
    description varchar,
    action_id integer,
    done boolean,
    followup_note varchar,
    created_at timestamp default current_timestamp,
    created_by varchar
);

create table if not exists import_batch (
    id integer primary key default nextval('import_batch_id_seq'),
    source varchar not null,
    file_name varchar,
    file_sha256 varchar,
    rows_read integer,
    rows_loaded integer,
    rows_rejected integer,
    started_at timestamp,
    finished_at timestamp,
    status varchar,
    message varchar
);

create table if not exists app_user (
    id integer primary key default nextval('app_user_id_seq'),
    username varchar not null unique,
    display_name varchar,
    email varchar,
    role varchar not null check (role in ('admin', 'samordnare', 'läsare', 'rapportör')),
    password_hash varchar,
    reporter_id integer,
    active boolean not null default true,
    can_see_personal boolean not null default false,
    failed_attempts integer not null default 0,
    locked_until timestamp,
    created_at timestamp default current_timestamp,
    last_login_at timestamp
);

create table if not exists audit_log (
    id integer primary key default nextval('audit_log_id_seq'),
    logged_at timestamp not null default current_timestamp,
    username varchar,
    operation varchar not null,
    table_name varchar,
    record_id varchar,
    before_json varchar,
    after_json varchar
);

-- Settings changed in the app (municipality, classification line, status rule ...); defaults live in config.py.
create table if not exists setting (
    name varchar primary key,
    value varchar
);

-- Saved column-mapping profiles for imports of other layouts (survey-tool exports, felanmälan ...).
create table if not exists mapping_profile (
    name varchar primary key,
    source varchar not null,
    mapping_json varchar not null
);

create index if not exists incident_time_idx on incident (occurred_at);
create index if not exists response_week_idx on survey_response (iso_year, iso_week);
