-- 002: identity and access for the admin API — local users, sessions, and the parties of each case
-- that the case projection does not carry (organization department, cadre), used for scoping.

-- Local users (embedded default). Passwords: scrypt, stored as `scrypt$N$r$p$salt$hash` (base64url).
CREATE TABLE api_users (
  username      text        PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9_.@-]{2,64}$'),
  display_name  text        NOT NULL,
  role          text        NOT NULL CHECK (role IN ('org_admin', 'sending_officer', 'receiving_officer', 'cadre', 'auditor')),
  -- unit codes this user acts for (JSON array of strings); a cadre is bound by cadre_id instead
  units         jsonb       NOT NULL DEFAULT '[]'::jsonb,
  cadre_id      text,
  password_hash text        NOT NULL,
  disabled      boolean     NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'cadre' OR cadre_id IS NOT NULL)
);

-- Server-side sessions: the cookie carries a random token, the table only its SHA-256.
CREATE TABLE api_sessions (
  token_hash  char(64)    PRIMARY KEY,
  username    text        NOT NULL REFERENCES api_users (username) ON DELETE CASCADE,
  csrf_token  text        NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);

CREATE INDEX api_sessions_expiry_idx ON api_sessions (expires_at);

-- Who a case belongs to, written by the API when it nominates (before the workflow starts), so that
-- organization-department and cadre scopes can be enforced. Contains ids and unit codes only.
CREATE TABLE case_parties (
  case_id                  text        PRIMARY KEY,
  org_unit                 text        NOT NULL,
  united_front_unit        text        NOT NULL,
  sending_unit             text        NOT NULL,
  requested_receiving_unit text        NOT NULL,
  cadre_id                 text        NOT NULL,
  created_by               text        NOT NULL,
  created_at               timestamptz NOT NULL
);

CREATE INDEX case_parties_org_unit_idx ON case_parties (org_unit, case_id);
CREATE INDEX case_parties_cadre_idx ON case_parties (cadre_id);
