import { AgentSocket, Frame, ReceivedFrame, describeFrames } from './clients/agent-socket';

export const TERMINAL_EVENTS = ['agent_completed', 'agent_failed', 'agent_cancelled'];

/**
 * One request to an agent, as its user saw it: every event of the run on the socket that asked,
 * and on the sockets that picked it up again after a reconnection.
 */
export class AgentRun {
  /** When the user asked to stop this run, if they did. */
  interruptedAt?: number;
  /** When the user reconnected to pick the run up again, and the last seq seen before. */
  reconnectedAt?: number;
  lastSeqBeforeReconnect?: number;
  /** The sockets this run was followed on, each from the frame where following began. */
  private readonly segments: { socket: AgentSocket; from: number }[];

  constructor(
    /** Undefined for a request sent without an id (the contract makes it optional). */
    readonly requestId: string | undefined,
    readonly agent: string,
    readonly request: { user_request: string; context?: Record<string, unknown> },
    socket: AgentSocket,
    firstFrame: number,
    readonly sentAt: number,
  ) {
    this.segments = [{ socket, from: firstFrame }];
  }

  /** The socket the run is followed on now. */
  get socket(): AgentSocket {
    return this.segments[this.segments.length - 1].socket;
  }

  /** Index of the first frame on the current socket that can belong to this run. */
  get firstFrame(): number {
    return this.segments[this.segments.length - 1].from;
  }

  /** Goes on following the run on a new socket (after a reconnection), from its first frame. */
  followOn(socket: AgentSocket): void {
    this.segments.push({ socket, from: 0 });
  }

  /** The highest seq seen so far: what a resume asks to continue after. */
  get lastSeq(): number {
    return Math.max(0, ...this.events.map((f) => f.frame.data?.seq ?? 0));
  }

  private belongs(frame: Frame): boolean {
    const data = frame.data ?? {};
    if (data.request_id !== undefined) return data.request_id === this.requestId;
    // A target that does not echo request_id: the run is the one whose agent_started came first.
    const runId = this.runId;
    return runId !== undefined && data.run_id === runId;
  }

  get runId(): string | undefined {
    const { socket, from } = this.segments[0];
    const frames = socket.frames.slice(from);
    const mine = frames.find((f) => f.frame.type === 'agent_started' && f.frame.data?.request_id === this.requestId);
    if (mine) return mine.frame.data.run_id;
    // A target that echoes no request_id at all: the run is the first that started after the request.
    const echoes = frames.some((f) => f.frame.data?.request_id !== undefined);
    return echoes ? undefined : frames.find((f) => f.frame.type === 'agent_started')?.frame.data?.run_id;
  }

  get events(): ReceivedFrame[] {
    return this.segments.flatMap(({ socket, from }) => socket.frames.slice(from).filter((f) => f.frame.data?.run_id !== undefined && this.belongs(f.frame)));
  }

  get threadId(): string | undefined {
    return this.events[0]?.frame.data?.thread_id;
  }

  get terminal(): ReceivedFrame | undefined {
    return this.events.find((f) => TERMINAL_EVENTS.includes(f.frame.type));
  }

  get result(): any {
    return this.terminal?.frame.data?.result;
  }

  describe(): string {
    return describeFrames(this.events, this.sentAt);
  }

  /** Waits until the run reports progress: a long run that is truly under way. */
  async underWay(withinMs: number): Promise<void> {
    await this.socket.waitFor(`the ${this.agent} run to be under way`, (f) => f.type === 'agent_progress' && this.belongs(f), withinMs, this.firstFrame);
  }

  /** Waits until the run has emitted `count` more events than it had, on the socket that follows it. */
  async movesOn(count: number, withinMs: number): Promise<void> {
    const target = this.lastSeq + count;
    await this.socket.waitFor(`the ${this.agent} run to reach event #${target}`, (f) => this.belongs(f) && (f.data?.seq ?? 0) >= target, withinMs, this.firstFrame);
  }

  /** Waits for the run's terminal event; a refusal of the request fails at once with the platform's reason. */
  async finished(withinMs: number): Promise<ReceivedFrame> {
    const received = await this.socket.waitFor(
      `the ${this.agent} run to finish`,
      (frame) => (TERMINAL_EVENTS.includes(frame.type) && this.belongs(frame)) || (frame.type === 'error_message' && this.runId === undefined),
      withinMs,
      this.firstFrame,
    );
    if (received.frame.type === 'error_message') {
      throw new Error(`The platform refused the ${this.agent} request: ${received.frame.error_code}: ${received.frame.error_message}`);
    }
    return received;
  }

  async completed(withinMs: number): Promise<any> {
    const terminal = await this.finished(withinMs);
    if (terminal.frame.type !== 'agent_completed') {
      const data = terminal.frame.data ?? {};
      throw new Error(`Expected the ${this.agent} run to complete, it ended with ${terminal.frame.type}${data.error_code ? ` ${data.error_code}: ${data.error_message}` : ''}; events: ${this.describe()}`);
    }
    return terminal.frame.data?.result;
  }
}
