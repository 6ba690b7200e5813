import { randomBytes } from 'node:crypto';
import type { FaultSpec } from './faults';

export const PLATFORM_VERSION = '0.1.0';

export type Environment = 'test' | 'development' | 'staging' | 'production';
const ENVIRONMENTS: Environment[] = ['test', 'development', 'staging', 'production'];

export interface PlatformConfig {
  environment: Environment;
  version: string;
  host: string;
  authPort: number;
  backendPort: number;
  jwtSecret: string;
  serviceId: string;
  serviceSecret: string;
  /**
   * What the backend presents to auth. Normally SERVICE_SECRET; separate because in a real
   * deployment the two services are configured apart and can disagree.
   */
  backendServiceSecret: string;
  /** Where the OAuth callback sends the signed-in customer. */
  frontendUrl: string;
  /** The auth service's public address; OAuth redirects are built from it, never from a request's Host header. By default, the address it listens on. */
  publicAuthUrl?: string;
  /** Where customers reach the API and its socket, as the front end is told (contract section 9). By default, where the backend listens. */
  publicApiUrl?: string;
  publicWsUrl?: string;
  /** Origins whose pages may call both services with a customer's credentials; `*` (development only) means any. */
  corsAllowedOrigins: string[];
  /** Callback URLs besides the auth service's own and the front end's that an OAuth provider may send a code to. */
  oauthAllowedRedirects: string[];
  /** How long a started provider sign-in may take to come back. */
  oauthStateTtlSeconds: number;
  /** Only honoured in `test` and `staging`. */
  e2eOAuthSimulationKey?: string;
  databaseUrl: string;
  /** `memory:` selects the in-process store (used when no Redis is reachable). */
  redisUrl: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  agentTimeScale: number;
  /**
   * How long a run may go without producing an event before it is ended with AGENT_TIMEOUT
   * (contract section 9, "Hung agents"), in seconds at AGENT_TIME_SCALE=1.
   */
  agentTimeoutSeconds: number;
  /** How often the socket server pings; a socket that misses one answer is dropped. */
  heartbeatMs: number;
  /** How long five failed sign-ins lock an email's sign-in, counted from the first failure. */
  lockoutWindowSeconds: number;
  /** Messages one user may send over sockets in a minute (or the window below). */
  socketRateLimit: number;
  socketRateWindowSeconds: number;
  /** Chat connections one user may hold at once; the next is refused with TOO_MANY_CONNECTIONS. */
  maxSocketsPerUser: number;
  /** How long a request may take to arrive whole (headers and body) before it is refused with 408. */
  requestTimeoutSeconds: number;
  /** How long a Redis command may go unanswered before it fails, so no request waits on a silent Redis. */
  redisCommandTimeoutMs: number;
  /** Failures in a row that open a tool's circuit breaker, and how long it stays open. */
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** How long a broken tool hangs before it fails (the tool_failure fault). */
  toolFailureDelayMs: number;
  /**
   * PostgreSQL connections: at most `size`, `warm` of them opened at start; commits wait for the
   * disk unless `synchronousCommit` is false. A statement may run `statementTimeoutMs`, and work
   * waits at most `queueTimeoutMs` for a connection, so no request waits on a silent database.
   */
  databasePool: { size: number; warm: number; synchronousCommit: boolean; statementTimeoutMs: number; queueTimeoutMs: number };
  /** scrypt's cost N for password hashes (a power of two). */
  passwordHashCost: number;
  /**
   * How long an instance is taken for alive after it last renewed its lease (it renews every
   * third of this); the runs of an instance whose lease has lapsed are ended as interrupted.
   */
  instanceLeaseSeconds: number;
  /** How the backend reaches the auth service; by default its own auth listener. */
  authServiceUrl?: string;
  /**
   * Faults switched on before anything else starts (FAULTS_AT_START, a JSON list; test only): how
   * a scenario starts a platform of its own that, say, stays not ready for a while (delay_ready).
   */
  faultsAtStart: FaultSpec[];
  /** An OpenAI-compatible chat model that words the agents' answers; figures stay the catalogue's. */
  llm?: { baseUrl: string; apiKey: string; model: string; timeoutMs: number };
}

/** A setting the operator must fix; its message is one sentence naming the setting. */
export class ConfigError extends Error {}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function numberSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new ConfigError(`${name} is "${raw}": set it to a number of at least ${min}, or unset it for the default ${fallback}.`);
  }
  return value;
}

function powerOfTwo(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = numberSetting(env, name, fallback, 2);
  if (!Number.isInteger(Math.log2(value))) throw new ConfigError(`${name} is ${value}: set it to a power of two such as 4096 or 16384.`);
  return value;
}

function urlList(env: NodeJS.ProcessEnv, name: string): string[] {
  const urls = (env[name] ?? '').split(',').map((url) => url.trim()).filter(Boolean);
  const wrong = urls.find((url) => !URL.canParse(url));
  if (wrong) throw new ConfigError(`${name} holds "${wrong}", which is not a URL: give full addresses such as https://app.example.com/auth/callback, separated by commas.`);
  return urls.map((url) => new URL(url).href);
}

