-- credits4j promotion announcements, H2.
-- Announcing a credit package notifies every client organization of its workspace through the
-- notification outbox, once per organization: one row per (package, wallet), written with its
-- notification in one transaction; the unique key refuses a second. Never updated.
CREATE TABLE credits_announcement (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key       VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  package_id          VARCHAR(36)    NOT NULL REFERENCES credits_package (id),
  wallet_id           VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  notification_id     VARCHAR(36)    NOT NULL,
  actor_type          VARCHAR(10)    NOT NULL,
  actor_id            VARCHAR(128)   NOT NULL,
  actor_name          VARCHAR(200)   NOT NULL,
  announced_at        BIGINT         NOT NULL,
  CONSTRAINT uq_announcement UNIQUE (package_id, wallet_id)
);
