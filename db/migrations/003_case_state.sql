-- 003: the lifecycle machine's state after each transition, so reads (status, duties, allowed
-- events) come from the database instead of Temporal queries. A query against a workflow whose task
-- is scheduled but not started is answered by a replay that advances the workflow; an Update arriving
-- in the next task then replays in a different order (sdk-core, found by the chaos test). Reading
-- here also keeps the API answering while no worker is running.
CREATE TABLE case_state (
  case_id         text        PRIMARY KEY,
  seq             integer     NOT NULL CHECK (seq >= 1),
  -- the workflow run (continue-as-new) that wrote it
  run             integer     NOT NULL CHECK (run >= 1),
  machine_version integer     NOT NULL,
  snapshot        jsonb       NOT NULL,
  updated_at      timestamptz NOT NULL
);
