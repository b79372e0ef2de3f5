-- The REST API's Idempotency-Key records belong to the reference WAR, which migrates them with its
-- own history table (credits_api_schema_history). Embedders of the SDK never used this table.
DROP TABLE credits_api_idempotency;
