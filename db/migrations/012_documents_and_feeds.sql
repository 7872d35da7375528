-- 011: the generated documents' audit entries (文书生成记录) and the calendar feed tokens (日历订阅).

-- Who generated which document of a case (or of a round: case_id 'round:<id>'), with the SHA-256 of
-- the bytes handed out. A chain of its own per case, anchored in the case's audit chain: each row
-- hashes the previous document row (prev_hash) and the case chain's head at that moment
-- (anchor_seq, anchor_hash), so a row cannot be altered, removed from the middle or moved to another
-- point of the case's history without verify naming it. Its own sequence because the case chain's
-- sequence belongs to the workflow (every transition is written at the machine's seq, idempotently):
-- a row written beside it would take a seq the workflow will write next. Generating a document
-- changes no state, and a closed case (its workflow finished) must still be printable.
CREATE TABLE document_records (
  case_id      text        NOT NULL,
  seq          integer     NOT NULL CHECK (seq >= 1),
  kind         text        NOT NULL,
  format       text        NOT NULL CHECK (format IN ('docx', 'pdf')),
  -- the annual form's year, otherwise null
  year         integer,
  file_name    text        NOT NULL,
  sha256       char(64)    NOT NULL,
  bytes        integer     NOT NULL CHECK (bytes > 0),
  actor_id     text        NOT NULL,
  actor_role   text        NOT NULL,
  actor_unit   text        NOT NULL,
  at           timestamptz NOT NULL,
  anchor_seq   integer     NOT NULL CHECK (anchor_seq >= 0),
  anchor_hash  char(64)    NOT NULL,
  prev_hash    char(64)    NOT NULL,
  hash         char(64)    NOT NULL,
  PRIMARY KEY (case_id, seq)
);

CREATE TRIGGER document_records_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON document_records
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();

-- A user's calendar feed tokens: only the SHA-256 of the token is stored (the token is shown once).
-- purpose 'duties': the duties the user owes; 'overdue': an org admin's department's overdue and
-- stuck items. Revoking keeps the row (revoked_at) so the answer for the old URL stays 404.
CREATE TABLE feed_tokens (
  token_hash  char(64)    PRIMARY KEY,
  username    text        NOT NULL,
  -- the user as they were when the token was made (role, units, person): a proxy-mode user has no
  -- api_users row; a local user is read afresh (disabled: the feed is gone)
  principal   jsonb       NOT NULL,
  purpose     text        NOT NULL CHECK (purpose IN ('duties', 'overdue')),
  created_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);

-- At most one live token per user and purpose: regenerating revokes the old one.
CREATE UNIQUE INDEX feed_tokens_live_idx ON feed_tokens (username, purpose) WHERE revoked_at IS NULL;
