-- credits4j signed webhooks, MariaDB (10.6+, InnoDB, utf8mb4).
-- A workspace's endpoints and one delivery row per event and endpoint. The webhook notifier fans
-- each outbox notification out into delivery rows (the unique key makes a repeated fan-out a
-- no-op); the webhook dispatcher claims due rows with a conditional UPDATE that sets claim_token
-- and claimed_until (a lease that lapses if the node dies), posts outside any transaction, and
-- records the outcome only while it still holds the claim. Failures back off exponentially
-- (next_attempt_at) up to a maximum of attempts (then FAILED, replayable by hand).
-- The signing secret must be readable to sign: it is stored as issued (whsec_<base64>) and never
-- returned by the API after creation or rotation. During a rotation's overlap the previous secret
-- signs too, until previous_secret_until.

CREATE TABLE credits_webhook_endpoint (
  id                     VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key          VARCHAR(64)    NOT NULL,
  url                    VARCHAR(2000)  NOT NULL,
  event_types            VARCHAR(1000)  NOT NULL,
  description            VARCHAR(200),
  status                 VARCHAR(16)    NOT NULL,
  secret                 VARCHAR(100)   NOT NULL,
  previous_secret        VARCHAR(100),
  previous_secret_until  BIGINT,
  failing_since          BIGINT,
  disabled_at            BIGINT,
  disabled_reason        VARCHAR(1000),
  created_at             BIGINT         NOT NULL,
  updated_at             BIGINT         NOT NULL,
  CONSTRAINT ck_webhook_endpoint_status CHECK (status IN ('ENABLED', 'DISABLED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_webhook_endpoint_ws ON credits_webhook_endpoint (workspace_key, created_at);

CREATE TABLE credits_webhook_delivery (
  id                     VARCHAR(36)    NOT NULL PRIMARY KEY,
  endpoint_id            VARCHAR(36)    NOT NULL,
  workspace_key          VARCHAR(64)    NOT NULL,
  event_id               VARCHAR(36)    NOT NULL,
  event_type             VARCHAR(64)    NOT NULL,
  payload                TEXT           NOT NULL,
  status                 VARCHAR(16)    NOT NULL,
  attempts               INTEGER        NOT NULL,
  next_attempt_at        BIGINT         NOT NULL,
  claim_token            VARCHAR(36),
  claimed_until          BIGINT,
  last_attempt_at        BIGINT,
  last_status_code       INTEGER,
  last_latency_ms        BIGINT,
  last_error             VARCHAR(1000),
  delivered_at           BIGINT,
  created_at             BIGINT         NOT NULL,
  CONSTRAINT uq_webhook_delivery_event UNIQUE (endpoint_id, event_id),
  CONSTRAINT ck_webhook_delivery_status CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
  CONSTRAINT ck_webhook_delivery_attempts CHECK (attempts >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_webhook_delivery_due ON credits_webhook_delivery (status, next_attempt_at);
CREATE INDEX ix_webhook_delivery_claim ON credits_webhook_delivery (claim_token);
CREATE INDEX ix_webhook_delivery_log ON credits_webhook_delivery (endpoint_id, created_at);
