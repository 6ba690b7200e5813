import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformConfig } from '../server/config';
import { ApiError, bearerToken, createHttpApp } from '../server/http';
import { healthReport } from '../server/health';
import { FAULT_KINDS, FaultSpec, Faults } from '../server/faults';
import type { Cache } from '../store/cache';
import type { Database } from '../store/database';
import type { Conversations, Thread } from '../store/conversations';
import type { Identity } from '../agents/runs';
import { AuthGateway, AuthUnavailable } from './auth-gateway';
import { secretsMatch } from '../auth/auth-service';

declare module 'fastify' {
  interface FastifyRequest {
    identity?: Identity;
  }
}

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } } as const;

export function buildBackendService(deps: {
  config: PlatformConfig;
  db: Database;
  cache: Cache;
  conversations: Conversations;
  gateway: AuthGateway;
  faults: Faults;
}): FastifyInstance {
  const { config, db, cache, conversations, gateway, faults } = deps;
  const app = createHttpApp();

  async function authenticate(request: FastifyRequest): Promise<void> {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new ApiError(401, 'NOT_AUTHENTICATED', 'Send your access token as "Authorization: Bearer <token>"');
    try {
      const result = await gateway.validate(token);
      if (!result.ok) throw new ApiError(401, result.problem.toUpperCase(), 'The access token is not valid (' + result.problem.replace(/_/g, ' ') + '); sign in again');
      request.identity = result.identity;
    } catch (error) {
      if (error instanceof AuthUnavailable) throw new ApiError(503, 'AUTH_UNAVAILABLE', `Cannot check your token right now: ${error.message}`);
      throw error;
    }
  }

  async function ownedThread(request: FastifyRequest, id: string): Promise<Thread> {
    const thread = await conversations.thread(id);
    if (!thread) throw new ApiError(404, 'THREAD_NOT_FOUND', `There is no thread ${id}`);
    if (thread.metadata.user_id !== request.identity!.userId) throw new ApiError(403, 'ACCESS_DENIED', 'This thread belongs to someone else');
    return thread;
  }

  app.register(async (api) => {
    api.addHook('onRequest', authenticate);

    api.get('/api/threads', async (request) => ({ threads: await conversations.threadsOf(request.identity!.userId) }));

    api.post<{ Body: { title?: string; metadata?: Record<string, unknown> } }>(
      '/api/threads',
      { schema: { body: { type: 'object', properties: { title: { type: 'string', maxLength: 500 }, metadata: { type: 'object' } } } } },
      async (request, reply) => {
        const thread = await conversations.createThread(request.identity!.userId, request.body?.title ?? '', request.body?.metadata ?? {});
        return reply.status(201).send(thread);
      },
    );

    api.get<{ Params: { id: string } }>('/api/threads/:id', { schema: { params: idParam } }, async (request) => ownedThread(request, request.params.id));

    api.get<{ Params: { id: string } }>('/api/threads/:id/messages', { schema: { params: idParam } }, async (request) => {
      const thread = await ownedThread(request, request.params.id);
      const messages = await conversations.messages(thread.id);
      return { messages, total: messages.length };
    });

    api.get<{ Params: { id: string } }>('/api/runs/:id', { schema: { params: idParam } }, async (request) => {
      const run = await conversations.run(request.params.id);
      if (!run) throw new ApiError(404, 'RUN_NOT_FOUND', `There is no run ${request.params.id}`);
      if (run.user_id !== request.identity!.userId) throw new ApiError(403, 'ACCESS_DENIED', 'This run belongs to someone else');
      const { user_id: _owner, error, ...visible } = run;
      return { ...visible, ...(error ? { error } : {}) };
    });
  });

  const health = async (_request: unknown, reply: { status(code: number): unknown }) => {
    const report = await healthReport(config, 'netra-backend', { db, cache }, {
      auth: async () => ((await gateway.reachable()) ? 'ok' : 'down'),
    });
    if (report.status === 'unhealthy') reply.status(503);
    return { ...report, capabilities: { llm: 'deterministic' } };
  };
  app.get('/health', health);
  app.get('/health/ready', health);

  if (config.environment === 'test') {
    const requireServiceSecret = async (request: FastifyRequest) => {
      if (!secretsMatch(request.headers['x-service-secret'] as string | undefined, config.serviceSecret)) {
        throw new ApiError(401, 'INVALID_SERVICE_SECRET', 'Fault injection needs the platform\'s X-Service-Secret header');
      }
    };
    app.post<{ Body: FaultSpec }>('/__faults', {
      onRequest: requireServiceSecret,
      schema: {
        body: {
          type: 'object',
          required: ['fault', 'target'],
          properties: {
            fault: { type: 'string', enum: Object.keys(FAULT_KINDS) },
            target: { type: 'string', minLength: 1 },
            count: { type: 'integer', minimum: 1 },
            duration_ms: { type: 'integer', minimum: 1 },
          },
        },
      },
    }, async (request, reply) => {
      faults.add(request.body);
      return reply.status(201).send({ active: faults.list() });
    });
    app.get('/__faults', { onRequest: requireServiceSecret }, async () => ({ active: faults.list(), kinds: FAULT_KINDS }));
    app.delete('/__faults', { onRequest: requireServiceSecret }, async (_request, reply) => {
      faults.clear();
      return reply.status(204).send();
    });
  }

  return app;
}
