-- Up Migration
-- Every instance of the platform holds a lease here and keeps renewing it. One that stops (it
-- crashed, was killed, or lost the database) is taken for dead once its lease has lapsed. Leases
-- are read against the database's clock, the one clock every instance shares.
CREATE TABLE platform_instances (
  id text PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  lease_expires_at timestamptz NOT NULL
);

-- The instance that runs each run, so that only a dead instance's runs are ended as interrupted.
-- Runs from before this column have none and are left as they are: nobody can tell whether the
-- instance running them still lives.
ALTER TABLE runs ADD COLUMN instance_id text;
CREATE INDEX runs_running_by_instance ON runs (instance_id) WHERE status = 'running';

-- Down Migration
DROP INDEX runs_running_by_instance;
ALTER TABLE runs DROP COLUMN instance_id;
DROP TABLE platform_instances;
