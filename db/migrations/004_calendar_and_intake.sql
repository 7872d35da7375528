-- 004: the holiday calendar as data, the receiving units' quota, and two projection columns.

-- Holiday tables per year (法定节假日 ranges and 调休 make-up workdays), versioned: a year is loaded
-- from the State Council's annual notice by an org admin (or shipped, generated from chinese-days).
-- Cases compute with the highest version of each year they were given; rows are never changed.
CREATE TABLE calendar_years (
  year       integer     NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version    integer     NOT NULL CHECK (version >= 1),
  source     text        NOT NULL,
  -- [{ name, from, to }] and [{ date, name? }] as the notice lists them
  holidays   jsonb       NOT NULL,
  workdays   jsonb       NOT NULL,
  loaded_by  text        NOT NULL,
  loaded_at  timestamptz NOT NULL,
  PRIMARY KEY (year, version)
);

-- How many cadres a receiving unit takes: per round, or per year for cases outside a round.
CREATE TABLE intake_allocations (
  round_id       text,
  year           integer NOT NULL,
  receiving_unit text    NOT NULL,
  quota          integer NOT NULL CHECK (quota >= 0)
);
CREATE UNIQUE INDEX intake_allocations_key ON intake_allocations (COALESCE(round_id, ''), year, receiving_unit);

-- One row per approved case: the approval took a place of its unit's quota (idempotent by case id).
CREATE TABLE intake_reservations (
  case_id        text        PRIMARY KEY,
  round_id       text,
  year           integer     NOT NULL,
  receiving_unit text        NOT NULL,
  at             timestamptz NOT NULL
);
CREATE INDEX intake_reservations_unit ON intake_reservations (COALESCE(round_id, ''), year, receiving_unit);

-- The list can show and filter cases with provisional deadlines, and cases still on machine v1.
ALTER TABLE cases ADD COLUMN provisional boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD COLUMN machine_version integer NOT NULL DEFAULT 1;
CREATE INDEX cases_provisional_idx ON cases (case_id) WHERE provisional;
CREATE INDEX cases_machine_version_idx ON cases (machine_version, case_id);

-- A notification addressed to a person (the cadre) as well as a desk: delivery uses their own address.
ALTER TABLE notifications ADD COLUMN recipient_person_id text;
