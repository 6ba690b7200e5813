import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A fresh, empty database on the target's PostgreSQL server, dropped again when the scenario ends. */
export async function createScratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `apex_scratch_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function migrationsRecorded(url: string): Promise<{ name: string; count: number }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT name, count(*)::int AS count FROM apex_migrations GROUP BY name ORDER BY name');
    return rows;
  } finally {
    await client.end();
  }
}
