-- Browser sessions of the portal, mariadb: one row per signed-in browser. The cookie carries a
-- random 256-bit id; only its SHA-256 (hex) is stored, so a copy of this table signs nobody in.
-- csrf_token is the value the browser sends back in X-CSRF-Token on every state change.
-- A session ends on sign-out or when last_seen_at is older than the idle timeout; rows are kept in
-- the database (not in a node's memory) so every node behind a load balancer knows them.

CREATE TABLE credits_api_session (
  id_hash       CHAR(64)      NOT NULL,
  principal     VARCHAR(255)  NOT NULL,
  login_role    VARCHAR(16)   NOT NULL,
  csrf_token    VARCHAR(64)   NOT NULL,
  created_at    BIGINT        NOT NULL,
  last_seen_at  BIGINT        NOT NULL,
  PRIMARY KEY (id_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE INDEX credits_api_session_seen ON credits_api_session (last_seen_at);
