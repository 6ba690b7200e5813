import { AgentFailure } from './agent-failure';
import { analyseCost, checkWorkload, optimise } from './cost-optimizer';

export interface AgentRequest {
  userRequest: string;
  context: Record<string, unknown>;
}

/** What an agent may do while it works; every call becomes a live event for the customer. */
export interface AgentWork {
  think(thought: string, baseMs?: number): Promise<void>;
  useTool<T>(toolName: string, parameters: Record<string, unknown>, tool: () => T | Promise<T>, baseMs?: number): Promise<T>;
}

export interface AgentOutcome {
  result: Record<string, unknown>;
  /** What the assistant says in the conversation. */
  summary: string;
}

export type Agent = (request: AgentRequest, work: AgentWork) => Promise<AgentOutcome>;

const costOptimizer: Agent = async (request, work) => {
  const workload = checkWorkload(request.context.workload);
  await work.think(`Reading the workload: ${workload.monthly_requests.toLocaleString('en-US')} requests a month on ${workload.provider} ${workload.model}.`, 800);
  const analysis = await work.useTool('cost_analyzer', { ...workload }, () => analyseCost(workload), 1500);
  const result = optimise(workload, analysis);
  return { result: { ...result }, summary: result.summary };
};

export const AGENTS: Record<string, Agent> = {
  cost_optimizer: costOptimizer,
};

export const DEFAULT_AGENT = 'cost_optimizer';

export function agentNamed(name: string): Agent {
  const agent = AGENTS[name];
  if (!agent) throw new AgentFailure('UNKNOWN_AGENT', `There is no agent called "${name}"; choose one of ${Object.keys(AGENTS).join(', ')}.`);
  return agent;
}
