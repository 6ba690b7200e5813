import { AuthorizationWriter, http, HttpResponse, trickle } from './http';

/** The backend's REST endpoints, as the contract names them. */
export class ApiClient {
  /** `authorization`: how the token is written into the header, for a scenario about the header itself. */
  /** `headers`: sent along with every call, for a scenario about what headers may claim. */
  constructor(private readonly baseUrl: string, private readonly authorization?: AuthorizationWriter, private readonly headers?: Record<string, string>) {}

  /** The same API, with the token written into the header as given. */
  writingTokenAs(authorization: AuthorizationWriter): ApiClient {
    return new ApiClient(this.baseUrl, authorization, this.headers);
  }

  /** The same API, sending these headers along with every call. */
  sendingHeaders(headers: Record<string, string>): ApiClient {
    return new ApiClient(this.baseUrl, this.authorization, headers);
  }

  threads(token: string): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/api/threads`, { token, authorization: this.authorization, headers: this.headers });
  }

  /** Starts a conversation; with no body at all, as a bare POST from a script does. */
  /** A conversation asked for with a body exactly as given. */
  createThreadRaw(token: string, body: string): Promise<HttpResponse> {
    return http('POST', `${this.baseUrl}/api/threads`, { token, authorization: this.authorization, headers: this.headers, rawBody: body });
  }

  /** A conversation asked for with a body that trickles in over `overMs`, as from a client on a bad network. */
  createThreadSlowly(token: string, body: string, overMs: number): Promise<HttpResponse> {
    return trickle('POST', `${this.baseUrl}/api/threads`, { token, body, overMs });
  }

  createThread(token: string, body?: { title?: string; metadata?: Record<string, unknown> }): Promise<HttpResponse> {
    return http('POST', `${this.baseUrl}/api/threads`, { token, authorization: this.authorization, headers: this.headers, body });
  }

  archiveThread(token: string, threadId: string): Promise<HttpResponse> {
    return http('DELETE', `${this.baseUrl}/api/threads/${encodeURIComponent(threadId)}`, { token, authorization: this.authorization, headers: this.headers });
  }

  thread(token: string, threadId: string): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/api/threads/${encodeURIComponent(threadId)}`, { token, authorization: this.authorization, headers: this.headers });
  }

  messages(token: string, threadId: string): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/api/threads/${encodeURIComponent(threadId)}/messages`, { token, authorization: this.authorization, headers: this.headers });
  }

  execute(token: string, request: { type: string; message: string; context?: Record<string, unknown>; thread_id?: string }): Promise<HttpResponse> {
    return http('POST', `${this.baseUrl}/api/agents/execute`, { token, authorization: this.authorization, headers: this.headers, body: request });
  }

  run(token: string, runId: string): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/api/runs/${encodeURIComponent(runId)}`, { token, authorization: this.authorization, headers: this.headers });
  }
}
