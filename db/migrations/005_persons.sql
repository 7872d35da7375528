-- 005: the cadre registry (干部库), annual grades, the reserve pool (拟选派干部数据库), cadre accounts
-- bound to a person, and the united front department's (统战部) login role. Personal data lives here
-- and only here: a case and its workflow know a person by a random id.

CREATE TABLE persons (
  -- random (`p` + 20 hex) for new persons; old cadre ids kept as they were (backfill below)
  id                             text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  name                           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  gender                         text        CHECK (gender IN ('male', 'female')),
  birth_date                     date,
  ethnicity                      text,
  native_place                   text,
  party_status                   text        NOT NULL CHECK (party_status IN ('cpc', 'non_cpc')),
  -- e.g. 中国民主同盟, 无党派人士 (non-CPC); null for CPC members
  party_name                     text,
  party_joined_on                date,
  -- {level, degree?, school?, major?}
  education                      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  work_started_on                date,
  current_unit                   text        REFERENCES units (code),
  current_post                   text,
  -- the lifecycle machine's rank vocabulary (clerk, deputy_section …)
  rank                           text,
  -- the machine's category vocabulary (selected_graduate, county_reserve, reserve …)
  categories                     jsonb       NOT NULL DEFAULT '[]'::jsonb,
  held_grassroots_principal_post boolean     NOT NULL DEFAULT false,
  -- notification address; without one, mail goes to the local address person-<id>@persons.local
  email                          text,
  -- 'registry' for persons an admin entered; 'backfill' for cadres found in cases before 005
  origin                         text        NOT NULL DEFAULT 'registry' CHECK (origin IN ('registry', 'backfill')),
  created_at                     timestamptz NOT NULL DEFAULT now(),
  created_by                     text        NOT NULL
);

CREATE INDEX persons_current_unit_idx ON persons (current_unit, id);
CREATE INDEX persons_name_idx ON persons (lower(name), id);

-- Annual assessment grades (年度考核) by year, newest used for the 优秀 guidance.
CREATE TABLE person_grades (
  person_id text    NOT NULL REFERENCES persons (id),
  year      integer NOT NULL CHECK (year BETWEEN 1949 AND 2200),
  grade     text    NOT NULL CHECK (grade IN ('excellent', 'competent', 'basically_competent', 'incompetent')),
  PRIMARY KEY (person_id, year)
);

-- The reserve pool (拟选派干部数据库 / 后备干部库) the sending units recommend from.
CREATE TABLE reserve_pool (
  person_id  text        PRIMARY KEY REFERENCES persons (id),
  entered_on date        NOT NULL,
  source     text        NOT NULL CHECK (source IN ('survey', 'self', 'mass', 'organization')),
  note       text,
  active     boolean     NOT NULL DEFAULT true,
  added_by   text        NOT NULL,
  added_at   timestamptz NOT NULL DEFAULT now()
);

-- Cases learn whether their cadre is a party member (the 统战部 sees 党外 cases) and their round.
ALTER TABLE case_parties ADD COLUMN cpc_member boolean;
ALTER TABLE case_parties ADD COLUMN round_id text;
CREATE INDEX case_parties_round_idx ON case_parties (round_id, case_id) WHERE round_id IS NOT NULL;

-- Cadres of cases written before the registry existed: one person each, named from the stored
-- snapshot, so old cases show a name and keep working. Id = the old cadre id.
WITH snapshots AS (
  SELECT s.case_id, s.snapshot->'context'->'cadre' AS cadre, s.snapshot->'context'->>'sendingUnit' AS sending
    FROM case_state s
),
found AS (
  SELECT DISTINCT ON (id) id, name, birth_date, cpc, rank, categories, grassroots, unit FROM (
    SELECT COALESCE(p.cadre_id, sn.cadre->>'id') AS id,
           COALESCE(sn.cadre->>'displayName', COALESCE(p.cadre_id, sn.cadre->>'id')) AS name,
           CASE WHEN sn.cadre->>'birthDate' ~ '^\d{4}-\d{2}-\d{2}$' THEN (sn.cadre->>'birthDate')::date END AS birth_date,
           COALESCE((sn.cadre->>'cpcMember')::boolean, true) AS cpc,
           sn.cadre->>'rank' AS rank,
           COALESCE(sn.cadre->'categories', '[]'::jsonb) AS categories,
           COALESCE((sn.cadre->>'heldGrassrootsPrincipalPost')::boolean, false) AS grassroots,
           COALESCE(p.sending_unit, sn.sending) AS unit
      FROM snapshots sn FULL OUTER JOIN case_parties p ON p.case_id = sn.case_id
  ) x WHERE id IS NOT NULL
  ORDER BY id
)
INSERT INTO persons (id, name, birth_date, party_status, rank, categories, held_grassroots_principal_post,
                     current_unit, origin, created_by)
SELECT f.id, left(f.name, 64), f.birth_date, CASE WHEN f.cpc THEN 'cpc' ELSE 'non_cpc' END, f.rank, f.categories,
       f.grassroots, (SELECT code FROM units WHERE code = f.unit), 'backfill', 'migration-005'
  FROM found f;

UPDATE case_parties p
   SET cpc_member = COALESCE((s.snapshot->'context'->'cadre'->>'cpcMember')::boolean, true)
  FROM case_state s WHERE s.case_id = p.case_id;

-- Cadre accounts: bound to a registry person (person_id); the free cadre_id stays readable for
-- old accounts, and a cadre account whose id matches no case gets a person named after the account.
INSERT INTO persons (id, name, party_status, origin, created_by)
SELECT DISTINCT u.cadre_id, left(u.display_name, 64), 'cpc', 'backfill', 'migration-005'
  FROM api_users u
 WHERE u.cadre_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = u.cadre_id);

ALTER TABLE api_users ADD COLUMN person_id text REFERENCES persons (id);
UPDATE api_users SET person_id = cadre_id WHERE cadre_id IS NOT NULL;
CREATE INDEX api_users_person_idx ON api_users (person_id) WHERE person_id IS NOT NULL;

ALTER TABLE api_users DROP CONSTRAINT api_users_role_check;
ALTER TABLE api_users ADD CONSTRAINT api_users_role_check
  CHECK (role IN ('org_admin', 'sending_officer', 'receiving_officer', 'cadre', 'united_front', 'auditor'));
ALTER TABLE api_users DROP CONSTRAINT api_users_check;
ALTER TABLE api_users ADD CONSTRAINT api_users_cadre_person_check CHECK (role <> 'cadre' OR person_id IS NOT NULL);
