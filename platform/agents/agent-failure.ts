/** A request the agent cannot serve; the message tells the customer what to change. */
export class AgentFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}
