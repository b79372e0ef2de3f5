-- Workspace memberships (the tenancy of the REST API), h2: a principal of the server's identity
-- store is an admin or team member of a workspace, or a client bound to one organization of it.
-- A principal with no row for a workspace acts in none of it. Owned by the reference WAR, read and
-- written by its default WorkspaceMemberships; a host may replace that bean with its own directory.
-- Ids compare exactly: 'k' and 'k ' are different principals, workspaces and organizations.

CREATE TABLE credits_api_member (
  workspace_key   VARCHAR(64)   NOT NULL,
  principal       VARCHAR(255)  NOT NULL,
  member_role     VARCHAR(16)   NOT NULL,
  organization_id VARCHAR(128),
  created_at      BIGINT        NOT NULL,
  PRIMARY KEY (workspace_key, principal),
  CONSTRAINT ck_api_member_role CHECK (member_role IN ('admin', 'team', 'client')),
  CONSTRAINT ck_api_member_org CHECK (
    (member_role = 'client' AND organization_id IS NOT NULL)
    OR (member_role <> 'client' AND organization_id IS NULL))
);

CREATE INDEX credits_api_member_principal ON credits_api_member (principal);
