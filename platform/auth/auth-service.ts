import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { PlatformConfig } from '../server/config';
import { ApiError, bearerToken, createHttpApp } from '../server/http';
import type { Database } from '../store/database';
import type { Cache } from '../store/cache';
import { Passwords } from './passwords';
import { Claims, DEFAULT_PERMISSIONS, REVOCATIONS_CHANNEL, Revocation, TokenRejected, TokenService, hashToken } from './tokens';
import { AuthSessions, EmailTaken, User, Users } from './users';
import { healthReport } from '../server/health';
import type { Readiness } from '../server/readiness';

/** The longest access token the simulated sign-in grants (its expires_in). */
export const TEST_SIGN_IN_LONGEST_SECONDS = 86_400;

const credentials = {
  type: 'object',
  required: ['email', 'password'],
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    password: { type: 'string', minLength: 8, maxLength: 1024 },
  },
} as const;

const registration = {
  ...credentials,
  properties: { ...credentials.properties, name: { type: 'string', maxLength: 200 } },
} as const;

const login = {
  ...credentials,
  properties: { email: { type: 'string', maxLength: 254 }, password: { type: 'string', maxLength: 1024 } },
} as const;

const testSignIn = {
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email' },
    name: { type: 'string', maxLength: 200 },
    permissions: { type: 'array', items: { type: 'string' }, maxItems: 20 },
    expires_in: { type: 'integer', minimum: 1, maximum: TEST_SIGN_IN_LONGEST_SECONDS },
  },
} as const;

/** Five failed sign-ins for one email within the lockout window (15 minutes) lock that email's sign-in. */
const MAX_FAILED_LOGINS = 5;
const OAUTH_PROVIDERS = ['google'];

