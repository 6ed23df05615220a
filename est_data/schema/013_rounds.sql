-- 013 (issue 18 item 1): survey rounds of one or two ISO weeks. Each row says "from this week on, a
-- round is `weeks` long"; rounds before it keep the length they had (history is never rewritten).
-- No row: weekly rounds. A round's answers, links and meeting are stored under its first week.
create table if not exists survey_round_schedule (
    from_year integer not null,
    from_week integer not null,
    weeks integer not null check (weeks in (1, 2)),
    set_at timestamp,
    set_by varchar,
    primary key (from_year, from_week)
);
