-- 015 (issue 18 item 3): safety walks (trygghetsvandringar). A walk is planned and held with
-- residents, the police and the municipality; its findings (unsafe places, on the map or for the
-- whole route) get a proposed measure, may become an action (table action), and are followed up
-- about six months after the walk (setting walk_followup_months).
create sequence if not exists walk_id_seq start 1;
create sequence if not exists walk_finding_id_seq start 1;

create table if not exists walk (
    id integer primary key default nextval('walk_id_seq'),
    municipality_code varchar not null,
    walk_date date not null,
    area_id integer,                 -- the area walked (optional when a route is given)
    route_geojson varchar,           -- the route as a GeoJSON LineString (EPSG:4326), optional
    title varchar,                   -- a short name, e.g. "Kvällsvandring Centrum"
    participants_count integer,
    participants varchar,            -- who took part (internal: never in the residents' report)
    partners varchar,                -- organisations, e.g. "Polisen, Trelleborgshem"
    status varchar not null default 'planerad',   -- planerad, genomförd
    notes varchar,                   -- internal notes
    created_at timestamp,
    created_by varchar,
    updated_at timestamp
);

create table if not exists walk_finding (
    id integer primary key default nextval('walk_finding_id_seq'),
    walk_id integer not null,
    lat double,                      -- null: a finding for the whole route or area
    lon double,
    category varchar not null,       -- belysning, vegetation, skymd_sikt, nedskrapning, hang, annat
    factor_code varchar,             -- an EST factor (table factor), optional
    place_text varchar,              -- where, in words ("gångtunneln under Järnvägsgatan")
    description varchar,
    photo blob,                      -- internal only: never in the residents' report
    photo_type varchar,              -- image/jpeg or image/png
    proposed_measure varchar,
    responsible varchar,             -- the organisation that should act
    action_id integer,               -- the action (table action) the finding became
    followup_due date,               -- walk date + walk_followup_months, set when the walk is held
    followup_status varchar not null default 'öppen',   -- öppen, åtgärdad, delvis, ej åtgärdad
    followup_outcome varchar,
    followup_done date,
    followup_by varchar,
    created_at timestamp,
    created_by varchar,
    updated_at timestamp
);
