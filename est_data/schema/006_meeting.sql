-- 006 (issue 13 part 4, the Thursday meeting in Möte): a priority has the dates it is for (the
-- weekend = the coming Saturday-Sunday, the coming week = Monday-Sunday), and the meeting keeps
-- what the police added as one note per week and municipality.
alter table weekly_priority add column if not exists start_date date;
alter table weekly_priority add column if not exists end_date date;

create table if not exists weekly_meeting (
    iso_year integer not null,
    iso_week integer not null,
    municipality_code varchar not null,
    police_note varchar,
    updated_at timestamp,
    updated_by varchar,
    primary key (iso_year, iso_week, municipality_code)
);
