import { deepStrictEqual } from 'node:assert';
import type { AgentRun } from '../agent-run';
import { describeFrames } from '../clients/agent-socket';
import { dollars } from '../domain';
import { expectEventsInOrder, expectWellFormedRun, sameAmount } from './runs';

export const FIVE_EVENTS = ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'];

/** Every completed run: the five events in order, seq rising by one, ids on every event, one terminal event. Returns the result. */
export async function completedResult(run: AgentRun, deadlineMs: number): Promise<any> {
  const result = await run.completed(deadlineMs);
  expectEventsInOrder(run, FIVE_EVENTS);
  expectWellFormedRun(run);
  return result;
}

/** A run the agents could not serve ends cleanly in agent_failed, with a reason that names what to fix. */
export async function expectFailedWithReason(run: AgentRun, deadlineMs: number, mentions: string): Promise<void> {
  const terminal = (await run.finished(deadlineMs)).frame;
  expectWellFormedRun(run);
  const reason = String(terminal.data?.error_message ?? '');
  if (terminal.type !== 'agent_failed' || !terminal.data?.error_code || !reason.toLowerCase().includes(mentions.toLowerCase())) {
    throw new Error(`Expected the ${run.agent} run to fail with a reason mentioning "${mentions}"; it ended with ${terminal.type}${terminal.data?.error_code ? ` ${terminal.data.error_code}` : ''}: "${reason}"`);
  }
}

/** Each tool_executing has exactly one tool_completed with the same call id, after it. */
export function expectToolCallsPaired(run: AgentRun): void {
  const events = run.events.map((f) => f.frame);
  const started = events.filter((e) => e.type === 'tool_executing');
  if (started.length === 0) throw new Error(`Expected the ${run.agent} to use at least one tool; events: ${run.describe()}`);
  for (const call of started) {
    const completions = events.filter((e) => e.type === 'tool_completed' && e.data.tool_call_id === call.data.tool_call_id);
    if (completions.length !== 1 || completions[0].data.seq < call.data.seq || completions[0].data.tool_name !== call.data.tool_name) {
      throw new Error(`Expected one tool_completed for ${call.data.tool_name} call ${call.data.tool_call_id} after it; found ${completions.length}: ${run.describe()}`);
    }
  }
}

function numbersIn(value: unknown, into: number[] = []): number[] {
  if (typeof value === 'number') into.push(Math.round(value * 100) / 100);
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => numbersIn(v, into));
  return into;
}

/** Every figure a tool returned appears in the final answer: the answer rests on what the tools found. */
export function expectToolFiguresInAnswer(run: AgentRun): void {
  const answer = new Set(numbersIn(run.result));
  for (const done of run.events.map((f) => f.frame).filter((e) => e.type === 'tool_completed')) {
    const missing = numbersIn(done.data.result).filter((n) => !answer.has(n));
    if (missing.length) throw new Error(`Expected the figures ${done.data.tool_name} returned to be in the answer; ${missing.join(', ')} are not.`);
  }
}

/** The agent_handoff events name exactly this chain, in order. */
export function expectHandoffChain(run: AgentRun, chain: string[]): void {
  const handoffs = run.events.map((f) => f.frame).filter((e) => e.type === 'agent_handoff').map((e) => `${e.data.from_agent}→${e.data.to_agent}`);
  const expected = chain.slice(1).map((to, i) => `${chain[i]}→${to}`);
  if (handoffs.join(', ') !== expected.join(', ')) {
    throw new Error(`Expected the work to be handed ${expected.join(', ')}; the handoffs were ${handoffs.join(', ') || 'none'}`);
  }
  deepStrictEqual(run.result?.handoffs?.map((h: { from_agent: string; to_agent: string }) => `${h.from_agent}→${h.to_agent}`), expected, 'The combined answer lists different handoffs from the ones streamed');
}

/**
 * Progress is spread over the run: the updates between the first and the terminal event cover
 * at least `share` of the run, no silence lasts more than half of it, and no more than a third
 * of the updates arrive in its last tenth.
 */
export function expectSpreadProgress(run: AgentRun, share: number): void {
  const times = run.events.map((f) => f.at);
  const [start, end] = [times[0], times[times.length - 1]];
  const updates = run.events.slice(1, -1).map((f) => f.at);
  const span = end - start;
  const covered = updates.length ? updates[updates.length - 1] - updates[0] : 0;
  const late = updates.filter((t) => t > end - span / 10).length;
  const longestSilence = Math.max(...times.slice(1).map((t, i) => t - times[i]));
  if (span <= 0 || covered < share * span || longestSilence > span / 2 || late > updates.length / 3) {
    throw new Error(`Expected updates spread over at least ${share * 100}% of the run and not bunched; the run took ${span} ms, the updates covered ${covered} ms, the longest silence was ${longestSilence} ms, ${late} of ${updates.length} came in the last tenth: ${describeFrames(run.events, run.sentAt)}`);
  }
}

