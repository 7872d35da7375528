-- 007: the organization department's round (年度挂职工作 / 批次): invitations, applications (单位申报),
-- recommendations (推荐) with eligibility at entry, the decision board's allocations (the quota the
-- case workflow enforces) and assignments, the cases a launch started with their common term and
-- living subsidy, and the round workflow's stored state.

CREATE TABLE rounds (
  id                           text          PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{3,64}$'),
  year                         integer       NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  name                         text          NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  org_unit                     text          NOT NULL REFERENCES units (code),
  united_front_unit            text          NOT NULL REFERENCES units (code),
  kinds                        jsonb         NOT NULL,
  policy_id                    text          NOT NULL,
  term_start                   date          NOT NULL,
  term_end                     date          NOT NULL,
  -- 生活补助: yuan per day, paid by the home (sending) unit; pay stays with the home unit (工资待遇不变)
  subsidy_per_day              numeric(10,2) NOT NULL CHECK (subsidy_per_day >= 0),
  subsidy_payer                text          NOT NULL DEFAULT 'sending_unit' CHECK (subsidy_payer IN ('sending_unit')),
  pay_rule                     text          NOT NULL DEFAULT 'home_unit_unchanged' CHECK (pay_rule IN ('home_unit_unchanged')),
  application_deadline         timestamptz   NOT NULL,
  recommendation_deadline      timestamptz   NOT NULL,
  max_recommendations_per_unit integer       NOT NULL DEFAULT 2 CHECK (max_recommendations_per_unit BETWEEN 1 AND 20),
  created_by                   text          NOT NULL,
  created_at                   timestamptz   NOT NULL DEFAULT now(),
  CHECK (term_end > term_start)
);

CREATE INDEX rounds_org_idx ON rounds (org_unit, year);

-- Receiving units asked to apply, sending units asked to recommend: each one a duty of the round.
CREATE TABLE round_units (
  round_id text NOT NULL REFERENCES rounds (id),
  part     text NOT NULL CHECK (part IN ('receiving', 'sending')),
  unit     text NOT NULL REFERENCES units (code),
  PRIMARY KEY (round_id, part, unit)
);

CREATE TABLE round_applications (
  id           text        PRIMARY KEY,
  round_id     text        NOT NULL REFERENCES rounds (id),
  unit         text        NOT NULL REFERENCES units (code),
  status       text        NOT NULL CHECK (status IN ('submitted', 'declined')),
  -- how many cadres the unit asks for (0 when declined)
  requested    integer     NOT NULL CHECK (requested BETWEEN 0 AND 1000),
  -- [{title, level, elected, count}]
  posts        jsonb       NOT NULL DEFAULT '[]'::jsonb,
  note         text,
  submitted_by text        NOT NULL,
  submitted_at timestamptz NOT NULL,
  UNIQUE (round_id, unit)
);

CREATE TABLE round_recommendations (
  id                       text        PRIMARY KEY,
  round_id                 text        NOT NULL REFERENCES rounds (id),
  person_id                text        NOT NULL REFERENCES persons (id),
  -- the recommending unit (派出单位)
  sending_unit             text        NOT NULL REFERENCES units (code),
  kind                     text        NOT NULL,
  requested_receiving_unit text        REFERENCES units (code),
  -- {type, examScore?, interviewScore?}
  source                   jsonb       NOT NULL,
  -- computed from the round's policy at entry: {ok, failures: [{code, zh, en}], age, at}
  eligibility              jsonb       NOT NULL,
  status                   text        NOT NULL DEFAULT 'candidate'
                                       CHECK (status IN ('candidate', 'assigned', 'rejected', 'withdrawn')),
  status_reason            text,
  note                     text,
  created_by               text        NOT NULL,
  created_at               timestamptz NOT NULL,
  UNIQUE (round_id, person_id)
);

CREATE INDEX round_recommendations_unit_idx ON round_recommendations (round_id, sending_unit);

-- The quota per (round, receiving unit), or per (year, receiving unit) for cases outside a round.
CREATE TABLE intake_allocations (
  round_id       text        REFERENCES rounds (id),
  year           integer     NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  receiving_unit text        NOT NULL REFERENCES units (code),
  quota          integer     NOT NULL CHECK (quota BETWEEN 0 AND 1000),
  set_by         text        NOT NULL,
  set_at         timestamptz NOT NULL
);

CREATE UNIQUE INDEX intake_allocations_key ON intake_allocations (COALESCE(round_id, ''), year, receiving_unit);

-- One row per approved case: what "already approved" counts. Taken by the reserveIntake activity
-- under an advisory lock on (round or year, unit), idempotent by case id, released when the
-- approval is refused.
CREATE TABLE intake_reservations (
  case_id        text        PRIMARY KEY,
  round_id       text,
  year           integer     NOT NULL,
  receiving_unit text        NOT NULL,
  at             timestamptz NOT NULL
);

CREATE INDEX intake_reservations_unit_idx ON intake_reservations (COALESCE(round_id, ''), year, receiving_unit);

-- The decision board (组织确定): candidate → receiving unit and post.
CREATE TABLE round_assignments (
  recommendation_id text        PRIMARY KEY REFERENCES round_recommendations (id),
  round_id          text        NOT NULL REFERENCES rounds (id),
  receiving_unit    text        NOT NULL REFERENCES units (code),
  post_title        text        NOT NULL,
  post_level        text        NOT NULL,
  post_elected      boolean     NOT NULL,
  decided_by        text        NOT NULL,
  decided_at        timestamptz NOT NULL
);

CREATE INDEX round_assignments_unit_idx ON round_assignments (round_id, receiving_unit);

-- Every case a launch started: the link case ↔ round with the term, subsidy and pay rule recorded
-- on the case (a case may differ from the common term, with a reason).
CREATE TABLE round_cases (
  case_id           text          PRIMARY KEY,
  round_id          text          NOT NULL REFERENCES rounds (id),
  recommendation_id text          NOT NULL UNIQUE REFERENCES round_recommendations (id),
  term_start        date          NOT NULL,
  term_end          date          NOT NULL,
  term_reason       text,
  subsidy_per_day   numeric(10,2) NOT NULL,
  subsidy_payer     text          NOT NULL,
  pay_rule          text          NOT NULL,
  launch_state      text          NOT NULL CHECK (launch_state IN ('starting', 'started', 'approved', 'failed')),
  launch_error      text,
  launched_at       timestamptz   NOT NULL,
  CHECK (term_end > term_start)
);

CREATE INDEX round_cases_round_idx ON round_cases (round_id, case_id);

-- A launch of a round's cases (one per round), its progress counted from round_cases.
CREATE TABLE round_launches (
  round_id    text        PRIMARY KEY REFERENCES rounds (id),
  total       integer     NOT NULL CHECK (total >= 0),
  started_by  text        NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz
);

-- The round machine's snapshot after its latest transition (like case_state for cases).
CREATE TABLE round_state (
  round_id   text        PRIMARY KEY REFERENCES rounds (id),
  seq        integer     NOT NULL CHECK (seq >= 1),
  status     text        NOT NULL,
  snapshot   jsonb       NOT NULL,
  updated_at timestamptz NOT NULL
);