/** What customers' browsers are told, outside development and test: each must be set, and none may be this machine. */
const PUBLISHED_ADDRESSES = [
  { name: 'PUBLIC_API_URL', what: 'the API', protocols: ['https:', 'http:'], example: 'https://api.example.com' },
  { name: 'PUBLIC_WS_URL', what: 'the chat socket', protocols: ['wss:', 'ws:'], example: 'wss://api.example.com/ws' },
  { name: 'PUBLIC_AUTH_URL', what: 'the auth service', protocols: ['https:', 'http:'], example: 'https://auth.example.com' },
  { name: 'FRONTEND_URL', what: 'the front end', protocols: ['https:', 'http:'], example: 'https://app.example.com' },
] as const;

/** localhost, 127.x.x.x, ::1 and 0.0.0.0: in a customer's browser these are the customer's own machine. */
export function isLocalAddress(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0';
}

/**
 * The real platform fell back to localhost addresses when these were missing, and every
 * customer's browser then called its own machine: outside development and test it refuses to
 * start instead (contract section 9).
 */
function expectPublishedAddresses(env: NodeJS.ProcessEnv, environment: Environment): void {
  for (const { name, what, protocols, example } of PUBLISHED_ADDRESSES) {
    const value = env[name] ?? '';
    if (!value) throw new ConfigError(`${name} is not set: in ${environment}, set it to the address customers reach ${what} at, such as ${example}, because the front end is told it.`);
    if (!URL.canParse(value) || !(protocols as readonly string[]).includes(new URL(value).protocol)) {
      throw new ConfigError(`${name} is "${value}", which is not a ${protocols.map((p) => p.replace(':', '')).join(' or ')} address: set it to the address customers reach ${what} at, such as ${example}.`);
    }
    if (isLocalAddress(new URL(value).hostname)) {
      throw new ConfigError(`${name} is "${value}", which in a customer's browser is the customer's own machine: in ${environment}, set it to the address customers reach ${what} at, such as ${example}.`);
    }
  }
}

