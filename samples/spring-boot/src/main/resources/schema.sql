CREATE TABLE IF NOT EXISTS shop_order (
  id          VARCHAR(64)  NOT NULL PRIMARY KEY,
  customer    VARCHAR(128) NOT NULL,
  credits     BIGINT       NOT NULL,
  price_cents BIGINT       NOT NULL
);
