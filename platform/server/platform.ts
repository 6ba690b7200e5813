import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { PlatformConfig } from './config';
import { Faults } from './faults';
import { openDatabase, prepareDatabase } from '../store/database';
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

/**
 * Starts auth and backend as two listeners; every instance is independent of any other in the
 * process. Both listen first and answer STARTUP_INCOMPLETE (platform/server/readiness.ts) while the
 * migrations run and the dependencies are made ready; the platform resolves once it is ready.
 */
export async function startPlatform(config: PlatformConfig): Promise<RunningPlatform> {
  const faults = new Faults();
  const readiness = new Readiness(faults);
  // A hold_connections fault scoped to a customer leaves their work that many fewer connections.
  const scopedHold = (scope: string) => {
    const hold = faults.holding('hold_connections', 'database', scope);
    return hold && { held: hold.count ?? config.databasePool.size, until: hold.until };
  };
  const db = openDatabase(config.databaseUrl, config.databasePool, scopedHold);
  // The lease says this instance is alive, so it must not wait behind the work it vouches for: with
  // every pooled connection busy, a renewal in the queue lapsed, and another instance ended this
  // one's runs as interrupted while they were still going. It keeps one connection of its own.
  const leaseDb = openDatabase(config.databaseUrl, { ...config.databasePool, size: 1 });
  const cache = await openCache(config.redisUrl, config.redisCommandTimeoutMs).catch(async (error) => {
    await Promise.all([db.end(), leaseDb.end()]);
    throw error;
  });
  const tokens = new TokenService(config.jwtSecret, cache, {
    access: config.accessTtlSeconds,
    refresh: config.refreshTtlSeconds,
    longestAccess: config.e2eOAuthSimulationKey ? TEST_SIGN_IN_LONGEST_SECONDS : undefined,
  });
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
  const wording = config.llm ? new ChatModelWording(config.llm.baseUrl, config.llm.apiKey, config.llm.model, config.llm.timeoutMs) : new TemplateWording();
  const breakers = new CircuitBreakers(config.breakerThreshold, config.breakerCooldownMs);
  const lease = new InstanceLease(leaseDb, config.instanceLeaseSeconds);
  const runs = new RunEngine({
    conversations,
    faults,
    timeScale: config.agentTimeScale,
    wording,
    breakers,
    cache,
    toolFailureDelayMs: config.toolFailureDelayMs,
    // Scaled like every deliberate delay; at AGENT_TIME_SCALE=0 there is nothing to scale it with, so it stays as set.
    agentTimeoutMs: config.agentTimeoutSeconds * 1000 * (config.agentTimeScale || 1),
    publish: (userId, event) => bus.publish(userId, event),
    instanceId: lease.id,
  });
  const recovery = new CrashRecovery(lease, conversations, runs);
  sockets.runs = runs;
  sockets.faults = faults;
  const backend = buildBackendService({ config, db, cache, conversations, gateway, faults, runs, llm: wording.model, disconnectUser: (userId) => sockets.disconnectUser(userId), breakers, authListenerUrl: authUrl, readiness });
  sockets.attach(backend.server);
  const apiUrl = await listen(backend, config.host, config.backendPort);

  const stop = async () => {
    await Promise.all([recovery.stop(), runs.stop()]);
    await sockets.close();
    await Promise.all([backend.close(), auth.close()]);
    await Promise.all([db.end(), leaseDb.end(), cache.close()]);
  };
  try {
    await prepareDatabase(config.databaseUrl, db, config.databasePool.warm);
    await bus.start((userId, event) => sockets.deliver(userId, event));
    // No run starts before this instance holds its lease: none can start before it is ready.
    await recovery.start();
    await cache.subscribe(REVOCATIONS_CHANNEL, (message) => {
      const revocation = JSON.parse(message) as Revocation | null;
      if (revocation === null || typeof revocation !== 'object') throw new Error('not a revocation');
      sockets.revoke(revocation);
    });
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  // Faults given at start are switched on as the platform would become ready: a delay_ready then
  // delays readiness by its duration, however long the start-up took.
  config.faultsAtStart.forEach((fault) => faults.add(fault));
  readiness.markStarted();

  return { authUrl, apiUrl, wsUrl: `${apiUrl.replace(/^http/, 'ws')}/ws`, version: config.version, stop };
}
