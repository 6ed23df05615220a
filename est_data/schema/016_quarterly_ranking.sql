-- 016 (issue 18 item 4, the quarterly ranking as a page): the group's own judgement of the
-- possibility to influence per area, and the priority areas chosen for the coming quarter.

-- One judgement per area and analysed quarter (saving again replaces it; the audit log keeps the
-- earlier one). A quarter without its own judgement uses the area's latest earlier one.
create table if not exists influence_judgement (
    municipality_code varchar not null,
    area_id integer not null,
    year integer not null,
    quarter integer not null check (quarter between 1 and 4),
    level varchar not null check (level in ('låg', 'medel', 'hög')),
    reason varchar,
    decided_by varchar,
    decided_at timestamp not null,
    primary key (municipality_code, area_id, year, quarter)
);

-- The areas the group prioritises for a quarter (year, quarter: the quarter the priority is for),
-- chosen when analysing the quarter before, with what they intend to do there.
create table if not exists quarter_priority (
    municipality_code varchar not null,
    year integer not null,
    quarter integer not null check (quarter between 1 and 4),
    area_id integer not null,
    intent varchar,
    decided_by varchar,
    decided_at timestamp not null,
    primary key (municipality_code, year, quarter, area_id)
);
