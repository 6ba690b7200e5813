import type { Identity } from '../agents/runs';

export type Validation = { ok: true; identity: Identity } | { ok: false; problem: string };

export class AuthUnavailable extends Error {}

/**
 * The backend's only way to trust a token: ask the auth service, proving itself with the
 * service credentials, as the real platform does.
 */
export class AuthGateway {
  constructor(private readonly authUrl: string, private readonly service: { id: string; secret: string }) {}

  async validate(token: string): Promise<Validation> {
    let response: Response;
    try {
      response = await fetch(`${this.authUrl}/auth/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-service-id': this.service.id, 'x-service-secret': this.service.secret },
        body: JSON.stringify({ token }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      throw new AuthUnavailable(`The auth service cannot be reached (${(error as Error).message}).`);
    }
    if (!response.ok) throw new AuthUnavailable(`The auth service answered ${response.status}.`);
    let body: { valid: boolean; user_id?: string; email?: string; permissions?: string[]; error?: string; token_id?: string; session_id?: string };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // An answer that does not parse vouches for nothing; the auth service is as good as unavailable.
      throw new AuthUnavailable('The auth service answered something that is not JSON.');
    }
    if (body === null || typeof body !== 'object') throw new AuthUnavailable('The auth service answered something that is not a validation.');
    if (body.error === 'invalid_service_credentials') {
      throw new AuthUnavailable('The auth service refused this backend\'s service credentials (check SERVICE_SECRET on both services).');
    }
    if (body.error === 'revocation_check_unavailable') {
      throw new AuthUnavailable('The auth service cannot check revocations right now (its Redis is unreachable).');
    }
    if (!body.valid || !body.user_id) return { ok: false, problem: body.error ?? 'invalid_token' };
    return { ok: true, identity: { userId: body.user_id, email: body.email, permissions: body.permissions ?? [], tokenId: body.token_id, sessionId: body.session_id } };
  }

  async reachable(): Promise<boolean> {
    try {
      const response = await fetch(`${this.authUrl}/health`, { signal: AbortSignal.timeout(2000) });
      return response.ok;
    } catch {
      return false;
    }
  }
}
