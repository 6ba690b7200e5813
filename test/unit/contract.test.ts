import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SocketContract, checkFrame } from '../../support/contract/frame-checks';
import { HttpAnswer, checkHttpAnswer } from '../../support/contract/http-checks';
import { Violation, describeViolation, excerpt, valueAt } from '../../support/contract/violations';

const T0 = Date.parse('2025-06-01T12:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

/** A run event as the contract describes it, `ms` after the run began by its own timestamps. */
function event(type: string, seq: number, ms: number, data: Record<string, unknown> = {}) {
  return { type, timestamp: iso(ms), data: { run_id: 'run_1', thread_id: 'thread_1', agent_name: 'cost_optimizer', seq, timestamp: iso(ms), request_id: 'req_1', ...data } };
}

const WELCOME = { type: 'system_message', timestamp: iso(0), data: { event: 'connection_established', connection_id: 'conn_1', user_id: 'user_1', server_time: iso(0) } };

const RESULT = { cost_analysis: { current_monthly_cost: 200, breakdown: {} }, potential_savings: { monthly_amount: 50, percent: 25 }, recommendations: [], confidence_score: 0.8 };

/** Each violation as path and rule: what a reader of the failure sees first. */
const found = (violations: Violation[]) => violations.map((v) => `${v.path} ${v.rule}`);

test('well-formed frames break no rule', () => {
  for (const frame of [WELCOME, event('agent_started', 1, 0), event('agent_completed', 2, 40, { result: RESULT, duration_ms: 40 }), { type: 'pong', data: { timestamp: iso(1) } }]) {
    assert.deepEqual(checkFrame(frame), [], frame.type);
  }
});

test('a frame missing a required field is reported at its object, naming the field and showing the fields it has', () => {
  const { thread_id: _dropped, ...data } = event('agent_started', 1, 0).data;
  const frame = { ...event('agent_started', 1, 0), data };
  assert.deepEqual(checkFrame(frame), [
    { subject: 'frame agent_started #1 of run_1', path: '/data', rule: `must have required property 'thread_id' [required {"missingProperty":"thread_id"}]`, excerpt: 'an object with run_id, agent_name, seq, timestamp, request_id' },
  ]);
});

test('a field of the wrong type is reported at the field, with the value found', () => {
  const [v, ...more] = checkFrame(event('agent_thinking', 2, 5, { seq: '2', thought: 'Reading the workload.' }));
  assert.equal(more.length, 0);
  assert.equal(describeViolation(v), 'frame agent_thinking #2 of run_1: at /data/seq: must be integer [type {"type":"integer"}]; found "2"');
});

test('every problem of a frame is reported at once, not just the first', () => {
  const frame = { type: 'agent_progress', timestamp: 'yesterday', data: { run_id: '', thread_id: 'thread_1', agent_name: 'cost_optimizer', seq: 0, timestamp: iso(1), percent: 50 } };
  assert.deepEqual(found(checkFrame(frame)), [
    '/data/run_id must NOT have fewer than 1 characters [minLength {"limit":1}]',
    '/data/seq must be >= 1 [minimum {"comparison":">=","limit":1}]',
    '/timestamp must match format "date-time" [format {"format":"date-time"}]',
    `/data must have required property 'message' [required {"missingProperty":"message"}]`,
  ]);
});

test('a frame of a type the contract does not name is reported, with the types it does name', () => {
  const [v] = checkFrame({ type: 'agent_exploded' });
  assert.equal(v.path, '/type');
  assert.match(v.rule, /^is a type of frame the contract names \(system_message, pong, thread, error_message, agent_started, .*agent_cancelled\)$/);
  assert.equal(v.excerpt, '"agent_exploded"');
});

test('what is not an object with a type is not a frame', () => {
  assert.deepEqual(checkFrame(['ping']), [{ subject: 'a frame', path: '/type', rule: 'every frame is a JSON object with a type', excerpt: '["ping"]' }]);
});

test('before the welcome, an error_message is a refusal, and only the refusal codes the contract lists will do', () => {
  const refusal = (code: string) => ({ type: 'error_message', error_code: code, error_message: 'You cannot connect now.' });
  assert.deepEqual(checkFrame(refusal('TOKEN_EXPIRED'), { beforeWelcome: true }), []);
  assert.deepEqual(found(checkFrame(refusal('RATE_LIMITED'), { beforeWelcome: true })), [
    '/error_code must be equal to one of the allowed values [enum {"allowedValues":["NO_TOKEN","INVALID_TOKEN","TOKEN_EXPIRED","TOKEN_REVOKED","TOO_MANY_CONNECTIONS","AUTH_UNAVAILABLE","STARTUP_INCOMPLETE"]}]',
  ]);
  // Once welcomed, any machine code is an error's.
  assert.deepEqual(checkFrame(refusal('RATE_LIMITED')), []);
});

test('an internal error carries the reference it was logged under', () => {
  assert.deepEqual(found(checkFrame({ type: 'error_message', error_code: 'INTERNAL_ERROR', error_message: 'Something went wrong on our side.' })), [
    ` must have required property 'reference' [required {"missingProperty":"reference"}]`,
  ]);
});

test('an error that shows a stack trace or a source path is reported, where the schema saw nothing wrong', () => {
  assert.deepEqual(found(checkFrame({ type: 'error_message', error_code: 'BAD_INPUT', error_message: 'Cannot read it at parse (/srv/app/handlers.ts:12:7)' })), [
    "/error_message says nothing of the server's internals (no stack trace or source path, section 8)",
  ]);
  assert.deepEqual(found(checkFrame(event('agent_failed', 2, 5, { error_code: 'INTERNAL_ERROR', error_message: 'Failed in node_modules/pg/lib/client.js' }))), [
    "/data/error_message says nothing of the server's internals (no stack trace or source path, section 8)",
  ]);
});

test("a saving's percent that is not its share of the current cost is reported, with the arithmetic", () => {
  const result = { ...RESULT, potential_savings: { monthly_amount: 50, percent: 20 } };
  assert.deepEqual(found(checkFrame(event('agent_completed', 2, 40, { result, duration_ms: 40 }))), [
    '/data/result/potential_savings/percent percent is monthly_amount / current_monthly_cost × 100 = 50 / 200 × 100 = 25.00, to one decimal place',
  ]);
  // Rounded to one decimal place is right: 1/3 of the cost is 33.3 %.
  const third = { ...RESULT, potential_savings: { monthly_amount: 100, percent: 33.3 }, cost_analysis: { current_monthly_cost: 300, breakdown: {} } };
  assert.deepEqual(checkFrame(event('agent_completed', 2, 40, { result: third, duration_ms: 40 })), []);
});

test('on a socket the first frame is the welcome or a refusal, and text that is not JSON is reported as such', () => {
  const socket = new SocketContract();
  assert.deepEqual(found(socket.receive({ type: 'pong', data: { timestamp: iso(0) } }, '')), ['/type the first frame on a socket is the welcome (system_message) or the error_message refusing the connection']);
  assert.deepEqual(socket.receive(WELCOME, ''), []);
  assert.deepEqual(socket.receive({ type: 'pong', data: { timestamp: iso(0) } }, ''), []);
  assert.deepEqual(socket.receive(undefined, 'not json{'), [{ subject: 'a frame', path: '', rule: 'every frame is JSON', excerpt: '"not json{"' }]);
});

/** A socket past its welcome that has seen a run start at 0 ms and a tool start at 100 ms. */
function midRun(): SocketContract {
  const socket = new SocketContract();
  socket.receive(WELCOME, '');
  socket.receive(event('agent_started', 1, 0), '');
  socket.receive(event('tool_executing', 2, 100, { tool_name: 'cost_analyzer', tool_call_id: 'call_1', parameters: {} }), '');
  return socket;
}

const toolCompleted = (ms: number, executionMs: number) => event('tool_completed', 3, ms, { tool_name: 'cost_analyzer', tool_call_id: 'call_1', execution_time_ms: executionMs, result: {} });

test("a tool's execution time fits between its tool_executing and tool_completed timestamps", () => {
  assert.deepEqual(midRun().receive(toolCompleted(300, 195), ''), []);
  assert.deepEqual(found(midRun().receive(toolCompleted(300, 250), '')), [
    '/data/execution_time_ms is in milliseconds and no longer than the 200 ms between its tool_executing and tool_completed timestamps (+10 ms)',
  ]);
});

test("a tool's execution time given in seconds is reported as such", () => {
  assert.deepEqual(found(midRun().receive(toolCompleted(300, 0.2), '')), [
    '/data/execution_time_ms is in milliseconds: the 200 ms between its tool_executing and tool_completed timestamps would be 0.200 in seconds, and this is under a tenth of 200',
  ]);
});

test("a run's duration is about the time from its agent_started to its end", () => {
  assert.deepEqual(midRun().receive(event('agent_completed', 4, 1_000, { result: RESULT, duration_ms: 1_050 }), ''), []);
  assert.deepEqual(found(midRun().receive(event('agent_completed', 4, 1_000, { result: RESULT, duration_ms: 1 }), '')), [
    '/data/duration_ms is in milliseconds and about the 1000 ms from agent_started to agent_completed by their timestamps (±125 ms)',
  ]);
});

/** An answer as the suite's HTTP client records it. */
const answer = (fields: Partial<HttpAnswer> & { body?: unknown }): HttpAnswer => {
  const { body, ...rest } = fields;
  return { method: 'GET', url: 'http://127.0.0.1:8000/health', status: 200, contentType: 'application/json; charset=utf-8', elapsedMs: 5, text: body === undefined ? '' : JSON.stringify(body), ...rest };
};

const HEALTHY = { status: 'healthy', service: 'auth-service', version: '1.0.0', environment: 'test', checks: { database: 'ok' } };

test('a well-formed answer breaks no rule', () => {
  assert.deepEqual(checkHttpAnswer(answer({ body: HEALTHY })), []);
});

test('an answer missing a required field is reported, naming the field', () => {
  const { version: _dropped, ...body } = HEALTHY;
  assert.deepEqual(checkHttpAnswer(answer({ body })), [
    { subject: 'GET /health → 200', path: '', rule: `must have required property 'version' [required {"missingProperty":"version"}]`, excerpt: 'an object with status, service, environment, checks' },
  ]);
});

test('a field of the wrong type or value is reported at the field, with the value found', () => {
  assert.deepEqual(
    checkHttpAnswer(answer({ body: { ...HEALTHY, version: 2, environment: 'prod' } })).map(describeViolation),
    ['GET /health → 200: at /version: must be string [type {"type":"string"}]; found 2', 'GET /health → 200: at /environment: must be equal to one of the allowed values [enum {"allowedValues":["test","development","staging","production"]}]; found "prod"'],
  );
});

test("a route's template is found from the address, so the subject names the template", () => {
  const run = { id: 'run_1', thread_id: 'thread_1', agent_name: 'cost_optimizer', status: 'running', result: null, started_at: iso(0), completed_at: iso(5) };
  assert.deepEqual(found(checkHttpAnswer(answer({ url: 'http://x/api/runs/run_1', body: run }))), ['/completed_at must be null [type {"type":"null"}]']);
  assert.equal(checkHttpAnswer(answer({ url: 'http://x/api/runs/run_1', body: run }))[0].subject, 'GET /api/runs/{run_id} → 200');
});

test('a status the contract does not name for the route is reported, with those it does', () => {
  assert.deepEqual(found(checkHttpAnswer(answer({ status: 418, body: {} }))), [' 418 is not a status the contract names for GET /health (it names 200, 500, 503)']);
});

test('an unknown route must be refused with 404 or 405 in the error shape', () => {
  assert.deepEqual(checkHttpAnswer(answer({ url: 'http://x/nowhere', status: 404, body: { detail: 'There is nothing here.', code: 'NOT_FOUND' } })), []);
  assert.deepEqual(found(checkHttpAnswer(answer({ url: 'http://x/nowhere', status: 404, body: { detail: 'There is nothing here.' } }))), [` must have required property 'code' [required {"missingProperty":"code"}]`]);
  assert.deepEqual(found(checkHttpAnswer(answer({ url: 'http://x/nowhere', status: 200, body: {} }))), [' the contract has no GET /nowhere, and an unknown route is refused with 404 or 405 {detail, code}']);
  assert.deepEqual(found(checkHttpAnswer(answer({ method: 'put', url: 'http://x/health', status: 200, body: {} }))), [' the contract has no PUT /health (it has GET), and an unknown route is refused with 404 or 405 {detail, code}']);
});

test('a JSON answer sent as another type, or a body that is not JSON, is reported as such', () => {
  assert.deepEqual(found(checkHttpAnswer(answer({ contentType: 'text/html', text: '<h1>OK</h1>' }))), [' the body is sent as application/json, not text/html']);
  assert.deepEqual(found(checkHttpAnswer(answer({ text: '{"status":' }))), [' the body is JSON']);
});

test('a 204 has no body; the test-only routes and a bodiless preflight are not checked', () => {
  assert.deepEqual(found(checkHttpAnswer(answer({ method: 'DELETE', url: 'http://x/api/threads/t1', status: 204, text: 'gone' }))), [' a 204 answer has no body']);
  assert.deepEqual(checkHttpAnswer(answer({ method: 'DELETE', url: 'http://x/api/threads/t1', status: 204, text: '' })), []);
  assert.deepEqual(checkHttpAnswer(answer({ method: 'POST', url: 'http://x/__faults', status: 200, text: 'anything' })), []);
  assert.deepEqual(checkHttpAnswer(answer({ method: 'OPTIONS', url: 'http://x/api/threads/t1', status: 204, text: '' })), []);
  assert.deepEqual(found(checkHttpAnswer(answer({ method: 'OPTIONS', url: 'http://x/api/threads/t1', status: 204, text: 'hi' }))), [' a preflight answer has no body']);
});

test('an error body that gives away the server\'s files is reported', () => {
  const body = { detail: 'Failed at login (/srv/auth/routes.ts:40:3)', code: 'INTERNAL_ERROR', reference: 'err_1' };
  assert.deepEqual(found(checkHttpAnswer(answer({ method: 'POST', url: 'http://x/auth/login', status: 500, body }))), ["/detail says nothing of the server's internals (no stack trace or source path, section 8)"]);
});

/** An unsigned token with these claims: the checks read claims, they do not verify signatures. */
const jwt = (claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) =>
  [header, claims].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.c2lnbmF0dXJl';

const signedIn = (accessClaims: Record<string, unknown>, fields: Record<string, unknown> = {}) => ({
  access_token: jwt({ token_type: 'access', sub: 'user_1', iat: 1_000, exp: 1_900, ...accessClaims }),
  refresh_token: jwt({ token_type: 'refresh', sub: 'user_1', iat: 1_000, exp: 90_000 }),
  token_type: 'Bearer',
  expires_in: 900,
  user: { id: 'user_1', email: 'alice@example.com', name: 'Alice' },
  ...fields,
});

test("a sign-in's tokens agree with the answer: the lifetime it states, the user it names, the kind each is", () => {
  const login = (body: unknown) => checkHttpAnswer(answer({ method: 'POST', url: 'http://x/auth/login', body }));
  assert.deepEqual(login(signedIn({})), []);
  assert.deepEqual(found(login(signedIn({ exp: 4_600 })).concat(login(signedIn({ sub: 'user_2' }))).concat(login(signedIn({ token_type: 'refresh' })))), [
    "/expires_in is the access token's real lifetime in seconds: its exp − iat is 3600 s (±1 s)",
    '/user/id is the user the access token names (its sub is user_2)',
    '/access_token is a JWT whose token_type claim is "access"; it says "refresh"',
  ]);
});

test('an excerpt is the value as JSON, its secrets redacted, cut at 240 characters', () => {
  assert.equal(excerpt('x'.repeat(300)), `"${'x'.repeat(239)}…`);
  assert.equal(excerpt(undefined), 'nothing');
  assert.equal(excerpt({ n: 1 }), '{"n":1}');
  assert.equal(excerpt(`Bearer ${jwt({ sub: 'user_1' })}`), '"Bearer [redacted token]"');
});

test('a JSON pointer finds the value it names, with ~1 for a slash and ~0 for a tilde', () => {
  const root = { a: { 'b/c': [10, { '~d': 'here' }] } };
  assert.deepEqual([valueAt(root, '/a/b~1c/1/~0d'), valueAt(root, ''), valueAt(root, '/a/missing/deeper')], ['here', root, undefined]);
});