/** CORS_ALLOWED_ORIGINS as origins (scheme, host and port); by default the front end's own. */
function allowedOrigins(env: NodeJS.ProcessEnv, environment: Environment, frontendUrl: string): string[] {
  const raw = (env.CORS_ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  if (raw.length === 0) return [new URL(frontendUrl).origin];
  return raw.map((origin) => {
    if (origin === '*') {
      if (environment === 'development') return '*';
      throw new ConfigError(`CORS_ALLOWED_ORIGINS holds "*", which would let any site call the platform with its customers' sessions: in ${environment}, list the front end's origins, such as https://app.example.com.`);
    }
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    if (!url || url.origin === 'null' || url.pathname !== '/' || url.search || url.hash || url.username) {
      throw new ConfigError(`CORS_ALLOWED_ORIGINS holds "${origin}", which is not an origin: give scheme, host and port only, such as https://app.example.com, separated by commas.`);
    }
    return url.origin;
  });
}

function faultsAtStart(env: NodeJS.ProcessEnv, isTest: boolean): FaultSpec[] {
  const raw = env.FAULTS_AT_START;
  if (!raw) return [];
  if (!isTest) throw new ConfigError('FAULTS_AT_START is set: faults exist only in ENVIRONMENT=test; unset it.');
  let faults: unknown;
  try {
    faults = JSON.parse(raw);
  } catch {
    faults = undefined;
  }
  if (!Array.isArray(faults) || !faults.every((f) => typeof f?.fault === 'string' && typeof f?.target === 'string')) {
    throw new ConfigError('FAULTS_AT_START is not a JSON list of faults: write it like [{"fault":"delay_ready","target":"platform","duration_ms":2000}].');
  }
  return faults as FaultSpec[];
}

function llmFromEnv(env: NodeJS.ProcessEnv): PlatformConfig['llm'] {
  const given = ['LLM_BASE_URL', 'LLM_MODEL'].filter((name) => env[name]);
  if (given.length === 0) return undefined;
  if (given.length === 1) throw new ConfigError(`${given[0] === 'LLM_BASE_URL' ? 'LLM_MODEL' : 'LLM_BASE_URL'} is not set: set both LLM_BASE_URL and LLM_MODEL to word answers with a language model, or neither.`);
  return { baseUrl: env.LLM_BASE_URL!, apiKey: env.LLM_API_KEY ?? '', model: env.LLM_MODEL!, timeoutMs: numberSetting(env, 'LLM_TIMEOUT_MS', 10_000, 1) };
}

/**
 * Reads the contract's settings. In `test` missing secrets are replaced by random ones,
 * because a test run owns its platform; anywhere else they must be given.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const environment = (env.ENVIRONMENT ?? 'test') as Environment;
  if (!ENVIRONMENTS.includes(environment)) {
    throw new ConfigError(`ENVIRONMENT is "${env.ENVIRONMENT}": set it to one of ${ENVIRONMENTS.join(', ')}.`);
  }
  const isTest = environment === 'test';

  let jwtSecret = env.JWT_SECRET_KEY ?? '';
  if (!jwtSecret) {
    if (!isTest) throw new ConfigError(`JWT_SECRET_KEY is not set: give the platform a signing secret of at least 32 characters (only ENVIRONMENT=test may run without one).`);
    jwtSecret = randomBytes(32).toString('base64url');
  } else if (!isTest && jwtSecret.length < 32) {
    throw new ConfigError(`JWT_SECRET_KEY is only ${jwtSecret.length} characters long: use a secret of at least 32 characters outside ENVIRONMENT=test.`);
  }

  let serviceSecret = env.SERVICE_SECRET ?? '';
  if (!serviceSecret) {
    if (!isTest) throw new ConfigError(`SERVICE_SECRET is not set: give the backend the secret it proves itself to the auth service with (only ENVIRONMENT=test may run without one).`);
    serviceSecret = randomBytes(24).toString('base64url');
  }

  if (environment !== 'test' && environment !== 'development') expectPublishedAddresses(env, environment);
  const frontendUrl = env.FRONTEND_URL || 'http://localhost:3000';
  if (!URL.canParse(frontendUrl)) throw new ConfigError(`FRONTEND_URL is "${frontendUrl}", which is not an address: set it to where customers open the app, such as https://app.example.com.`);

  const e2eKey = env.E2E_OAUTH_SIMULATION_KEY || undefined;
  return {
    environment,
    version: PLATFORM_VERSION,
    host: env.HOST ?? '127.0.0.1',
    authPort: numberSetting(env, 'AUTH_PORT', 8081, 0),
    backendPort: numberSetting(env, 'BACKEND_PORT', 8000, 0),
    jwtSecret,
    serviceId: env.SERVICE_ID ?? 'netra-backend',
    serviceSecret,
    backendServiceSecret: env.BACKEND_SERVICE_SECRET || serviceSecret,
    frontendUrl,
    publicAuthUrl: env.PUBLIC_AUTH_URL || undefined,
    publicApiUrl: env.PUBLIC_API_URL || undefined,
    publicWsUrl: env.PUBLIC_WS_URL || undefined,
    corsAllowedOrigins: allowedOrigins(env, environment, frontendUrl),
    oauthAllowedRedirects: urlList(env, 'OAUTH_ALLOWED_REDIRECTS'),
    oauthStateTtlSeconds: numberSetting(env, 'OAUTH_STATE_TTL_SECONDS', 600, 1),
    e2eOAuthSimulationKey: environment === 'test' || environment === 'staging' ? e2eKey : undefined,
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL,
    accessTtlSeconds: numberSetting(env, 'JWT_ACCESS_TTL_SECONDS', 900, 1),
    refreshTtlSeconds: numberSetting(env, 'JWT_REFRESH_TTL_SECONDS', 7 * 24 * 3600, 1),
    agentTimeScale: numberSetting(env, 'AGENT_TIME_SCALE', 1, 0),
    agentTimeoutSeconds: numberSetting(env, 'AGENT_TIMEOUT_SECONDS', 300, 0.001),
    heartbeatMs: numberSetting(env, 'HEARTBEAT_INTERVAL_MS', 30_000, 10),
    lockoutWindowSeconds: numberSetting(env, 'LOCKOUT_WINDOW_SECONDS', 15 * 60, 1),
    socketRateLimit: numberSetting(env, 'WS_RATE_LIMIT_PER_MINUTE', 100, 1),
    socketRateWindowSeconds: numberSetting(env, 'WS_RATE_LIMIT_WINDOW_SECONDS', 60, 1),
    maxSocketsPerUser: numberSetting(env, 'MAX_SOCKETS_PER_USER', 10, 1),
    requestTimeoutSeconds: numberSetting(env, 'REQUEST_TIMEOUT_SECONDS', 30, 0.1),
    redisCommandTimeoutMs: numberSetting(env, 'REDIS_COMMAND_TIMEOUT_MS', 2000, 1),
    breakerThreshold: numberSetting(env, 'BREAKER_FAILURE_THRESHOLD', 3, 1),
    breakerCooldownMs: numberSetting(env, 'BREAKER_COOLDOWN_MS', 30_000, 0),
    toolFailureDelayMs: numberSetting(env, 'TOOL_FAILURE_DELAY_MS', 300, 0),
    // Within the contract's 30 s: a dead instance's runs end within one and a half leases.
    instanceLeaseSeconds: numberSetting(env, 'INSTANCE_LEASE_SECONDS', 10, 1),
    authServiceUrl: env.AUTH_SERVICE_URL || undefined,
    passwordHashCost: powerOfTwo(env, 'PASSWORD_HASH_COST', 16384),
    databasePool: {
      size: numberSetting(env, 'DATABASE_POOL_SIZE', 20, 1),
      warm: numberSetting(env, 'DATABASE_POOL_WARM', 2, 0),
      synchronousCommit: env.DATABASE_SYNCHRONOUS_COMMIT !== 'off',
      statementTimeoutMs: numberSetting(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 1),
      queueTimeoutMs: numberSetting(env, 'DATABASE_QUEUE_TIMEOUT_MS', 5000, 1),
    },
    faultsAtStart: faultsAtStart(env, isTest),
    llm: llmFromEnv(env),
  };
}
