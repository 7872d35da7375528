-- 009: the holiday calendar as data and two projection columns (machine v2). The receiving units'
-- quota is the round's (007: intake_allocations, intake_reservations); the person a notification
-- is addressed to is 006's recipient_person_id.

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

-- The list can show and filter cases with provisional deadlines, and cases still on machine v1.
ALTER TABLE cases ADD COLUMN provisional boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD COLUMN machine_version integer NOT NULL DEFAULT 1;
CREATE INDEX cases_provisional_idx ON cases (case_id) WHERE provisional;
CREATE INDEX cases_machine_version_idx ON cases (machine_version, case_id);
