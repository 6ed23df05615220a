-- 002 (issue 8, trust): personal survey links. The token itself is never stored, only its SHA-256.
create sequence if not exists survey_link_id_seq start 1;

create table if not exists survey_link (
    id integer primary key default nextval('survey_link_id_seq'),
    token_hash varchar not null unique,
    reporter_id integer not null,
    iso_year integer not null,
    iso_week integer not null,
    created_at timestamp not null default current_timestamp,
    created_by varchar,
    expires_at timestamp not null,
    revoked_at timestamp,
    revoked_by varchar,
    last_used_at timestamp,
    use_count integer not null default 0
);

create index if not exists survey_link_week_idx on survey_link (iso_year, iso_week);
