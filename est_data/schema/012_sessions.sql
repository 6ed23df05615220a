-- Issue 16 item 7 and issue 13 item 5: sessions that survive a refresh, a login throttle per account
-- and client, and single sign-on identities by the issuer's stable subject.

-- A signed-in browser: the random token lives only in the browser's cookie; here only its SHA-256.
-- Logging out or the idle timeout ends the row (ended_at), so a copied cookie is worth nothing after.
-- A personal survey link's session has user_id 0 and the link's id (a refresh keeps the reporter's form).
create table if not exists app_session (
    token_hash varchar primary key,
    user_id integer not null,
    link_id integer,
    created_at timestamp not null,
    last_seen_at timestamp not null,
    ended_at timestamp,
    end_reason varchar
);

-- Failed logins per (account as typed, client address): a growing delay instead of a hard lock, kept
-- for names that do not exist too, so the throttle tells nothing about which accounts exist.
create table if not exists login_throttle (
    account varchar not null,
    client varchar not null,
    failures integer not null default 0,
    last_failure_at timestamp not null,
    primary key (account, client)
);

-- Single sign-on: an identity is the issuer's stable subject (Entra: tid + oid, OIDC: iss + sub).
create table if not exists user_identity (
    issuer varchar not null,
    subject varchar not null,
    user_id integer not null,
    linked_at timestamp not null,
    last_login_at timestamp,
    primary key (issuer, subject)
);
