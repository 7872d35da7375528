-- The keyed audit chain (issue 12): each new row's hash is HMAC-SHA-256 under a key the database
-- does not hold, named here by its id so keys can rotate. NULL: a row written before, hashed with
-- plain SHA-256; it still verifies, reported as legacy (anyone with write access could rebuild it).
ALTER TABLE audit_entries ADD COLUMN key_id text;
