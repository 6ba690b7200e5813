import { HttpResponse, http } from './http';

/** The reference platform's fault switch (`/__faults`, ENVIRONMENT=test only, behind the service secret). */
export class FaultClient {
  /**
   * `scopes`, where given, collects the scope of every fault this client switches on: the faults
   * a scenario must clear, and the only ones it answers for.
   */
  constructor(private readonly apiUrl: string, private readonly serviceSecret: string, private readonly scopes?: Set<string>) {}

  private headers() {
    return { 'x-service-secret': this.serviceSecret };
  }

  /** Switches a fault on; with a scope (a user's or a run's id), for that user's or run's work only. */
  async inject(fault: { fault: string; target: string; count?: number; duration_ms?: number; scope?: string }): Promise<void> {
    const answer = await http('POST', `${this.apiUrl}/__faults`, { body: fault, headers: this.headers() });
    if (answer.status !== 201) throw new Error(`The target refused the fault ${fault.fault} on ${fault.target} (${answer.status}): ${answer.text.slice(0, 200)}`);
    if (fault.scope) this.scopes?.add(fault.scope);
  }

  async lift(fault: string, target: string, scope?: string): Promise<void> {
    const within = scope ? `&scope=${encodeURIComponent(scope)}` : '';
    const answer = await http('DELETE', `${this.apiUrl}/__faults?fault=${encodeURIComponent(fault)}&target=${encodeURIComponent(target)}${within}`, { headers: this.headers() });
    if (answer.status !== 204) throw new Error(`The target did not lift ${fault} on ${target} (${answer.status}).`);
  }

  /**
   * What is still switched on of this client's scopes (or, without scopes, of everyone's): active
   * faults, and breakers that are not closed (a breaker is the instance's, whoever tripped it).
   */
  async leftovers(): Promise<string[]> {
    const read = async (scope?: string) => {
      const answer = await http('GET', `${this.apiUrl}/__faults${scope ? `?scope=${encodeURIComponent(scope)}` : ''}`, { headers: this.headers() });
      return answer.status === 200 ? answer.body : {};
    };
    const lists = this.scopes ? await Promise.all([...this.scopes].map((scope) => read(scope))) : [await read()];
    const faults = lists.flatMap((list) => (list.active ?? []).map((f: { fault: string; target: string }) => `${f.fault} on ${f.target}`));
    const breakers = Object.entries((lists[0] ?? (await read())).breakers ?? {}).filter(([, state]) => state !== 'closed').map(([tool, state]) => `${tool} breaker ${state}`);
    return [...faults, ...breakers];
  }

  /** Tries to switch a fault on holding the given secret (or none), as an outsider would; the answer as it came. */
  static attempt(apiUrl: string, fault: { fault: string; target: string }, secret?: string): Promise<HttpResponse> {
    return http('POST', `${apiUrl}/__faults`, { body: fault, headers: secret === undefined ? {} : { 'x-service-secret': secret } });
  }

  /**
   * Every page that exists only in test (contract section 7), tried holding the service secret:
   * switching a fault on, listing and clearing faults, and reading the process's memory.
   */
  static tryTestOnlyPages(apiUrl: string, secret: string): Promise<HttpResponse[]> {
    const headers = { 'x-service-secret': secret };
    return Promise.all([
      http('POST', `${apiUrl}/__faults`, { body: { fault: 'tool_failure', target: 'cost_analyzer' }, headers }),
      http('GET', `${apiUrl}/__faults`, { headers }),
      http('DELETE', `${apiUrl}/__faults`, { headers }),
      http('GET', `${apiUrl}/__diagnostics`, { headers }),
    ]);
  }

  /** Whether a fault on this target is switched on. */
  async isOn(target: string): Promise<boolean> {
    const answer = await http('GET', `${this.apiUrl}/__faults`, { headers: this.headers() });
    return (answer.body?.active ?? []).some((f: { target: string }) => f.target === target);
  }

  /** Clears this client's scopes' faults (or, without scopes, every fault), and resets the breakers. */
  async clearAll(): Promise<void> {
    const scopes = this.scopes ? [...this.scopes] : [undefined];
    for (const scope of scopes) await http('DELETE', `${this.apiUrl}/__faults${scope ? `?scope=${encodeURIComponent(scope)}` : ''}`, { headers: this.headers() });
  }
}
