import { AuthorizationWriter, http, HttpResponse, trickle } from './http';

/** The backend's REST endpoints, as the contract names them. */
export class ApiClient {
  /** `authorization`: how the token is written into the header, for a scenario about the header itself. */
  constructor(private readonly baseUrl: string, private readonly authorization?: AuthorizationWriter) {}

  /** The same API, with the token written into the header as given. */
  writingTokenAs(authorization: AuthorizationWriter): ApiClient {
    return new ApiClient(this.baseUrl, authorization);
  }

  threads(token: string): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/api/threads`, { token, authorization: this.authorization });
  }

  /** Starts a conversation; with no body at all, as a bare POST from a script does. */
  /** A conversation asked for with a body exactly as given. */
  createThreadRaw(token: string, body: string): Promise<HttpResponse> {
    return http('POST', `${this.baseUrl}/api/threads`, { token, authorization: this.authorization, rawBody: body });
  }

  /** A conversation asked for with a body that trickles in over `overMs`, as from a client on a bad network. */
  createThreadSlowly(token: string, body: string, overMs: number): Promise<HttpResponse> {
    return trickle('POST', `${this.baseUrl}/api/threads`, { token, body, overMs });
  }

  createThread(token: string, body?: { title?: string; metadata?: Record<string, unknown> }): Promise<HttpResponse> {
    return http('POST', `${this.baseUrl}/api/threads`, { token, authorization: this.authorization, body });
  }

  archiveThread(token: string, threadId: string): Promise<HttpResponse> {
    return http('DELETE', `${this.baseUrl}/api/threads/${encodeURIComponent(threadId)}`, { token, authorization: this.authorization });
  }

  thread(token: string, threadId: string): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/api/threads/${encodeURIComponent(threadId)}`, { token, authorization: this.authorization });
  }

  messages(token: string, threadId: string): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/api/threads/${encodeURIComponent(threadId)}/messages`, { token, authorization: this.authorization });
  }

  execute(token: string, request: { type: string; message: string; context?: Record<string, unknown>; thread_id?: string }): Promise<HttpResponse> {
    return http('POST', `${this.baseUrl}/api/agents/execute`, { token, authorization: this.authorization, body: request });
  }

  run(token: string, runId: string): Promise<HttpResponse> {
    return http('GET', `${this.baseUrl}/api/runs/${encodeURIComponent(runId)}`, { token, authorization: this.authorization });
  }
}
