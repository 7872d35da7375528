-- 008: seminars and exchanges (座谈会) of a round: schedule, invitees (persons and units), attendance
-- and minutes. Invitations go out through the outbox (subject seminar:<id>), once per invitee.
CREATE TABLE seminars (
  id         text        PRIMARY KEY,
  round_id   text        REFERENCES rounds (id),
  title      text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  held_at    timestamptz NOT NULL,
  place      text        NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  org_unit   text        NOT NULL REFERENCES units (code),
  minutes    text,
  minutes_by text,
  minutes_at timestamptz,
  created_by text        NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE INDEX seminars_round_idx ON seminars (round_id, held_at);

CREATE TABLE seminar_invitees (
  seminar_id text    NOT NULL REFERENCES seminars (id),
  kind       text    NOT NULL CHECK (kind IN ('person', 'unit')),
  ref        text    NOT NULL,
  -- null until attendance is recorded
  attended   boolean,
  PRIMARY KEY (seminar_id, kind, ref)
);

CREATE INDEX seminar_invitees_person_idx ON seminar_invitees (ref) WHERE kind = 'person';
