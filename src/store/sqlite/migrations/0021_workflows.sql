-- Workflows of attendance types (manual 003): each save of a type's workflow is a new
-- version, a JSON document of steps the domain engine validated; the type points at
-- its newest version (attendance_types.workflow_id). A follow-up keeps the version it
-- began with, so editing a workflow never strands a follow-up walking the old one.
CREATE TABLE workflows (
  id INTEGER PRIMARY KEY,
  attendance_type_id INTEGER NOT NULL REFERENCES attendance_types (id),
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX workflows_type_version ON workflows (attendance_type_id, version);

-- Where each follow-up walking a workflow stands: its step, the centre holding it and
-- the return the centre works (NULL once an end closed the follow-up).
CREATE TABLE followup_workflow (
  followup_id INTEGER PRIMARY KEY REFERENCES followups (id),
  workflow_id INTEGER NOT NULL REFERENCES workflows (id),
  step TEXT NOT NULL,
  step_label TEXT NOT NULL,
  step_kind TEXT NOT NULL CHECK (step_kind IN ('situation', 'end')),
  centre_kind TEXT CHECK (centre_kind IN ('user', 'team')),
  centre_id INTEGER,
  action_id INTEGER REFERENCES actions (id),
  since INTEGER NOT NULL
) STRICT;
-- The positions view of a type: filtered by workflow version and step.
CREATE INDEX followup_workflow_step ON followup_workflow (workflow_id, step);

-- Every move of a follow-up through its workflow, in order: the step left, the answers
-- given to the decisions met, the step reached and who took it.
CREATE TABLE workflow_moves (
  id INTEGER PRIMARY KEY,
  followup_id INTEGER NOT NULL REFERENCES followups (id),
  from_step TEXT NOT NULL DEFAULT '',
  answers TEXT NOT NULL DEFAULT '[]',
  to_step TEXT NOT NULL,
  to_label TEXT NOT NULL,
  centre_kind TEXT CHECK (centre_kind IN ('user', 'team')),
  centre_id INTEGER,
  assignee_id INTEGER REFERENCES users (id),
  action_id INTEGER REFERENCES actions (id),
  moved_by INTEGER NOT NULL REFERENCES users (id),
  moved_at INTEGER NOT NULL
) STRICT;
CREATE INDEX workflow_moves_followup ON workflow_moves (followup_id, id);