export function secretsMatch(given: string | undefined, expected: string): boolean {
  // Stryker disable next-line StringLiteral: equivalent, any stand-in for a missing secret fails to match (secrets are random and long)
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const waitPhrase = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} minute${seconds === 60 ? '' : 's'}` : `${seconds} second${seconds === 1 ? '' : 's'}`);

const publicUser = (user: User) => ({ id: user.id, email: user.email, name: user.name });

export function buildAuthService(deps: { config: PlatformConfig; db: Database; cache: Cache; tokens: TokenService; readiness?: Readiness }): FastifyInstance {
  const { config, db, cache, tokens, readiness } = deps;
  const users = new Users(db);
  const sessions = new AuthSessions(db);
  const passwords = new Passwords(config.passwordHashCost);
  const app = createHttpApp({ requestTimeoutMs: config.requestTimeoutSeconds * 1000, allowedOrigins: config.corsAllowedOrigins, readiness });

  async function signIn(user: User, permissions = user.permissions, accessLifetime?: number) {
    const sessionId = randomUUID();
    const set = await tokens.issuePair(user, permissions, sessionId, accessLifetime);
    await sessions.open(user.id, hashToken(set.refresh_token), tokens.refreshLifetime, sessionId);
    return { ...set, user: publicUser(user) };
  }

  app.post<{ Body: { email: string; password: string; name?: string } }>('/auth/register', { schema: { body: registration } }, async (request, reply) => {
    const { email, password } = request.body;
    const name = request.body.name?.trim() || email.split('@')[0];
    try {
      // Stryker disable next-line StringLiteral: the account's auth_provider is recorded for operators and read by nothing; the contract leaves the users table's columns to the implementer
      const user = await users.create({ email, name, passwordHash: await passwords.hash(password), permissions: DEFAULT_PERMISSIONS, provider: 'password' });
      return reply.status(201).send(await signIn(user));
    } catch (error) {
      if (error instanceof EmailTaken) throw new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists; sign in instead');
      throw error;
    }
  });

  app.post<{ Body: { email: string; password: string } }>('/auth/login', { schema: { body: login } }, async (request) => {
    const { email, password } = request.body;
    // Stryker disable next-line MethodExpression: equivalent, either case folds every spelling of an email onto one counter
    const attempts = `login_failures:${email.toLowerCase()}`;
    // Each attempt takes its place in the count before its password is checked, so of any number
    // arriving at once only the first five are checked (reading the count first let a parallel
    // burst through). The window runs from the first attempt.
    const place = await cache.increment(attempts, config.lockoutWindowSeconds);
    if (place > MAX_FAILED_LOGINS) {
      throw new ApiError(429, 'TOO_MANY_ATTEMPTS', `Too many failed sign-ins for this email; wait ${waitPhrase(config.lockoutWindowSeconds)} and try again`);
    }
    const user = await users.byEmail(email);
    const ok = user?.passwordHash ? await passwords.verify(password, user.passwordHash) : await passwords.verifyAgainstDecoy(password);
    if (!user || !ok) throw new ApiError(401, 'INVALID_CREDENTIALS', 'The email or password is not correct');
    // The right password clears its own place and the failures before it, not attempts that came after.
    await cache.decrement(attempts, place);
    return signIn(user);
  });

  // Always 200 (contract section 3): even a request with no body gets an answer, not a validation error.
  app.post<{ Body: { token?: string } }>('/auth/validate', { schema: { body: { type: ['object', 'null'], properties: { token: { type: 'string' } } } } }, async (request) => {
    // Only a service that proves itself learns anything about a token, and a refusal says no more than that.
    if (request.headers['x-service-id'] === undefined || !secretsMatch(request.headers['x-service-secret'] as string | undefined, config.serviceSecret)) {
      return { valid: false, error: 'invalid_service_credentials' };
    }
    // Only the configured service may ask: a backend whose id gained a suffix (its start time, say) is told so (contract §9).
    if (request.headers['x-service-id'] !== config.serviceId) return { valid: false, error: 'invalid_service_id' };
    const token = request.body?.token;
    if (!token) return { valid: false, error: 'missing_token' };
    try {
      const claims = await tokens.verify(token, 'access');
      return {
        valid: true,
        user_id: claims.sub,
        email: claims.email,
        permissions: claims.permissions,
        expires_at: new Date(claims.exp * 1000).toISOString(),
        token_id: claims.jti,
        session_id: claims.sid,
      };
    } catch (error) {
      if (error instanceof TokenRejected) return { valid: false, error: error.problem };
      // Revocations live in Redis; when they cannot be read, no token is vouched for (fail closed).
      return { valid: false, error: 'revocation_check_unavailable' };
    }
  });

  app.get('/auth/validate', async () => {
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', 'Validate a token with POST /auth/validate and a {"token"} body');
  });

  /** A token's claims, or the refusal: 401 for a bad token, 503 when revocations cannot be checked (fail closed). */
  async function verified(token: string, kind: 'access' | 'refresh', refused: (error: TokenRejected) => ApiError): Promise<Claims> {
    try {
      return await tokens.verify(token, kind);
    } catch (error) {
      if (error instanceof TokenRejected) throw refused(error);
      throw new ApiError(503, 'REVOCATION_CHECK_UNAVAILABLE', 'Sessions cannot be checked right now (the revocation store is unreachable); try again shortly');
    }
  }

  async function accessClaims(authorization: string | undefined): Promise<Claims> {
    const token = bearerToken(authorization);
    if (!token) throw new ApiError(401, 'NOT_AUTHENTICATED', 'Send your access token as "Authorization: Bearer <token>"');
    return verified(token, 'access', (error) => new ApiError(401, error.problem.toUpperCase(), error.message));
  }

  async function revokeLogin(sessionId: string | undefined, token?: Claims): Promise<void> {
    if (token) await tokens.revoke(token);
    if (sessionId) {
      await Promise.all([tokens.revokeSession(sessionId), sessions.revoke(sessionId)]);
    }
    const revocation: Revocation = { session_id: sessionId, token_id: token?.jti };
    await cache.publish(REVOCATIONS_CHANNEL, JSON.stringify(revocation));
  }

  app.post<{ Body: { refresh_token: string } }>(
    '/auth/refresh',
    { schema: { body: { type: 'object', required: ['refresh_token'], properties: { refresh_token: { type: 'string', maxLength: 4096 } } } } },
    async (request) => {
      const refused = new ApiError(401, 'INVALID_REFRESH_TOKEN', 'This refresh token is expired, spent or not a refresh token; sign in again');
      const claims = await verified(request.body.refresh_token, 'refresh', () => refused);
      const user = await users.byId(claims.sub);
      if (!user || !claims.sid) throw refused;
      const next = await tokens.issuePair(user, claims.permissions, claims.sid);
      if (!(await sessions.rotate(claims.sid, hashToken(request.body.refresh_token), hashToken(next.refresh_token)))) {
        // A spent refresh token came back: someone holds a copy, so the whole login ends.
        await revokeLogin(claims.sid);
        throw refused;
      }
      return next;
    },
  );

  app.post('/auth/logout', async (request) => {
    const claims = await accessClaims(request.headers.authorization);
    await revokeLogin(claims.sid, claims);
    // Stryker disable next-line ObjectLiteral,StringLiteral: the contract fixes no body for a sign-out, only that it succeeds
    return { message: 'Signed out', status: 'success' };
  });

  app.post<{ Body: { service_id: string; service_secret: string } }>(
    '/auth/service-token',
    { schema: { body: { type: 'object', required: ['service_id', 'service_secret'], properties: { service_id: { type: 'string' }, service_secret: { type: 'string' } } } } },
    async (request) => {
      if (request.body.service_id !== config.serviceId || !secretsMatch(request.body.service_secret, config.serviceSecret)) {
        throw new ApiError(401, 'INVALID_SERVICE_CREDENTIALS', 'The service id or secret is not correct');
      }
      return tokens.issueServiceToken(config.serviceId);
    },
  );

  app.get('/auth/me', async (request) => {
    const claims = await accessClaims(request.headers.authorization);
    const user = await users.byId(claims.sub);
    if (!user) throw new ApiError(401, 'INVALID_TOKEN', 'The account behind this token no longer exists');
    return { user_id: user.id, email: user.email, name: user.name, permissions: claims.permissions, token_expires_at: new Date(claims.exp * 1000).toISOString() };
  });

  app.post<{ Body: { email?: string; name?: string; permissions?: string[]; expires_in?: number } }>(
    '/auth/e2e/test-auth',
    { schema: { body: testSignIn } },
    async (request) => {
      if (config.environment === 'production') throw new ApiError(403, 'FORBIDDEN', 'The simulated OAuth sign-in does not exist in production');
      if (!config.e2eOAuthSimulationKey) throw new ApiError(503, 'NOT_CONFIGURED', 'The simulated OAuth sign-in is off: set E2E_OAUTH_SIMULATION_KEY on the auth service');
      if (!secretsMatch(request.headers['x-e2e-bypass-key'] as string | undefined, config.e2eOAuthSimulationKey)) {
        throw new ApiError(401, 'INVALID_BYPASS_KEY', 'The X-E2E-Bypass-Key header does not match this service\'s key');
      }
      const body = request.body ?? {};
      const email = body.email ?? `e2e-${randomUUID()}@apex.test`;
      const permissions = body.permissions ?? DEFAULT_PERMISSIONS;
      // Stryker disable next-line StringLiteral: the account's auth_provider is recorded for operators and read by nothing (see sign-up)
      const provider = 'oauth-simulated';
      const user = await users.findOrCreate({ email, name: body.name ?? email.split('@')[0], permissions, provider });
      return signIn(user, permissions, body.expires_in);
    },
  );

  // Built from configuration or the address this service listens on: a Host header is the
  // caller's to choose, and a forged one would send the sign-in, with its code, elsewhere.
  const ownUrl = () => {
    if (config.publicAuthUrl) return config.publicAuthUrl.replace(/\/+$/, '');
    const { address, port } = app.server.address() as AddressInfo;
    const host = address.includes(':')
      ? // Stryker disable next-line StringLiteral: an IPv6 listener; every platform here listens on 127.0.0.1
        `[${address}]`
      : address;
    return `http://${host}:${port}`;
  };
  const providerCallback = () => `${ownUrl()}/auth/callback`;
  // Where a finished sign-in may land: the front end's callback, or one configured besides it.
  const frontEndCallbacks = new Set([new URL('/auth/callback', config.frontendUrl).href, ...config.oauthAllowedRedirects]);
  const isAllowed = (url: string, allowed: Set<string>) => URL.canParse(url) && allowed.has(new URL(url).href);
  const notAllowed = () => new ApiError(400, 'INVALID_REDIRECT', 'The redirect_uri is not one of this platform\'s sign-in callbacks, so no sign-in goes there');
  const simulatedProvider = config.environment === 'test';

  app.get<{ Querystring: { provider?: string; redirect_uri?: string } }>('/auth/login', async (request, reply) => {
    // Stryker disable next-line StringLiteral: equivalent, any stand-in for a missing provider is refused as unknown; only the sentence quoting it changes
    const provider = request.query.provider ?? '';
    const landing = request.query.redirect_uri ?? new URL('/auth/callback', config.frontendUrl).href;
    if (!OAUTH_PROVIDERS.includes(provider)) {
      // Stryker disable next-line StringLiteral: the wording of the list of providers in the refusal
      const known = OAUTH_PROVIDERS.join(', ');
      throw new ApiError(400, 'UNKNOWN_PROVIDER', `"${provider}" is not a sign-in provider here; use one of ${known}`);
    }
    // The stand-in provider approves anyone as anyone: outside test it would hand out any account.
    if (!simulatedProvider) {
      throw new ApiError(503, 'PROVIDER_NOT_CONFIGURED', `Signing in with ${provider} is not configured on this ${config.environment} deployment`);
    }
    if (!isAllowed(landing, frontEndCallbacks)) throw notAllowed();
    const state = randomBytes(24).toString('base64url');
    await cache.set(`oauth_state:${state}`, new URL(landing).href, config.oauthStateTtlSeconds);
    const authorize = new URL(`${ownUrl()}/auth/simulated-provider/authorize`);
    authorize.search = new URLSearchParams({ response_type: 'code', client_id: 'apex', scope: 'openid email profile', state, redirect_uri: providerCallback() }).toString();
    return reply.redirect(authorize.toString(), 302);
  });

  // The stand-in for Google, in test only: it approves at once, as the person named by login_hint.
  if (simulatedProvider) {
    app.get<{ Querystring: { redirect_uri?: string; state?: string; login_hint?: string } }>('/auth/simulated-provider/authorize', async (request, reply) => {
      const { redirect_uri: redirectUri, state, login_hint: hint } = request.query;
      // Stryker disable next-line LogicalOperator,StringLiteral: the test-only stand-in provider's own check of its input (the platform's callback checks the state: AUTH-03, SEC-04)
      if (!redirectUri || !state) throw new ApiError(400, 'INVALID_REQUEST', 'The provider needs redirect_uri and state');
      // Like Google, it sends codes only to the callback registered for this client.
      if (!isAllowed(redirectUri, new Set([providerCallback()]))) throw notAllowed();
      const code = randomBytes(24).toString('base64url');
      // Stryker disable next-line LogicalOperator,Regex,StringLiteral: whom the test-only stand-in provider approves is test automation's choice; a real provider authenticates the person
      const email = hint && /^[^@\s]+@[^@\s]+$/.test(hint) ? hint : `oauth-${randomUUID()}@apex.test`;
      // Stryker disable next-line StringLiteral: the stand-in provider's made-up display name; a real provider gives the person's own
      const name = email.split('@')[0];
      await cache.set(`oauth_code:${code}`, JSON.stringify({ email, name }), 300);
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', state);
      return reply.redirect(back.toString(), 302);
    });
  }

  app.get<{ Querystring: { code?: string; state?: string } }>('/auth/callback', async (request, reply) => {
    const { code, state } = request.query;
    if (!code) throw new ApiError(400, 'MISSING_CODE', 'The provider sent no authorization code; start the sign-in again');
    const landing = state ? await cache.take(`oauth_state:${state}`) : undefined;
    if (!landing) {
      throw new ApiError(401, 'INVALID_STATE', 'This sign-in was not started here (unknown or reused state); start the sign-in again');
    }
    const identity = await cache.take(`oauth_code:${code}`);
    if (!identity) throw new ApiError(401, 'INVALID_CODE', 'The authorization code is unknown or already used; start the sign-in again');
    const { email, name } = JSON.parse(identity) as { email: string; name: string };
    // Stryker disable next-line StringLiteral: the account's auth_provider is recorded for operators and read by nothing (see sign-up)
    const user = await users.findOrCreate({ email, name, permissions: DEFAULT_PERMISSIONS, provider: 'google' });
    const signedIn = await signIn(user);
    const front = new URL(landing);
    front.search = new URLSearchParams({ access_token: signedIn.access_token, refresh_token: signedIn.refresh_token, email: user.email, name: user.name }).toString();
    return reply.redirect(front.toString(), 302);
  });

  const health = async (_request: unknown, reply: { status(code: number): unknown }) => {
    const report = await healthReport(config, 'auth-service', { db, cache, readiness });
    if (report.status === 'unhealthy') reply.status(503);
    return report;
  };
  app.get('/health', health);
  app.get('/health/ready', health);

  return app;
}
