-- 004: the unit directory (单位库) and its hierarchy. Jurisdiction follows the tree: an organization
-- department sees and manages the subtree of its region (the city department every county under the
-- city, a county department only its county), so scope predicates read the closure table below.

CREATE TABLE units (
  code        text        PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  name_zh     text        NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
  name_en     text        NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  type        text        NOT NULL CHECK (type IN ('party_organ', 'government_organ', 'org_dept',
                'united_front_dept', 'people_congress', 'township', 'subdistrict', 'village', 'community',
                'enterprise', 'school', 'hospital', 'institution', 'region', 'other')),
  level       text        NOT NULL CHECK (level IN ('city', 'county', 'township', 'village')),
  parent_code text        REFERENCES units (code),
  active      boolean     NOT NULL DEFAULT true,
  -- 'directory' for units an admin entered; 'backfill' for codes found in data written before 004
  origin      text        NOT NULL DEFAULT 'directory' CHECK (origin IN ('directory', 'backfill')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_code IS DISTINCT FROM code)
);

CREATE INDEX units_parent_idx ON units (parent_code, code);
CREATE INDEX units_type_idx ON units (type, code);

-- Closure table: one row per (ancestor, descendant) pair, including (u, u) at depth 0. Kept by the
-- trigger below in the statement that inserts or moves a unit, so it can never lag the tree.
CREATE TABLE unit_ancestry (
  ancestor   text    NOT NULL REFERENCES units (code),
  descendant text    NOT NULL REFERENCES units (code),
  depth      integer NOT NULL CHECK (depth >= 0),
  PRIMARY KEY (ancestor, descendant)
);

CREATE INDEX unit_ancestry_descendant_idx ON unit_ancestry (descendant, depth);

CREATE FUNCTION units_keep_ancestry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO unit_ancestry (ancestor, descendant, depth) VALUES (NEW.code, NEW.code, 0);
    IF NEW.parent_code IS NOT NULL THEN
      INSERT INTO unit_ancestry (ancestor, descendant, depth)
        SELECT a.ancestor, NEW.code, a.depth + 1 FROM unit_ancestry a WHERE a.descendant = NEW.parent_code;
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.code IS DISTINCT FROM OLD.code THEN
    RAISE EXCEPTION '单位代码不可修改 / a unit code cannot change (%)', OLD.code USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.parent_code IS NOT DISTINCT FROM OLD.parent_code THEN
    RETURN NEW;
  END IF;
  IF NEW.parent_code IS NOT NULL AND EXISTS (
    SELECT 1 FROM unit_ancestry WHERE ancestor = NEW.code AND descendant = NEW.parent_code
  ) THEN
    RAISE EXCEPTION '不能把单位移到其下级之下 / % cannot move under its own descendant %', NEW.code, NEW.parent_code
      USING ERRCODE = 'check_violation';
  END IF;
  -- Detach the subtree from its old ancestors, then hang it under the new parent's ancestors.
  DELETE FROM unit_ancestry
   WHERE descendant IN (SELECT descendant FROM unit_ancestry WHERE ancestor = NEW.code)
     AND ancestor IN (SELECT ancestor FROM unit_ancestry WHERE descendant = NEW.code AND ancestor <> NEW.code);
  IF NEW.parent_code IS NOT NULL THEN
    INSERT INTO unit_ancestry (ancestor, descendant, depth)
      SELECT sup.ancestor, sub.descendant, sup.depth + sub.depth + 1
        FROM unit_ancestry sup CROSS JOIN unit_ancestry sub
       WHERE sup.descendant = NEW.parent_code AND sub.ancestor = NEW.code;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER units_ancestry
  AFTER INSERT OR UPDATE OF code, parent_code ON units
  FOR EACH ROW EXECUTE FUNCTION units_keep_ancestry();

-- The region (市, 县 …) a unit belongs to: the nearest ancestor of type region, the unit itself
-- included; a unit with no region above it is its own. Jurisdiction = the subtree of that region.
CREATE VIEW unit_region AS
SELECT u.code AS unit,
       COALESCE((SELECT a.ancestor
                   FROM unit_ancestry a JOIN units r ON r.code = a.ancestor
                  WHERE a.descendant = u.code AND r.type = 'region'
                  ORDER BY a.depth LIMIT 1), u.code) AS region
  FROM units u;

-- Codes already in use before the directory existed become units, named by their code, so old cases
-- stay in somebody's scope. Every dot-prefix becomes a region above them (`county.c.town-d` under
-- `county.c` under `county`); an admin renames and moves them afterwards (api/README.md).
WITH used AS (
  SELECT sending_unit AS code FROM cases
  UNION SELECT receiving_unit FROM cases
  UNION SELECT org_unit FROM case_parties
  UNION SELECT united_front_unit FROM case_parties
  UNION SELECT sending_unit FROM case_parties
  UNION SELECT requested_receiving_unit FROM case_parties
  UNION SELECT unit FROM directory
  UNION SELECT jsonb_array_elements_text(units) FROM api_users
),
valid AS (
  SELECT code FROM used WHERE code ~ '^[A-Za-z0-9_.:-]{1,64}$'
),
parts AS (
  SELECT v.code, string_to_array(v.code, '.') AS segs FROM valid v
),
prefixes AS (
  SELECT DISTINCT array_to_string(p.segs[1:n], '.') AS code, n AS depth,
         (n = array_length(p.segs, 1)) AS used
    FROM parts p, generate_series(1, array_length(p.segs, 1)) AS n
),
nodes AS (
  SELECT code, depth, bool_or(used) AS used FROM prefixes GROUP BY code, depth
)
INSERT INTO units (code, name_zh, name_en, type, level, parent_code, origin)
SELECT n.code, n.code, n.code,
       CASE WHEN n.code LIKE '%org-dept' THEN 'org_dept'
            WHEN n.code LIKE '%united-front' THEN 'united_front_dept'
            WHEN n.code ~ '(town|township)' THEN 'township'
            WHEN NOT n.used THEN 'region'
            ELSE 'other' END,
       CASE WHEN n.code ~ '(town|township)' THEN 'township'
            WHEN n.code LIKE 'county%' THEN 'county'
            ELSE 'city' END,
       NULLIF(array_to_string((string_to_array(n.code, '.'))[1:n.depth - 1], '.'), ''),
       'backfill'
  FROM nodes n
 ORDER BY n.depth, n.code;
