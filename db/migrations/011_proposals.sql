-- 011: four-eyes proposals (双人复核). An intervention the policy names is proposed by one org admin
-- and applied only when a second, different admin of the same organization department approves it.
-- A bulk proposal keeps the exact dry-run plan it was approved on; the proposal's own trail keeps
-- every step (proposed, approved / rejected, applied) with who and why.
CREATE TABLE proposals (
  proposal_id        text        PRIMARY KEY,
  scope              text        NOT NULL CHECK (scope IN ('case', 'bulk')),
  -- the organization department whose admins decide (the case's, or the proposer's for a bulk run)
  org_unit           text        NOT NULL,
  case_id            text,
  intervention_type  text        NOT NULL,
  -- the intervention's payload (with its reason) exactly as it will be applied
  payload            jsonb       NOT NULL,
  -- bulk: the filter and the exact per-case plan of the dry run ({ caseId, change, payload }[])
  filter             jsonb,
  plan               jsonb,
  -- what the preview showed when it was proposed (before → after)
  change             text,
  reason             text        NOT NULL,
  proposed_by        text        NOT NULL,
  proposed_at        timestamptz NOT NULL,
  due_at             timestamptz NOT NULL,
  -- the moment the escalation ladder flags it stuck (the policy's stuckAfter past due_at)
  stuck_at           timestamptz NOT NULL,
  status             text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'rejected')),
  decided_by         text,
  decided_at         timestamptz,
  decision_reason    text,
  -- what applying it did: the case's new status, or the bulk run's per-case outcomes
  result             jsonb,
  CHECK ((scope = 'case') = (case_id IS NOT NULL)),
  CHECK (status = 'open' OR (decided_by IS NOT NULL AND decided_by <> proposed_by))
);
CREATE INDEX proposals_open_idx ON proposals (org_unit, due_at) WHERE status = 'open';
CREATE INDEX proposals_case_idx ON proposals (case_id, proposed_at) WHERE case_id IS NOT NULL;

CREATE TABLE proposal_events (
  proposal_id  text        NOT NULL REFERENCES proposals (proposal_id),
  seq          integer     NOT NULL,
  at           timestamptz NOT NULL,
  kind         text        NOT NULL CHECK (kind IN ('proposed', 'escalated', 'approved', 'rejected', 'applied')),
  -- escalated: the ladder step reached while nobody decided (proposal workflow), in detail.step
  actor_id     text        NOT NULL,
  reason       text,
  detail       jsonb,
  PRIMARY KEY (proposal_id, seq)
);
