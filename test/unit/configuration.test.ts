import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SuiteConfigError, readHealth, targetConfigFromEnv } from '../../support/target';
import { readRunConfiguration, runConfigurationOf, writeRunConfiguration } from '../../scripts/lib/run-configuration';

const DEPLOYMENT = { APEX_AUTH_URL: 'https://auth.example.com/', APEX_API_URL: 'https://api.example.com', APEX_WS_URL: 'wss://api.example.com/ws' };

/** A SuiteConfigError with exactly this sentence. */
const configError = (message: string | RegExp) => (error: unknown) => {
  assert.ok(error instanceof SuiteConfigError, `${error} is a SuiteConfigError`);
  if (typeof message === 'string') assert.equal(error.message, message);
  else assert.match(error.message, message);
  return true;
};

test('with no APEX_* setting the suite runs against the reference platform', () => {
  assert.deepEqual(targetConfigFromEnv({}), { kind: 'reference' });
});

test('an empty setting counts as not set', () => {
  // As `APEX_API_URL= npm test` leaves it: the reference platform, not a deployment at "".
  assert.deepEqual(targetConfigFromEnv({ APEX_AUTH_URL: '', APEX_API_URL: '', APEX_WS_URL: '' }), { kind: 'reference' });
});

test('the three addresses make a remote target, without the slashes they end with', () => {
  assert.deepEqual(targetConfigFromEnv(DEPLOYMENT), { kind: 'remote', authUrl: 'https://auth.example.com', apiUrl: 'https://api.example.com', wsUrl: 'wss://api.example.com/ws', secondInstance: undefined });
});

test('an address pasted with spaces around it is the address inside them', () => {
  const target = targetConfigFromEnv({ ...DEPLOYMENT, APEX_API_URL: '  https://api.example.com/ ' }) as { apiUrl: string };
  assert.equal(target.apiUrl, 'https://api.example.com');
});