export function expectRecommendationsQuality(result: any, atLeast: number): void {
  const recommendations: any[] = Array.isArray(result?.recommendations) ? result.recommendations : result?.strategic_recommendations ?? [];
  if (recommendations.length < atLeast) throw new Error(`Expected at least ${atLeast} recommendations; got ${recommendations.length}.`);
  for (const r of recommendations) {
    if (typeof r.cost_impact?.monthly_amount !== 'number' || !(r.cost_impact.monthly_amount > 0) || !Array.isArray(r.implementation_steps) || r.implementation_steps.length === 0) {
      throw new Error(`Expected every recommendation to have a monthly saving and steps to take; "${r.title}" has ${JSON.stringify(r.cost_impact)} and ${JSON.stringify(r.implementation_steps)}.`);
    }
  }
  const total = recommendations.reduce((sum, r) => sum + r.cost_impact.monthly_amount, 0);
  const offered = result?.potential_savings?.monthly_amount;
  if (typeof offered !== 'number' || total > offered + 0.01 * recommendations.length) {
    throw new Error(`Expected the recommendations' savings (${dollars(total)}) to add up to no more than the saving offered (${typeof offered === 'number' ? dollars(offered) : offered}).`);
  }
}

const amountOf = (value: unknown) => (typeof value === 'number' ? dollars(value) : JSON.stringify(value));

/** The current spend and its split, each to the cent. */
export function expectSpend(result: any, expected: { total: number; input: number; output: number }): void {
  const analysis = result?.cost_analysis ?? {};
  const told = { total: analysis.current_monthly_cost, input: analysis.breakdown?.input_tokens, output: analysis.breakdown?.output_tokens };
  if (!sameAmount(told.total, expected.total) || !sameAmount(told.input, expected.input) || !sameAmount(told.output, expected.output)) {
    throw new Error(`Expected a current spend of ${dollars(expected.total)} (${dollars(expected.input)} input, ${dollars(expected.output)} output); the agent said ${amountOf(told.total)} (${amountOf(told.input)} input, ${amountOf(told.output)} output)`);
  }
}

/** The total saving to the cent, its share of the spend to a tenth of a percent, and the recommendations adding up to it. */
export function expectSavings(result: any, amount: number, percent: number): void {
  const savings = result?.potential_savings ?? {};
  const recommendations: { title: string; cost_impact?: { monthly_amount?: number } }[] = result?.recommendations ?? result?.strategic_recommendations ?? [];
  const sum = Math.round(recommendations.reduce((total, r) => total + (r.cost_impact?.monthly_amount ?? 0), 0) * 100) / 100;
  if (!sameAmount(savings.monthly_amount, amount) || savings.percent !== percent || !sameAmount(sum, amount)) {
    throw new Error(`Expected savings of exactly ${dollars(amount)} a month (${percent}% of the spend), the sum of the recommendations; the agent offered ${amountOf(savings.monthly_amount)} (${savings.percent}%), with recommendations adding up to ${dollars(sum)}: ${recommendations.map((r) => `${r.title} ${amountOf(r.cost_impact?.monthly_amount)}`).join('; ')}`);
  }
}

/** The named recommendation is offered at exactly this amount (and effort, if given), or (with no amount) not at all. */
export function expectRecommendation(result: any, title: string, amount: number | undefined, effort?: string): void {
  const recommendations: { title: string; effort?: string; cost_impact?: { monthly_amount?: number } }[] = result?.recommendations ?? [];
  const found = recommendations.find((r) => r.title === title);
  const offered = recommendations.map((r) => `${r.title} ${amountOf(r.cost_impact?.monthly_amount)} (${r.effort} effort)`).join('; ') || 'nothing';
  const wrong = amount === undefined ? !!found : !found || !sameAmount(found.cost_impact?.monthly_amount, amount) || (effort !== undefined && found.effort !== effort);
  if (wrong) {
    throw new Error(`Expected ${amount === undefined ? `no "${title}"` : `"${title}" worth ${dollars(amount)} a month${effort ? ` at ${effort} effort` : ''}`}; the agent offered: ${offered}`);
  }
}

/** The chat refuses the request outright, naming the agent it does not know, and no run starts. */
export async function expectNoSuchAgent(run: AgentRun, name: string): Promise<void> {
  const answer = await run.socket.waitFor(`an answer about the agent "${name}"`, (f) => f.type === 'error_message' || (f.type === 'agent_started' && f.data?.request_id === run.requestId), 5000, run.firstFrame);
  if (answer.frame.type !== 'error_message' || answer.frame.error_code !== 'UNKNOWN_AGENT' || !String(answer.frame.error_message).includes(name)) {
    throw new Error(`Expected the chat to say there is no agent called "${name}" (UNKNOWN_AGENT); it answered ${answer.frame.type} ${answer.frame.error_code ?? ''}: ${answer.frame.error_message ?? ''}`);
  }
}

/** The answer's own words state these amounts, written with or without cents. */
export function expectSummaryStates(result: any, amounts: number[]): void {
  const summary = String(result?.summary ?? '');
  const written = (amount: number) => [dollars(amount), dollars(amount).replace(/\.00$/, '')];
  const missing = amounts.filter((amount) => !written(amount).some((text) => summary.includes(text)));
  if (missing.length) throw new Error(`Expected the answer to say ${amounts.map(dollars).join(' and ')} in words; it says: "${summary}"`);
}

/** One of the analysis's insights says all of these together. */
export function expectInsight(result: any, parts: string[]): void {
  const insights: string[] = result?.key_insights ?? [];
  if (!insights.some((insight) => parts.every((part) => insight.includes(part)))) {
    throw new Error(`Expected an insight saying ${parts.map((p) => `"${p}"`).join(' and ')}; the insights are: ${insights.map((i) => `"${i}"`).join(' ') || 'none'}`);
  }
}
