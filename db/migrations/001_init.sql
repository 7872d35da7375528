-- 001: audit trail, case projection, personnel file, notification outbox, local mailbox, directory.
-- Plain PostgreSQL: the same file runs on PGlite (embedded) and on a PostgreSQL 15 server.

-- Append-only, hash-chained record of every accepted transition (one row per case and sequence number).
CREATE TABLE audit_entries (
  case_id           text        NOT NULL,
  seq               integer     NOT NULL CHECK (seq >= 1),
  event_type        text        NOT NULL,
  actor_id          text        NOT NULL,
  actor_role        text        NOT NULL,
  actor_unit        text        NOT NULL,
  on_behalf_of      text,
  reason            text,
  from_state        text        NOT NULL,
  to_state          text        NOT NULL,
  payload           jsonb       NOT NULL,
  payload_digest    char(64)    NOT NULL,
  -- Digest of the whole transition record: a retry must carry the same one, otherwise the workflow
  -- produced a different transition at the same seq (non-determinism) and the write is refused.
  transition_digest char(64)    NOT NULL,
  at                timestamptz NOT NULL,
  prev_hash         char(64)    NOT NULL,
  hash              char(64)    NOT NULL,
  PRIMARY KEY (case_id, seq)
);

CREATE FUNCTION audit_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计记录只能追加，禁止 % / audit_entries is append-only: % is not allowed', TG_OP, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

-- Statement-level so that even an UPDATE or DELETE matching no row is refused.
CREATE TRIGGER audit_entries_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();

-- Current state of each case, rebuilt from transitions; safe to rewrite, hence no trigger.
CREATE TABLE cases (
  case_id              text        PRIMARY KEY,
  status               text        NOT NULL,
  kind                 text        NOT NULL,
  year                 integer     NOT NULL,
  sending_unit         text        NOT NULL,
  receiving_unit       text        NOT NULL,
  next_duty_id         text,
  next_duty_label      text,
  next_duty_owner_role text,
  next_duty_owner_unit text,
  next_duty_due_at     timestamptz,
  next_deadline        timestamptz,
  overdue              boolean     NOT NULL DEFAULT false,
  stuck                boolean     NOT NULL DEFAULT false,
  stuck_reason         text,
  last_seq             integer     NOT NULL,
  updated_at           timestamptz NOT NULL
);

CREATE INDEX cases_status_idx ON cases (status, case_id);
CREATE INDEX cases_kind_idx ON cases (kind, case_id);
CREATE INDEX cases_year_idx ON cases (year, case_id);
CREATE INDEX cases_sending_unit_idx ON cases (sending_unit, case_id);
CREATE INDEX cases_receiving_unit_idx ON cases (receiving_unit, case_id);
CREATE INDEX cases_next_deadline_idx ON cases (next_deadline, case_id);
CREATE INDEX cases_next_duty_owner_idx ON cases (next_duty_owner_unit, next_duty_owner_role);
CREATE INDEX cases_overdue_idx ON cases (next_deadline) WHERE overdue;
CREATE INDEX cases_stuck_idx ON cases (updated_at) WHERE stuck;

-- No foreign keys point at audit_entries: they would make TRUNCATE fail with a foreign-key message
-- before the append-only trigger could say why. applyTransition writes all of these rows in the
-- transaction that writes their audit entry, which is what keeps them consistent.

-- Assessment grades, appraisals, promotions: what goes into the cadre's personnel file (个人档案).
CREATE TABLE personnel_file_entries (
  case_id text        NOT NULL,
  seq     integer     NOT NULL,
  idx     integer     NOT NULL CHECK (idx >= 0),
  kind    text        NOT NULL,
  content jsonb       NOT NULL,
  at      timestamptz NOT NULL,
  PRIMARY KEY (case_id, seq, idx)
);

-- Transactional outbox: written in the same transaction as the audit row, delivered later.
CREATE TABLE notifications (
  id              text        PRIMARY KEY, -- `${case_id}:${seq}:${idx}`, so a retried transition cannot duplicate it
  case_id         text        NOT NULL,
  seq             integer     NOT NULL,
  recipient_role  text        NOT NULL,
  recipient_unit  text        NOT NULL,
  template        text        NOT NULL,
  vars            jsonb       NOT NULL,
  status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
  attempts        integer     NOT NULL DEFAULT 0,
  last_error      text,
  -- NULL means "as soon as possible": the first attempt does not depend on whose clock wrote the row.
  next_attempt_at timestamptz,
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz
);

CREATE INDEX notifications_due_idx ON notifications (next_attempt_at NULLS FIRST, created_at, id)
  WHERE status = 'pending';
CREATE INDEX notifications_dead_idx ON notifications (created_at) WHERE status = 'dead';
CREATE INDEX notifications_case_idx ON notifications (case_id, seq);

-- The embedded default's mail store; UNIQUE(notification_id) makes delivery into it exactly-once.
CREATE TABLE mailbox (
  id              integer     GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id text        NOT NULL UNIQUE REFERENCES notifications (id),
  to_address      text        NOT NULL,
  locale          text        NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  subject         text        NOT NULL,
  body            text        NOT NULL,
  delivered_at    timestamptz NOT NULL
);

CREATE INDEX mailbox_to_address_idx ON mailbox (to_address, id);

-- Who receives mail for a role in a unit. Missing entry: `${role}@${unit}.local`, zh-CN.
CREATE TABLE directory (
  role    text NOT NULL,
  unit    text NOT NULL,
  address text NOT NULL,
  locale  text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  PRIMARY KEY (role, unit)
);
