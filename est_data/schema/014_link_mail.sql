-- 014 (issue 18 item 2): personal links and reminders sent by mail from the app.
-- mail_template: the coordinator's Swedish subject and body per kind (no row = the default text).
-- link_mail: one row per round, reporter and kind, claimed (status 'sending') in a transaction BEFORE
--   the message goes out, so that a crash or a restart never sends it twice; then sent, failed or
--   (reported later) bounced. attempts counts tries; retry says whether a failure may be tried again.
-- link_mail_run: every run (scheduled, from the page or the CLI) with its counts: the "last run".
-- link_mail_scheduled: the scheduled run of a round and kind, claimed once (primary key); completed_at
--   once it ran to the end (a run cut short by a crash or a lost server is resumed for the rest).
create table if not exists mail_template (
    kind varchar primary key check (kind in ('link', 'reminder')),
    subject varchar not null,
    body varchar not null,
    updated_at timestamp,
    updated_by varchar
);

create sequence if not exists link_mail_id_seq start 1;

create table if not exists link_mail (
    id integer primary key default nextval('link_mail_id_seq'),
    round_year integer not null,
    round_week integer not null,
    reporter_id integer not null,
    kind varchar not null check (kind in ('link', 'reminder')),
    status varchar not null check (status in ('sending', 'sent', 'failed', 'bounced')),
    email varchar,
    attempts integer not null default 1,
    retry boolean not null default false,
    error varchar,
    message_id varchar,
    link_id integer,
    run_id integer,
    claimed_at timestamp not null,
    sent_at timestamp,
    updated_at timestamp not null,
    unique (round_year, round_week, reporter_id, kind)
);

create sequence if not exists link_mail_run_id_seq start 1;

create table if not exists link_mail_run (
    id integer primary key default nextval('link_mail_run_id_seq'),
    round_year integer not null,
    round_week integer not null,
    kind varchar not null,
    trigger varchar not null,
    started_at timestamp not null,
    finished_at timestamp,
    run_by varchar,
    sent integer not null default 0,
    failed integer not null default 0,
    no_email integer not null default 0,
    error varchar
);

create table if not exists link_mail_scheduled (
    round_year integer not null,
    round_week integer not null,
    kind varchar not null,
    claimed_at timestamp not null,
    completed_at timestamp,
    run_id integer,
    primary key (round_year, round_week, kind)
);
