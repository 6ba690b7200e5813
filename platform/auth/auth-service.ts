import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { PlatformConfig } from '../server/config';
import { ApiError, bearerToken, createHttpApp } from '../server/http';
import type { Database } from '../store/database';
import type { Cache } from '../store/cache';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';
import { DEFAULT_PERMISSIONS, TokenRejected, TokenService, hashToken } from './tokens';
import { AuthSessions, EmailTaken, User, Users } from './users';
import { healthReport } from '../server/health';

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
    expires_in: { type: 'integer', minimum: 1, maximum: 86400 },
  },
} as const;

export function secretsMatch(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const publicUser = (user: User) => ({ id: user.id, email: user.email, name: user.name });

export function buildAuthService(deps: { config: PlatformConfig; db: Database; cache: Cache; tokens: TokenService }): FastifyInstance {
  const { config, db, cache, tokens } = deps;
  const users = new Users(db);
  const sessions = new AuthSessions(db);
  const app = createHttpApp();

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
      const user = await users.create({ email, name, passwordHash: await hashPassword(password), permissions: DEFAULT_PERMISSIONS, provider: 'password' });
      return reply.status(201).send(await signIn(user));
    } catch (error) {
      if (error instanceof EmailTaken) throw new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists; sign in instead');
      throw error;
    }
  });

  app.post<{ Body: { email: string; password: string } }>('/auth/login', { schema: { body: login } }, async (request) => {
    const { email, password } = request.body;
    const user = await users.byEmail(email);
    const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDecoy(password);
    if (!user || !ok) throw new ApiError(401, 'INVALID_CREDENTIALS', 'The email or password is not correct');
    return signIn(user);
  });

  app.post<{ Body: { token?: string } }>('/auth/validate', { schema: { body: { type: 'object', properties: { token: { type: 'string' } } } } }, async (request) => {
    if (request.headers['x-service-id'] !== undefined && !secretsMatch(request.headers['x-service-secret'] as string | undefined, config.serviceSecret)) {
      return { valid: false, error: 'invalid_service_secret' };
    }
    const token = request.body?.token;
    if (!token) return { valid: false, error: 'missing_token' };
    try {
      const claims = await tokens.verify(token, 'access');
      return { valid: true, user_id: claims.sub, email: claims.email, permissions: claims.permissions, expires_at: new Date(claims.exp * 1000).toISOString() };
    } catch (error) {
      if (error instanceof TokenRejected) return { valid: false, error: error.problem };
      throw error;
    }
  });

  app.get('/auth/validate', async () => {
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', 'Validate a token with POST /auth/validate and a {"token"} body');
  });

  app.get('/auth/me', async (request) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new ApiError(401, 'NOT_AUTHENTICATED', 'Send your access token as "Authorization: Bearer <token>"');
    let claims;
    try {
      claims = await tokens.verify(token, 'access');
    } catch (error) {
      if (error instanceof TokenRejected) throw new ApiError(401, error.problem.toUpperCase(), error.message);
      throw error;
    }
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
      const user = await users.findOrCreate({ email, name: body.name ?? email.split('@')[0], permissions, provider: 'oauth-simulated' });
      return signIn(user, permissions, body.expires_in);
    },
  );

  const health = async (_request: unknown, reply: { status(code: number): unknown }) => {
    const report = await healthReport(config, 'auth-service', { db, cache });
    if (report.status === 'unhealthy') reply.status(503);
    return report;
  };
  app.get('/health', health);
  app.get('/health/ready', health);

  return app;
}
