import { http, HttpResponse } from './http';

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

export interface AccountUser {
  id: string;
  email: string;
  name?: string;
}

export type SignInAnswer = TokenSet & { user: AccountUser };

/** The auth service's endpoints, as the contract names them. */
export class AuthClient {
  constructor(private readonly baseUrl: string) {}

  register(account: { email: string; password: string; name?: string }): Promise<HttpResponse<SignInAnswer>> {
    return http('POST', `${this.baseUrl}/auth/register`, { body: account });
  }

  login(credentials: { email: string; password: string }): Promise<HttpResponse<SignInAnswer>> {
    return http('POST', `${this.baseUrl}/auth/login`, { body: credentials });
  }

  validate(token: string, service?: { id: string; secret: string }): Promise<HttpResponse> {
    const headers = service ? { 'x-service-id': service.id, 'x-service-secret': service.secret } : undefined;
    return http('POST', `${this.baseUrl}/auth/validate`, { body: { token }, headers });
  }

  me(token: string): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/auth/me`, { token });
  }

  testSignIn(bypassKey: string, request: { email?: string; name?: string; permissions?: string[]; expires_in?: number }): Promise<HttpResponse<SignInAnswer>> {
    return http('POST', `${this.baseUrl}/auth/e2e/test-auth`, { body: request, headers: { 'x-e2e-bypass-key': bypassKey } });
  }
}
