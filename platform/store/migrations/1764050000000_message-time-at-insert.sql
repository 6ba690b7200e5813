-- Up Migration
-- now() is the transaction's start: an answer written in a transaction that began before
-- another writer's question was inserted got an earlier time but a later position, so the
-- conversation listed a message as older than the one above it. The clock at insert follows position.
ALTER TABLE messages ALTER COLUMN created_at SET DEFAULT clock_timestamp();

-- Down Migration
ALTER TABLE messages ALTER COLUMN created_at SET DEFAULT now();