test('it reads process.env when given nothing', () => {
  const saved = { ...process.env };
  try {
    Object.assign(process.env, DEPLOYMENT);
    assert.equal((targetConfigFromEnv() as { apiUrl: string }).apiUrl, 'https://api.example.com');
  } finally {
    for (const name of Object.keys(DEPLOYMENT)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
});

test('some of the three but not all is one sentence naming what is missing and the two ways out', () => {
  assert.throws(
    () => targetConfigFromEnv({ APEX_API_URL: 'http://localhost:8000' }),
    configError('APEX_AUTH_URL and APEX_WS_URL are not set while APEX_API_URL is: set all three of APEX_AUTH_URL, APEX_API_URL, APEX_WS_URL to test a deployment, or none to use the reference platform.'),
  );
  assert.throws(
    () => targetConfigFromEnv({ ...DEPLOYMENT, APEX_WS_URL: undefined }),
    configError('APEX_WS_URL is not set while APEX_AUTH_URL and APEX_API_URL are: set all three of APEX_AUTH_URL, APEX_API_URL, APEX_WS_URL to test a deployment, or none to use the reference platform.'),
  );
});

test('an address that is not a URL is named, with its value and what one looks like', () => {
  assert.throws(() => targetConfigFromEnv({ ...DEPLOYMENT, APEX_API_URL: 'api.example.com' }), configError('APEX_API_URL is "api.example.com", which is not a URL: set it to something like http://host:port.'));
  assert.throws(() => targetConfigFromEnv({ ...DEPLOYMENT, APEX_WS_URL: '/ws' }), configError('APEX_WS_URL is "/ws", which is not a URL: set it to something like ws://host:port.'));
});

test('an address of the wrong kind names the scheme it must have', () => {
  // A socket address given as http://, and a host:port without a scheme (which URL reads as the scheme "localhost:").
  assert.throws(() => targetConfigFromEnv({ ...DEPLOYMENT, APEX_WS_URL: 'https://api.example.com/ws' }), configError(/^APEX_WS_URL is "https:\/\/api\.example\.com\/ws": it must start with ws:\/\/ or wss:\/\/\.$/));
  assert.throws(() => targetConfigFromEnv({ ...DEPLOYMENT, APEX_API_URL: 'localhost:8000' }), configError(/^APEX_API_URL is "localhost:8000": it must start with http:\/\/ or https:\/\/\.$/));
});

test('a second instance takes both its direct addresses, and the first auth service unless told another', () => {
  const config = targetConfigFromEnv({ ...DEPLOYMENT, APEX_SECOND_API_URL: 'http://10.0.0.2:8000/', APEX_SECOND_WS_URL: 'ws://10.0.0.2:8000/ws' });
  assert.deepEqual(config.kind === 'remote' && config.secondInstance, { authUrl: 'https://auth.example.com', apiUrl: 'http://10.0.0.2:8000', wsUrl: 'ws://10.0.0.2:8000/ws' });
  const own = targetConfigFromEnv({ ...DEPLOYMENT, APEX_SECOND_API_URL: 'http://b', APEX_SECOND_WS_URL: 'ws://b/ws', APEX_SECOND_AUTH_URL: 'http://auth-b' });
  assert.equal(own.kind === 'remote' && own.secondInstance?.authUrl, 'http://auth-b');
});

test('half a second instance names the address it lacks', () => {
  assert.throws(
    () => targetConfigFromEnv({ ...DEPLOYMENT, APEX_SECOND_WS_URL: 'ws://b/ws' }),
    configError("APEX_SECOND_API_URL is not set while APEX_SECOND_WS_URL is: give both of a second instance's direct addresses, or neither."),
  );
  assert.throws(
    () => targetConfigFromEnv({ ...DEPLOYMENT, APEX_SECOND_API_URL: 'http://b' }),
    configError("APEX_SECOND_WS_URL is not set while APEX_SECOND_API_URL is: give both of a second instance's direct addresses, or neither."),
  );
});

/** A local HTTP server answering every request with this status and body; closed after the file's tests. */
async function serving(status: number, body: string): Promise<string> {
  const server: Server = createServer((_request, response) => response.writeHead(status, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test("a service's health report is read from its /health", async () => {
  const url = await serving(200, JSON.stringify({ status: 'healthy', version: '1.2.3', checks: { redis: 'ok' } }));
  assert.deepEqual(await readHealth('API', url), { status: 'healthy', version: '1.2.3', checks: { redis: 'ok' } });
});

test('an answer that is no health report asks whether that is the right URL', async () => {
  const url = await serving(404, '<h1>Not Found</h1>');
  await assert.rejects(readHealth('API', url), configError(`The API at ${url} answered /health with 404 and no health report: is that the right URL?`));
});

test('a service nobody listens for is not reachable, with the reason and the fix', async () => {
  // A port that was free a moment ago: nothing listens there now.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await assert.rejects(readHealth('auth service', url), configError(`The auth service at ${url} is not reachable (ECONNREFUSED): check the URL or start the service.`));
});

/*
 * runConfigurationOf reads the profile and the features from the working directory, as Cucumber
 * does: each test below runs in a small project of its own, made in a temporary folder.
 */
const home = process.cwd();
after(() => process.chdir(home));

const CONFIG = `export default { format: ['progress', 'message:out/main/messages.ndjson'], parallel: 3, tags: 'not @slow' };
export const quick = { format: ['message:out/quick/messages.ndjson'], parallel: 0 };
`;
const FEATURE = `Feature: F
  @A-01
  Scenario: one
    Given x
  @slow @A-02
  Scenario: two
    Given y
  Scenario Outline: three <n>
    Given z
    Examples:
      | n |
      | 1 |
      | 2 |
`;
const JOURNEYS = '# Journeys\n\n## Accounts (sign-up and sign-in)\n\n- A-01 Signing up\n- A-02 Signing in\n';

function project(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'apex-configuration-test-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, text] of Object.entries({ 'cucumber.mjs': CONFIG, 'features/f.feature': FEATURE, 'docs/journeys.md': JOURNEYS, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  process.chdir(root);
  return root;
}

test("the default profile's tags, workers and reports folder, and the scenarios they select", async () => {
  project();
  // Four scenarios (two from the outline's examples); @slow leaves one out.
  assert.deepEqual(await runConfigurationOf([]), { tags: 'not @slow', shard: undefined, planned: 3, reportsDir: 'out/main', workers: 3 });
});

test('a named profile is read as Cucumber reads it: no tags select every scenario', async () => {
  project();
  assert.deepEqual(await runConfigurationOf(['--profile', 'quick']), { tags: '', shard: undefined, planned: 4, reportsDir: 'out/quick', workers: 0 });
});

test("tags on the command line are added to the profile's, and a shard is kept as typed", async () => {
  project();
  const run = await runConfigurationOf(['--tags', '@A-01 or @A-02', '--shard', '1/2', '--parallel', '5']);
  assert.deepEqual([run.tags, run.planned, run.shard, run.workers], ['(not @slow) and (@A-01 or @A-02)', 1, '1/2', 5]);
});

test('a tag expression that cannot be read is one sentence quoting it as typed, with an example', async () => {
  project();
  await assert.rejects(
    runConfigurationOf(['--tags', '@auth and (not @slow']),
    configError('The tag expression "@auth and (not @slow" cannot be read; write tags joined by and, or, not and brackets, as in "@auth and not @slow".'),
  );
});

test('a journey tag missing from docs/journeys.md is warned of, with the journeys of its area', async (t) => {
  project();
  const warn = t.mock.method(console, 'warn', () => undefined);
  const run = await runConfigurationOf(['--tags', '@A-01 or @A-07']);
  assert.equal(run.planned, 1);
  assert.deepEqual(
    warn.mock.calls.map((c) => c.arguments),
    [['Warning: @A-07 is not a journey of docs/journeys.md; the journeys of its area are @A-01, @A-02.']],
  );
});

test('a feature file that cannot be parsed is named before anything runs', async () => {
  project({ 'features/broken.feature': 'Feature: B\n  Scenario: s\n    Given x\n  Examples without outline\n' });
  await assert.rejects(runConfigurationOf([]), configError(/^A feature file cannot be read: features\/broken\.feature: /));
});

test('the run configuration written into its reports folder reads back the same', () => {
  const root = project();
  const run = { tags: 'not @slow', shard: '2/3', planned: 7, reportsDir: 'out/written', workers: 2 };
  writeRunConfiguration(run);
  assert.deepEqual(JSON.parse(readFileSync(join(root, 'out/written/run.json'), 'utf8')), run);
  assert.deepEqual(readRunConfiguration('out/written'), run);
  assert.equal(readRunConfiguration('out/none'), undefined);
});
