import { ServiceClient } from './service-client';
import { getClaimingHost, http, HttpResponse } from './http';

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
export class AuthClient extends ServiceClient {
  register(account: { email: string; password: string; name?: string }): Promise<HttpResponse<SignInAnswer>> {
    return http('POST', `${this.baseUrl}/auth/register`, { body: account });
  }

  /** A sign-up with a body exactly as given. */
  registerRawText(body: string): Promise<HttpResponse<SignInAnswer>> {
    return http('POST', `${this.baseUrl}/auth/register`, { rawBody: body });
  }

  /** A sign-up body as given, malformed or not. */
  registerRaw(body: Record<string, unknown>): Promise<HttpResponse<SignInAnswer>> {
    return http('POST', `${this.baseUrl}/auth/register`, { body });
  }

  login(credentials: { email: string; password: string }): Promise<HttpResponse<SignInAnswer>> {
    return http('POST', `${this.baseUrl}/auth/login`, { body: credentials });
  }

  /** A sign-in body as given, malformed or not. */
  loginRaw(body: Record<string, unknown>): Promise<HttpResponse<SignInAnswer>> {
    return http('POST', `${this.baseUrl}/auth/login`, { body });
  }

  /** Asks the auth service to vouch for a token, as the backend does; a header left out of `service` is not sent. */
  validate(token: string, service?: { id?: string; secret?: string }): Promise<HttpResponse> {
    const headers = Object.fromEntries(Object.entries({ 'x-service-id': service?.id, 'x-service-secret': service?.secret }).filter(([, value]) => value !== undefined)) as Record<string, string>;
    return http('POST', `${this.baseUrl}/auth/validate`, { body: { token }, headers });
  }

  /** Asks the auth service to vouch with no body at all. */
  validateNothing(service: { id: string; secret: string }): Promise<HttpResponse> {
    return http('POST', `${this.baseUrl}/auth/validate`, { headers: { 'x-service-id': service.id, 'x-service-secret': service.secret } });
  }

  serviceToken(credentials: { service_id?: string; service_secret?: string }): Promise<HttpResponse> {
    return http('POST', `${this.baseUrl}/auth/service-token`, { body: credentials });
  }

  me(token: string): Promise<HttpResponse> {
    return this.withToken('GET', `/auth/me`, token);
  }

  refresh(refreshToken: string): Promise<HttpResponse<TokenSet>> {
    return http('POST', `${this.baseUrl}/auth/refresh`, { body: { refresh_token: refreshToken } });
  }

  logout(token: string): Promise<HttpResponse> {
    return this.withToken('POST', `/auth/logout`, token);
  }

  /** Starts an OAuth sign-in; the answer redirects to the provider. */
  /** Starts a provider sign-in; `landing` asks for a front-end callback other than the default. */
  oauthStart(provider: string, landing?: string): Promise<HttpResponse> {
    const query = new URLSearchParams({ provider, ...(landing === undefined ? {} : { redirect_uri: landing }) });
    return http('GET', `${this.baseUrl}/auth/login?${query}`);
  }

  /** Starts a provider sign-in with a Host header that names another site. */
  oauthStartClaimingHost(provider: string, host: string): Promise<HttpResponse> {
    return getClaimingHost(`${this.baseUrl}/auth/login?provider=${encodeURIComponent(provider)}`, host);
  }

  oauthCallback(query: Record<string, string>): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/auth/callback?${new URLSearchParams(query)}`);
  }

  /** Follows one redirect hop without following the next. */
  follow(location: string): Promise<HttpResponse> {
    return http('GET', new URL(location, this.baseUrl).toString());
  }

  /** The simulated OAuth sign-in; without a key, the header is left out altogether. */
  testSignIn(bypassKey: string | undefined, request: { email?: string; name?: string; permissions?: string[]; expires_in?: number }): Promise<HttpResponse<SignInAnswer>> {
    return http('POST', `${this.baseUrl}/auth/e2e/test-auth`, { body: request, headers: bypassKey === undefined ? {} : { 'x-e2e-bypass-key': bypassKey } });
  }

  /** Asks for validation with a GET, which the contract does not allow. */
  validateByReading(): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/auth/validate`);
  }
}
