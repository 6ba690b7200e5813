import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { PlatformConfig } from './config';
import { Faults } from './faults';
import { openDatabase } from '../store/database';
import { openCache } from '../store/cache';
import { Conversations } from '../store/conversations';
import { REVOCATIONS_CHANNEL, Revocation, TokenService } from '../auth/tokens';
import { TEST_SIGN_IN_LONGEST_SECONDS, buildAuthService } from '../auth/auth-service';
import { AuthGateway } from '../backend/auth-gateway';
import { buildBackendService } from '../backend/backend-service';
import { AgentSocketServer } from '../realtime/socket-server';
import { EventBus } from '../realtime/event-bus';
import { RunEngine } from '../agents/runs';
import { ChatModelWording, TemplateWording } from '../agents/wording';
import { CircuitBreakers } from '../agents/circuit-breaker';
import { CrashRecovery } from '../agents/crash-recovery';
import { InstanceLease } from '../store/instance-lease';
import { Readiness } from './readiness';

export interface RunningPlatform {
  authUrl: string;
  apiUrl: string;
  wsUrl: string;
  version: string;
  stop(): Promise<void>;
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  return `http://${host}:${address.port}`;
}

/** Starts auth and backend as two listeners; every instance is independent of any other in the process. */
export async function startPlatform(config: PlatformConfig): Promise<RunningPlatform> {
  // Faults given at start apply from the first moment (a delay_ready counts from here).
  const faults = new Faults();
  config.faultsAtStart.forEach((fault) => faults.add(fault));
  const readiness = new Readiness(faults);
  // A hold_connections fault scoped to a customer leaves their work that many fewer connections.
  const scopedHold = (scope: string) => {
    const hold = faults.holding('hold_connections', 'database', scope);
    return hold && { held: hold.count ?? config.databasePool.size, until: hold.until };
  };
  const [db, cache] = await Promise.all([openDatabase(config.databaseUrl, config.databasePool, scopedHold), openCache(config.redisUrl, config.redisCommandTimeoutMs)]);
  const tokens = new TokenService(config.jwtSecret, cache, {
    access: config.accessTtlSeconds,
    refresh: config.refreshTtlSeconds,
    longestAccess: config.e2eOAuthSimulationKey ? TEST_SIGN_IN_LONGEST_SECONDS : undefined,
  });
  // Listening before the backend is up, the auth service answers STARTUP_INCOMPLETE until all of it is.
  const auth = buildAuthService({ config, db, cache, tokens, readiness });
  const authUrl = await listen(auth, config.host, config.authPort);

  const gateway = new AuthGateway(config.authServiceUrl ?? authUrl, { id: config.serviceId, secret: config.backendServiceSecret });
  const conversations = new Conversations(db);
  const sockets = new AgentSocketServer(gateway, conversations, cache, {
    heartbeatMs: config.heartbeatMs,
    rateLimitPerMinute: config.socketRateLimit,
    rateWindowSeconds: config.socketRateWindowSeconds,
    maxSocketsPerUser: config.maxSocketsPerUser,
    readyFor: (userId) => readiness.ready(userId),
  });
  const bus = new EventBus(cache);
  await bus.start((userId, event) => sockets.deliver(userId, event));
  const wording = config.llm ? new ChatModelWording(config.llm.baseUrl, config.llm.apiKey, config.llm.model, config.llm.timeoutMs) : new TemplateWording();
  const breakers = new CircuitBreakers(config.breakerThreshold, config.breakerCooldownMs);
  const lease = new InstanceLease(db, config.instanceLeaseSeconds);
  const runs = new RunEngine({
    conversations,
    faults,
    timeScale: config.agentTimeScale,
    wording,
    breakers,
    cache,
    toolFailureDelayMs: config.toolFailureDelayMs,
    publish: (userId, event) => bus.publish(userId, event),
    instanceId: lease.id,
  });
  // Before the backend listens: no run is started before this instance holds its lease.
  const recovery = new CrashRecovery(lease, conversations, runs);
  await recovery.start();
  sockets.runs = runs;
  await cache.subscribe(REVOCATIONS_CHANNEL, (message) => {
    const revocation = JSON.parse(message) as Revocation | null;
    if (revocation === null || typeof revocation !== 'object') throw new Error('not a revocation');
    sockets.revoke(revocation);
  });
  const backend = buildBackendService({ config, db, cache, conversations, gateway, faults, runs, llm: wording.model, disconnectUser: (userId) => sockets.disconnectUser(userId), breakers, readiness });
  sockets.attach(backend.server);
  const apiUrl = await listen(backend, config.host, config.backendPort);
  readiness.markStarted();

  return {
    authUrl,
    apiUrl,
    wsUrl: `${apiUrl.replace(/^http/, 'ws')}/ws`,
    version: config.version,
    async stop() {
      await Promise.all([recovery.stop(), runs.stop()]);
      await sockets.close();
      await Promise.all([backend.close(), auth.close()]);
      await Promise.all([db.end(), cache.close()]);
    },
  };
}
