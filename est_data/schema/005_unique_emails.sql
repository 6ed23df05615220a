-- 005 (issue 13): e-mail addresses are unique per user and per reporter, without regard to case, so
-- single sign-on (which maps an address to an account) never has two candidates. est_data.register
-- checks this with a clear message; these indexes make it impossible whatever writes the row.
-- Existing duplicates: the address stays on one row (an active one, the most recently used, else the
-- oldest) and is taken off the others; each change is written to the audit log with the old address.
update app_user set email = nullif(trim(email), '') where email is not null and email <> trim(email) or email = '';
update reporter set email = nullif(trim(email), '') where email is not null and email <> trim(email) or email = '';

insert into audit_log (logged_at, username, operation, table_name, record_id, before_json, after_json)
select current_timestamp, 'migrering 005', 'clear_duplicate_email', 'app_user', cast(id as varchar),
       to_json({'email': email, 'kept_by': keeper})::varchar, to_json({'email': null})::varchar
from (
    select id, email, first_value(username) over w as keeper, row_number() over w as n
    from app_user
    where email is not null
    window w as (partition by lower(email) order by active desc, last_login_at desc nulls last, id)
)
where n > 1;

update app_user set email = null
where id in (
    select id
    from (
        select id, row_number() over (partition by lower(email)
                                      order by active desc, last_login_at desc nulls last, id) as n
        from app_user
        where email is not null
    )
    where n > 1
);

insert into audit_log (logged_at, username, operation, table_name, record_id, before_json, after_json)
select current_timestamp, 'migrering 005', 'clear_duplicate_email', 'reporter', cast(id as varchar),
       to_json({'email': email, 'kept_by': keeper})::varchar, to_json({'email': null})::varchar
from (
    select id, email, first_value(name) over w as keeper, row_number() over w as n
    from reporter
    where email is not null
    window w as (partition by lower(email) order by active desc, id)
)
where n > 1;

update reporter set email = null
where id in (
    select id
    from (
        select id, row_number() over (partition by lower(email) order by active desc, id) as n
        from reporter
        where email is not null
    )
    where n > 1
);

-- DuckDB cannot create an index on a table with changes not yet committed in the same transaction,
-- so the clean-up above is committed first. It is idempotent: were the index creation to fail, the
-- version stays at 004 and the next start runs this file again on the cleaned rows.
commit;
begin transaction;

create unique index if not exists app_user_email_unique on app_user (lower(email));
create unique index if not exists reporter_email_unique on reporter (lower(email));
