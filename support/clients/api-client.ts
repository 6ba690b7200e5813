import { ServiceClient } from './service-client';
import { HttpResponse, trickle } from './http';

/** The backend's REST endpoints, as the contract names them. */
export class ApiClient extends ServiceClient {
  threads(token: string): Promise<HttpResponse> {
    return this.withToken('GET', `/api/threads`, token);
  }

  /** A conversation asked for with a body exactly as given. */
  createThreadRaw(token: string, body: string): Promise<HttpResponse> {
    return this.withToken('POST', `/api/threads`, token, { rawBody: body });
  }

  /** A conversation asked for with a body that trickles in over `overMs`, as from a client on a bad network. */
  createThreadSlowly(token: string, body: string, overMs: number): Promise<HttpResponse> {
    return trickle('POST', `${this.baseUrl}/api/threads`, { token, body, overMs });
  }

  createThread(token: string, body?: { title?: string; metadata?: Record<string, unknown> }): Promise<HttpResponse> {
    return this.withToken('POST', `/api/threads`, token, { body });
  }

  archiveThread(token: string, threadId: string): Promise<HttpResponse> {
    return this.withToken('DELETE', `/api/threads/${encodeURIComponent(threadId)}`, token);
  }

  thread(token: string, threadId: string): Promise<HttpResponse> {
    return this.withToken('GET', `/api/threads/${encodeURIComponent(threadId)}`, token);
  }

  messages(token: string, threadId: string): Promise<HttpResponse> {
    return this.withToken('GET', `/api/threads/${encodeURIComponent(threadId)}/messages`, token);
  }

  execute(token: string, request: { type: string; message: string; context?: Record<string, unknown>; thread_id?: string }): Promise<HttpResponse> {
    return this.withToken('POST', `/api/agents/execute`, token, { body: request });
  }

  run(token: string, runId: string): Promise<HttpResponse> {
    return this.withToken('GET', `/api/runs/${encodeURIComponent(runId)}`, token);
  }
}
