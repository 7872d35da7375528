-- 006: notifications addressed to a person, and notifications about something other than a case.
-- A cadre's mail goes to their own record (persons.email, or person-<id>@persons.local in the local
-- mailbox), never to their receiving unit's desk, so two cadres at one unit never read each other's
-- mail. Seminar invitations and round duties are not tied to a case: they name their subject.
ALTER TABLE notifications ADD COLUMN recipient_person_id text;
ALTER TABLE notifications ADD COLUMN subject text;
ALTER TABLE notifications ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE notifications ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE notifications ADD CONSTRAINT notifications_subject_check CHECK (case_id IS NOT NULL OR subject IS NOT NULL);

CREATE INDEX notifications_person_idx ON notifications (recipient_person_id, created_at)
  WHERE recipient_person_id IS NOT NULL;
CREATE INDEX notifications_desk_idx ON notifications (recipient_unit, recipient_role, created_at);
