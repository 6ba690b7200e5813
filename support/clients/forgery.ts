import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { claimsOf } from './tokens';

/**
 * Bad tokens, each built from a real one the way an attacker or a stale client would.
 * Some need the platform's signing secret (to prove only one claim is wrong); without it they
 * cannot be built and the scenario is skipped.
 */
export interface ForgeryInput {
  accessToken: string;
  refreshToken: string;
  signingSecret?: string;
  /** Signs the person out, so that their own token is revoked. */
  signOut(): Promise<void>;
  /** A token the auth service issued to a service, not to a person; undefined without the service secret. */
  serviceToken(): Promise<string | undefined>;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

async function signed(claims: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

interface Forgery {
  needsSecret: boolean;
  needsServiceSecret?: boolean;
  build(input: ForgeryInput): Promise<string>;
}

type Claims = Record<string, unknown>;

/** The person's own token with its claims changed and signed again with the platform's secret: only the changed claim is wrong. */
const resigned = (change: (claims: Claims) => Claims): Forgery => ({
  needsSecret: true,
  build: ({ accessToken, signingSecret }) => signed(change(claimsOf(accessToken) as Claims), signingSecret!),
});

/** Issued this many seconds ahead of the clock, valid for ten minutes from then. */
const issuedAhead = (seconds: number): Forgery => resigned((claims) => ({ ...claims, iat: now() + seconds, exp: now() + seconds + 600 }));

/** The person's own token with one claim left out. */
const without = (claim: string): Forgery => resigned(({ [claim]: _left, ...claims }) => claims);

export const FORGERIES: Record<string, Forgery> = {
  missing: {
    needsSecret: false,
    build: async () => '',
  },
  'not a token at all': {
    needsSecret: false,
    build: async () => 'not-a-token',
  },
  'revoked by signing out': {
    needsSecret: false,
    build: async ({ accessToken, signOut }) => {
      await signOut();
      return accessToken;
    },
  },
  'a service token used as access token': {
    needsSecret: false,
    needsServiceSecret: true,
    build: async ({ serviceToken }) => (await serviceToken())!,
  },
  'without a token type': without('token_type'),
  'without a subject': without('sub'),
  'signed with another secret': {
    needsSecret: false,
    build: ({ accessToken }) => signed({ ...claimsOf(accessToken) }, randomBytes(32).toString('base64url')),
  },
  'alg none': {
    needsSecret: false,
    build: async ({ accessToken }) => `${b64({ alg: 'none', typ: 'JWT' })}.${accessToken.split('.')[1]}.`,
  },
  'payload tampered after signing': {
    needsSecret: false,
    build: async ({ accessToken }) => {
      const [header, , signature] = accessToken.split('.');
      const claims = claimsOf(accessToken);
      return `${header}.${b64({ ...claims, permissions: [...(claims.permissions ?? []), 'admin'], exp: (claims.exp ?? now()) + 86_400 })}.${signature}`;
    },
  },
  'wrong audience': resigned((claims) => ({ ...claims, aud: 'someone-else' })),
  'wrong issuer': resigned((claims) => ({ ...claims, iss: 'not-netra-auth' })),
  'refresh token used as access token': {
    needsSecret: false,
    build: async ({ refreshToken }) => refreshToken,
  },
  'valid for 30 days, longer than the platform grants': resigned((claims) => ({ ...claims, iat: now(), exp: now() + 30 * 86_400 })),
  'issued an hour in the future': issuedAhead(3600),
  // The contract allows 30 s of clock skew: 40 s ahead is past it with room for a slow scenario.
  'issued 40 seconds in the future': issuedAhead(40),
  'issued 20 seconds ahead of the clock': issuedAhead(20),
  // Exactly at the edge of the allowed skew: still accepted.
  'issued 30 seconds ahead of the clock': issuedAhead(30),
  'without an issue time': without('iat'),
  expired: resigned((claims) => ({ ...claims, iat: now() - 120, exp: now() - 60 })),
};

/**
 * A person's own pair of tokens, signed again for an account id the platform has never had: what a
 * session looks like once its account is gone (removed by an operator, say). Needs the signing secret.
 */
export async function sessionOfGoneAccount(tokens: { access_token: string; refresh_token: string }, secret: string): Promise<{ access_token: string; refresh_token: string }> {
  const gone = randomUUID();
  const [access_token, refresh_token] = await Promise.all([tokens.access_token, tokens.refresh_token].map((token) => signed({ ...claimsOf(token), sub: gone }, secret)));
  return { access_token, refresh_token };
}
