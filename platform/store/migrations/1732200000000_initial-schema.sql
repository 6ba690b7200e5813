-- Up Migration
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  password_hash text,
  permissions text[] NOT NULL,
  auth_provider text NOT NULL DEFAULT 'password',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per login; the refresh token is stored only as a hash.
CREATE TABLE auth_sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  refresh_token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

CREATE TABLE threads (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  title text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'active',
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX threads_user ON threads (user_id, created_at);

CREATE TABLE runs (
  id text PRIMARY KEY,
  thread_id text NOT NULL REFERENCES threads(id),
  user_id text NOT NULL,
  agent_name text NOT NULL,
  status text NOT NULL,
  request jsonb NOT NULL,
  result jsonb,
  error jsonb,
  started_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX runs_thread ON runs (thread_id);

-- position gives the thread one total order that every reader sees.
CREATE TABLE messages (
  position bigserial UNIQUE,
  id text PRIMARY KEY,
  thread_id text NOT NULL REFERENCES threads(id),
  role text NOT NULL,
  content text NOT NULL,
  run_id text REFERENCES runs(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_thread ON messages (thread_id, position);

CREATE TABLE run_events (
  run_id text NOT NULL REFERENCES runs(id),
  seq integer NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, seq)
);

-- Down Migration
DROP TABLE run_events;
DROP TABLE messages;
DROP TABLE runs;
DROP TABLE threads;
DROP TABLE auth_sessions;
DROP TABLE users;
