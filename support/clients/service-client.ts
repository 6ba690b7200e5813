import { AuthorizationWriter, http, HttpOptions, HttpResponse } from './http';

/** What the auth service's client and the backend's share: where the service is, and how a token and extra headers go with a call. */
export abstract class ServiceClient {
  /** `authorization`: how the token is written into the header, for a scenario about the header itself. */
  /** `headers`: sent along with every call that carries a token, for a scenario about what headers may claim. */
  constructor(protected readonly baseUrl: string, private readonly authorization?: AuthorizationWriter, private readonly headers?: Record<string, string>) {}

  /** The same client, with the token written into the header as given. */
  writingTokenAs(authorization: AuthorizationWriter): this {
    return this.copy(authorization, this.headers);
  }

  /** The same client, sending these headers along with every call that carries a token. */
  sendingHeaders(headers: Record<string, string>): this {
    return this.copy(this.authorization, headers);
  }

  /** A call that carries the token, written and accompanied as this client was told. */
  protected withToken<T = any>(method: string, path: string, token: string, options: HttpOptions = {}): Promise<HttpResponse<T>> {
    return http<T>(method, `${this.baseUrl}${path}`, { token, authorization: this.authorization, headers: this.headers, ...options });
  }

  private copy(authorization: AuthorizationWriter | undefined, headers: Record<string, string> | undefined): this {
    const Client = this.constructor as new (baseUrl: string, authorization?: AuthorizationWriter, headers?: Record<string, string>) => this;
    return new Client(this.baseUrl, authorization, headers);
  }
}
