import { readFrom } from '../reading';
import type { DataTable } from '@cucumber/cucumber';
import { deepStrictEqual } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import type { AgentRun } from '../agent-run';
import { describeFrames } from '../clients/agent-socket';
import { costQuestion, dollars, money } from '../domain';
import { HttpResponse, expectStatus } from '../clients/http';
import type { Actor } from '../actor';
import type { DatabaseProbe } from '../probes/database-probe';
import { redact } from '../redact';
import { expectEventsInOrder, expectWellFormedRun, sameAmount } from './runs';
import { DEADLINES } from '../deadlines';

export const FIVE_EVENTS = ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'];

/** Every completed run: the five events in order, seq rising by one, ids on every event, one terminal event. Returns the result. */
export async function completedResult(run: AgentRun, deadlineMs: number): Promise<any> {
  const result = await run.completed(deadlineMs);
  expectEventsInOrder(run, FIVE_EVENTS);
  expectWellFormedRun(run);
  return result;
}

/** The actor's latest run, once it has completed well formed (see completedResult). */
export async function answeredRun(actor: Actor, deadlineMs: number): Promise<AgentRun> {
  const run = actor.lastRun();
  await completedResult(run, deadlineMs);
  return run;
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

/** The run is refused as an impossible workload, naming the figure (by its contract name), before any tool priced it. */
export async function expectImpossibleWorkload(run: AgentRun, deadlineMs: number, field: string): Promise<void> {
  const terminal = (await run.finished(deadlineMs)).frame;
  const reason = String(terminal.data?.error_message ?? '');
  if (terminal.type !== 'agent_failed' || terminal.data?.error_code !== 'INVALID_WORKLOAD' || !reason.includes(field)) {
    throw new Error(`Expected the ${run.agent} to refuse the workload as impossible (INVALID_WORKLOAD), naming ${field}; it ended with ${terminal.type}${terminal.data?.error_code ? ` ${terminal.data.error_code}` : ''}: "${reason}"`);
  }
  const tools = run.events.filter((f) => f.frame.type === 'tool_executing');
  if (tools.length) throw new Error(`Expected nothing to be priced from an impossible workload; the ${run.agent} still used ${tools.map((f) => f.frame.data.tool_name).join(', ')}`);
}

/** A stop that came after the run ended is answered RUN_NOT_ACTIVE, naming how it ended; the run stays as it was (and nothing follows its end: the run invariants). */
export async function expectStopRefusedAsEnded(owner: Actor, run: AgentRun): Promise<void> {
  const socket = run.socket;
  const answer = await socket.waitFor('an answer to the stop', (f) => f.type === 'error_message' || (f.data?.run_id === run.runId && f.type === 'agent_cancelled'), DEADLINES.reply, readFrom(socket));
  if (answer.frame.type !== 'error_message' || answer.frame.error_code !== 'RUN_NOT_ACTIVE' || !String(answer.frame.error_message).includes('completed')) {
    throw new Error(`Expected the stop to be refused as too late (RUN_NOT_ACTIVE, saying the run completed); the chat answered ${JSON.stringify(answer.frame).slice(0, 300)}`);
  }
  const stored = expectStatus(await owner.api.run(owner.accessToken, run.runId!), 200, `Reading ${owner.name}'s run`).body;
  if (stored.status !== 'completed') throw new Error(`Expected run ${run.runId} to stay completed after a late stop; it is ${stored.status}`);
}

/** A failed run read back over the API is failed, and where it says why, it says what agent_failed said. */
export async function expectReadBackFailure(owner: Actor, run: AgentRun): Promise<void> {
  const terminal = run.terminal?.frame;
  const stored = expectStatus(await owner.api.run(owner.accessToken, run.runId!), 200, `Reading ${owner.name}'s run`).body;
  if (stored.status !== 'failed') throw new Error(`Expected run ${run.runId}, read back, to be failed; it is ${stored.status}`);
  const said = { error_code: terminal?.data.error_code, error_message: terminal?.data.error_message };
  if (stored.error !== undefined && !isDeepStrictEqual(stored.error, said)) throw new Error(`Expected run ${run.runId}, read back, to fail for ${JSON.stringify(said)}; it says ${JSON.stringify(stored.error)}`);
}

/**
 * Every tool was asked about this request: the workload as given (provider and model in lower
 * case), the attached log by name at the depth asked for, the question itself; the cache finder
 * also hears how many requests stay on the model once routing has taken its share.
 */
export function expectToolsAskedAboutRequest(run: AgentRun): void {
  const context = run.request.context ?? {};
  const given = context.workload as Record<string, any> | undefined;
  const workload: Record<string, any> | undefined = given && { ...given, provider: String(given.provider).toLowerCase(), model: String(given.model).toLowerCase() };
  // Other attachments go ahead of the usage log (Actor.startAgent).
  const file = (context.files as { name: string; media_type: string }[] | undefined)?.at(-1);
  const result = run.result ?? {};
  const routed = (result.recommendations ?? result.strategic_recommendations ?? []).some((r: { title: string }) => r.title.startsWith('Route'));
  const expected: Record<string, () => unknown> = {
    cost_analyzer: () => workload,
    latency_analyzer: () => workload,
    cache_finder: () => workload && { ...workload, requests_kept_on_model: workload.monthly_requests * (routed ? 0.4 : 1) },
    usage_log_parser: () => file && { file: file.name, media_type: file.media_type, depth: context.analysis_depth === 'deep' ? 'deep' : 'standard' },
    request_classifier: () => ({ request: run.request.user_request.slice(0, 200) }),
    report_generator: () => undefined,
  };
  const answers = new Map(run.events.filter((f) => f.frame.type === 'tool_completed').map((f) => [f.frame.data.tool_call_id, f.frame.data.result]));
  const calls = run.events.filter((f) => f.frame.type === 'tool_executing').map((f) => f.frame.data);
  if (calls.length === 0) throw new Error(`Expected the ${run.agent} to use its tools; events: ${run.describe()}`);
  for (const call of calls) {
    const want = expected[call.tool_name];
    if (!want) throw new Error(`The ${run.agent} used a tool the platform does not have: ${call.tool_name}`);
    const parameters = want();
    if (call.tool_name === 'report_generator') {
      // The report generator is asked for the sections it then writes, each by a name.
      const sections = call.parameters?.sections;
      const written = answers.get(call.tool_call_id)?.section_count;
      if (!Array.isArray(sections) || sections.length !== written || !sections.every((name: unknown) => typeof name === 'string' && name !== '')) {
        throw new Error(`Expected report_generator to be asked for the ${written} sections it wrote, each by name; it was asked for ${JSON.stringify(sections)}`);
      }
    }
    if (parameters !== undefined && !isDeepStrictEqual(call.parameters, parameters)) {
      throw new Error(`Expected ${call.tool_name} to be asked about ${JSON.stringify(parameters)}; it was asked about ${JSON.stringify(call.parameters)}`);
    }
  }
}

/** Progress rises stage by stage, each stage named, to `upTo` percent; 0 means no progress at all. */
export function expectProgressStages(run: AgentRun, upTo: number): void {
  const stages = run.events.filter((f) => f.frame.type === 'agent_progress').map((f) => f.frame.data as { percent: number; message: string });
  const said = stages.map((p) => `${p.percent}% ${p.message}`).join(', ') || 'no progress';
  if (upTo === 0) {
    if (stages.length) throw new Error(`Expected no progress stages from the ${run.agent}; it reported ${said}`);
    return;
  }
  const rising = stages.every((p, i) => i === 0 || p.percent > stages[i - 1].percent);
  const named = stages.every((p) => typeof p.message === 'string' && p.message.trim() !== '');
  if (stages.length < 2 || !rising || !named || stages.at(-1)!.percent !== upTo || stages[0].percent <= 0) {
    throw new Error(`Expected named progress stages rising to ${upTo}%; the ${run.agent} reported ${said}`);
  }
}

/** What each tool of the run answered, by tool name (the last answer where a tool was used twice). */
function toolAnswers(run: AgentRun): Record<string, unknown> {
  return Object.fromEntries(run.events.filter((f) => f.frame.type === 'tool_completed').map((f) => [f.frame.data.tool_name, f.frame.data.result]));
}

/**
 * The supervisor's combined answer carries, for each agent along the chain, exactly what that
 * agent's tools found: the classification, the log's analysis (or a note that there was none),
 * the cost analysis with its savings and how many recommendations, and the report.
 */
export function expectContributions(run: AgentRun, agents: string[]): void {
  const result = run.result ?? {};
  const found = toolAnswers(run);
  const contributions = result.contributions ?? {};
  const expected: Record<string, unknown> = {
    triage: found.request_classifier,
    data_analysis: found.usage_log_parser ?? { rows_processed: 0, analysis_summary: contributions.data_analysis?.analysis_summary },
    cost_optimizer: { cost_analysis: found.cost_analyzer, potential_savings: result.potential_savings, recommendation_count: result.strategic_recommendations?.length },
    reporting: found.report_generator,
  };
  for (const agent of agents) {
    if (!contributions[agent] || !isDeepStrictEqual(contributions[agent], expected[agent])) {
      throw new Error(`Expected the combined answer to carry what the ${agent} found, ${JSON.stringify(expected[agent]).slice(0, 400)}; it carries ${JSON.stringify(contributions[agent]).slice(0, 400)}`);
    }
  }
  if (!found.usage_log_parser && !/no usage log/i.test(String(contributions.data_analysis?.analysis_summary))) {
    throw new Error(`Expected the combined answer to say no usage log was attached; it says ${JSON.stringify(contributions.data_analysis)}`);
  }
  if (!isDeepStrictEqual(result.cost_analysis, found.cost_analyzer) || !isDeepStrictEqual(result.performance_metrics, found.latency_analyzer)) {
    throw new Error(`Expected the combined cost analysis and performance to be what the cost and latency analyzers found; they are ${JSON.stringify({ cost_analysis: result.cost_analysis, performance_metrics: result.performance_metrics }).slice(0, 400)}`);
  }
}

/**
 * The triage agent's judgement: a cost optimization request, with data sufficient (a usage log
 * and stated figures), partial (one of them) or insufficient (neither); figures are a
 * structured workload or any number in the question.
 */
export function expectTriage(run: AgentRun, judgement: string): void {
  const context = run.request.context ?? {};
  const hasLog = Array.isArray(context.files) && context.files.length > 0;
  const hasFigures = context.workload !== undefined || /\d/.test(run.request.user_request);
  const expected = { category: 'cost_optimization', data_sufficiency: judgement, has_usage_log: hasLog, has_workload: hasFigures, summary: `This is a cost optimization request; the data is ${judgement}.` };
  const { category, data_sufficiency, has_usage_log, has_workload, summary } = run.result ?? {};
  if (!isDeepStrictEqual({ category, data_sufficiency, has_usage_log, has_workload, summary }, expected)) throw new Error(`Expected the triage agent to judge ${JSON.stringify(expected)}; it judged ${JSON.stringify(run.result)}`);
}

/** The written report, from the reporting agent or inside the supervisor's combined answer. */
function reportOf(run: AgentRun): { report_content: string; section_count: number } {
  const result = run.result ?? {};
  const report = result.report_content !== undefined ? result : result.contributions?.reporting;
  if (typeof report?.report_content !== 'string') throw new Error(`Expected a written report in the ${run.agent}'s answer; it has ${Object.keys(result).join(', ') || 'nothing'}`);
  return report;
}

/** The report's sections, by heading, in order; the section count it states agrees. */
export function expectReportSections(run: AgentRun, headings: string[]): void {
  const report = reportOf(run);
  const found = [...report.report_content.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  if (!isDeepStrictEqual(found, headings) || report.section_count !== headings.length) {
    throw new Error(`Expected a report of ${headings.length} sections, ${headings.join(', ')}; it has ${report.section_count} by its count and these headings: ${found.join(', ') || 'none'}`);
  }
  // The report generator was asked, as the customer watched, for exactly these sections in this order (by a word of each heading).
  const call = run.events.find((f) => f.frame.type === 'tool_executing' && f.frame.data?.tool_name === 'report_generator');
  const asked: unknown = call?.frame.data?.parameters?.sections;
  const matches = Array.isArray(asked) && asked.length === headings.length && asked.every((name, i) => typeof name === 'string' && name !== '' && headings[i].toLowerCase().includes(name));
  if (!matches) throw new Error(`Expected the report generator to be asked for the sections ${headings.join(', ')}, in that order; it was asked for ${JSON.stringify(asked)}`);
}

/** What one section of the report says, under its heading. */
function section(run: AgentRun, heading: string): string {
  const content = reportOf(run).report_content;
  const match = new RegExp(`(?:^|\\n)## ${heading}\\n([\\s\\S]*?)(?=\\n\\n## |$)`).exec(content);
  if (!match) throw new Error(`Expected the report to have a section "${heading}"; it reads:\n${content}`);
  return match[1];
}

/** The report's spend, savings, recommendations (in order, each with its worth) and typical wait. */
export function expectReportFigures(run: AgentRun, figures: { spend: number; saving: number; percent: number; recommendations: [string, number][]; waitMs: number }): void {
  const expected = {
    'Current spend': `${dollars(figures.spend)} a month.`,
    Savings: `${dollars(figures.saving)} a month (${figures.percent}%).`,
    Recommendations: figures.recommendations.map(([title, worth], i) => `${i + 1}. ${title}: ${dollars(worth)} a month`).join('\n') || 'None worth making.',
    Performance: `A typical request waits about ${figures.waitMs} ms.`,
  };
  for (const [heading, says] of Object.entries(expected)) {
    const said = section(run, heading);
    if (said !== says) throw new Error(`Expected the report's ${heading} to say "${says}"; it says "${said}"`);
  }
}

/** A conversation a question started is named after the question's first 80 characters. */
export async function expectNamedAfterQuestion(owner: Actor, run: AgentRun): Promise<void> {
  await completedResult(run, DEADLINES.slowRun);
  const thread = expectStatus(await owner.api.thread(owner.accessToken, run.threadId!), 200, `Reading ${owner.name}'s conversation`).body;
  const expected = run.request.user_request.slice(0, 80);
  if (thread.title !== expected) throw new Error(`Expected the conversation to be named "${expected}"; it is named "${thread.title}"`);
}

/** An impossible workload through the API: 422 INVALID_WORKLOAD, naming the figure. */
export function expectApiRefusedWorkload(answer: HttpResponse | undefined, field: string): void {
  if (answer?.status !== 422 || answer.body?.code !== 'INVALID_WORKLOAD' || !String(answer.body?.detail).includes(field)) {
    throw new Error(`Expected the API to refuse the workload with 422 INVALID_WORKLOAD, naming ${field}; ${answer?.call} answered ${answer?.status}: ${JSON.stringify(answer?.body).slice(0, 300)}`);
  }
}

/** A run through the API that the agent could not serve: the answer says it failed, and why. */
export function expectApiRunFailed(answer: HttpResponse | undefined, mentions: string): void {
  const body = answer?.body;
  if (answer?.status !== 200 || body?.status !== 'failed' || !body.response?.error_code || !String(body.response?.error_message).includes(mentions)) {
    throw new Error(`Expected the API to answer that the run failed, with a reason mentioning "${mentions}"; ${answer?.call} answered ${answer?.status}: ${JSON.stringify(body).slice(0, 300)}`);
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
  const answer = await run.socket.waitFor(`an answer about the agent "${name}"`, (f) => f.type === 'error_message' || (f.type === 'agent_started' && f.data?.request_id === run.requestId), DEADLINES.reply, run.firstFrame);
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

/** Each day of the trend with its requests across every model: "2024-06-01 3,000, 2024-06-02 3,700". */
export function expectDailyRequests(result: any, trend: string): void {
  const reads = (result?.trend_data ?? []).map((p: { date: string; requests: number }) => `${p.date} ${Number(p.requests).toLocaleString('en-US')}`).join(', ');
  if (reads !== trend) throw new Error(`Expected the daily requests "${trend}"; the analysis reads "${reads}"`);
}

/** While storage cannot be reached, a question over the API is refused as unavailable (503 STORAGE_UNAVAILABLE), not as the customer's mistake. */
export async function expectQuestionsUnavailable(session: Actor): Promise<void> {
  const workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 2_000_000, avg_input_tokens: 1000, avg_output_tokens: 500 };
  const answer = await session.api.execute(session.accessToken, { type: 'cost_optimizer', message: costQuestion(workload), context: { workload } });
  if (answer.status !== 503 || answer.body?.code !== 'STORAGE_UNAVAILABLE') throw new Error(`Expected the API to refuse a question with 503 STORAGE_UNAVAILABLE while the database is away; ${answer.call} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
}

/** The named recommendation is offered, and its description says these words. */
export function expectRecommendationSays(result: any, owner: string, title: string, words: string): void {
  const found = (result?.recommendations ?? []).find((r: { title: string }) => r.title === title);
  if (!found || !String(found.description).includes(words)) throw new Error(`Expected "${title}" to tell ${owner} "${words}"; it says: ${found ? `"${found.description}"` : 'nothing, as it was not offered'}`);
}

/** The API refuses the request with 422 UNKNOWN_AGENT, naming the agent it does not know. */
export function expectApiNoSuchAgent(answer: HttpResponse | undefined, name: string): void {
  if (answer?.status !== 422 || answer.body?.code !== 'UNKNOWN_AGENT' || !String(answer.body?.detail).includes(name)) {
    throw new Error(`Expected the API to refuse with 422 UNKNOWN_AGENT, naming "${name}"; ${answer?.call} answered ${answer?.status}: ${answer?.text.slice(0, 200)}`);
  }
}

/** The current monthly spend, to the cent. */
export function expectCurrentSpend(result: any, owner: string, amount: number): void {
  const told = result?.cost_analysis?.current_monthly_cost;
  if (!sameAmount(told, amount)) throw new Error(`Expected ${owner} to be told a current spend of ${dollars(amount)} a month; the agent said ${typeof told === 'number' ? dollars(told) : JSON.stringify(told)}`);
}

/** A saving of at least this much a month, and never nothing. */
export function expectSavingsOfAtLeast(result: any, owner: string, amount: number): void {
  const offered = result?.potential_savings?.monthly_amount;
  if (typeof offered !== 'number' || offered <= 0 || offered < amount) {
    throw new Error(`Expected ${owner} to be offered at least ${dollars(amount)} a month (and more than nothing); the agent offered ${typeof offered === 'number' ? dollars(offered) : JSON.stringify(offered)}`);
  }
}

/** Nothing offered and no recommendations: the honest answer when no option is worth making. */
export function expectNoMeaningfulSaving(result: any, owner: string): void {
  const offered = result?.potential_savings?.monthly_amount;
  if (offered !== 0 || (result?.recommendations ?? []).length !== 0) {
    throw new Error(`Expected ${owner} to be told there is no meaningful saving (nothing offered, no recommendations); the agent offered ${JSON.stringify(offered)} with ${(result?.recommendations ?? []).map((r: { title: string }) => r.title).join('; ') || 'no recommendations'}`);
  }
}

/** The answer's own words say there is no meaningful saving. */
export function expectSummarySaysNoMeaningfulSaving(result: any): void {
  if (!/no meaningful saving/i.test(String(result?.summary))) throw new Error(`Expected the answer to say there is no meaningful saving; it says "${result?.summary}"`);
}

/** The first recommendation (a supervisor's are strategic ones) has this title. */
export function expectTopRecommendation(result: any, owner: string, title: string): void {
  const top = (result?.recommendations ?? result?.strategic_recommendations ?? [])[0]?.title;
  if (top !== title) throw new Error(`Expected ${owner}'s top recommendation to be "${title}"; it is "${top ?? 'none'}"`);
}

export function expectConfidenceScore(result: any): void {
  const score = result?.confidence_score;
  if (typeof score !== 'number' || score < 0 || score > 1) throw new Error(`Expected a confidence score between 0 and 1; the answer gives ${JSON.stringify(score)}`);
}

/** A complete answer states no limitations, and says whether the template or a model worded it. */
export function expectCompleteAnswer(result: any): void {
  if (result?.limitations !== undefined) throw new Error(`Expected a complete answer with no limitations; it states ${JSON.stringify(result.limitations)}`);
  if (!['template', 'model'].includes(result?.wording?.source)) throw new Error(`Expected the answer to say whose words it is in (the template's or a model's); its wording is ${JSON.stringify(result?.wording)}`);
}

/** Someone without the right to run agents is refused with PERMISSION_DENIED before any run starts. */
export async function expectMayNotRunAgents(owner: string, run: AgentRun): Promise<void> {
  const answer = await run.socket.waitFor('a refusal of the run', (f) => f.type === 'error_message' || (f.type === 'agent_started' && f.data?.request_id === run.requestId), DEADLINES.reply, run.firstFrame);
  if (answer.frame.type !== 'error_message' || answer.frame.error_code !== 'PERMISSION_DENIED') {
    throw new Error(`Expected ${owner}'s request to be refused with PERMISSION_DENIED; received: ${run.describe() || answer.frame.type}`);
  }
}

export function expectSameConnection(owner: string, earlier: AgentRun | undefined, latest: AgentRun): void {
  if (!earlier || earlier.socket !== latest.socket) throw new Error(`Expected ${owner}'s two requests to share one chat connection.`);
}

export function expectAtLeastUpdates(run: AgentRun, count: number): void {
  if (run.events.length < count) throw new Error(`Expected at least ${count} events; received ${run.events.length}: ${run.describe()}`);
}

/** A stopped run ends in agent_cancelled within this long of the stop, and is well formed to its end. */
export async function expectCancelledWithin(run: AgentRun, seconds: number): Promise<void> {
  const terminal = await run.finished(seconds * 1000);
  if (terminal.frame.type !== 'agent_cancelled' || terminal.at - run.interruptedAt! > seconds * 1000) {
    throw new Error(`Expected agent_cancelled within ${seconds} s of the stop; got ${terminal.frame.type} after ${terminal.at - run.interruptedAt!} ms`);
  }
  expectWellFormedRun(run);
}

/** agent_cancelled is the last event received. Returns how many events were received, for the stored record to match. */
export function expectCancellationLast(run: AgentRun): number {
  const events = run.events;
  if (events.at(-1)?.frame.type !== 'agent_cancelled') throw new Error(`Expected agent_cancelled to be the last event of the analysis; received: ${run.describe()}`);
  return events.length;
}

/** The stored events end with agent_cancelled and are as many as were received: nothing was recorded after the cancellation. */
export async function expectStoredEndingInCancellation(probe: DatabaseProbe, run: AgentRun, received: number): Promise<void> {
  const stored = await probe.runEvents(run.runId!);
  if (stored.at(-1)?.type !== 'agent_cancelled' || stored.length !== received) {
    throw new Error(`Expected the stored events to end with agent_cancelled, as received; stored ${stored.map((e) => `${e.seq}:${e.type}`).join(', ')}`);
  }
}

export async function expectStoredAsCancelled(owner: Actor, run: AgentRun): Promise<void> {
  const stored = expectStatus(await owner.api.run(owner.accessToken, run.runId!), 200, `Reading ${owner.name}'s cancelled run`).body;
  if (stored.status !== 'cancelled') throw new Error(`Expected run ${run.runId} to be stored as cancelled; it is ${stored.status}`);
}

/** The follow-up went to the same thread, and the conversation holds both requests, in the order asked. */
export async function expectFollowUpInConversation(owner: Actor, earlier: AgentRun, latest: AgentRun): Promise<void> {
  if (earlier.threadId !== latest.threadId) throw new Error(`Expected the follow-up in thread ${earlier.threadId}; it went to ${latest.threadId}`);
  const { messages } = expectStatus(await owner.api.messages(owner.accessToken, latest.threadId!), 200, `Reading ${owner.name}'s conversation`).body as { messages: { role: string; content: string; run_id: string }[] };
  const asked = messages.filter((m) => m.role === 'user').map((m) => m.run_id);
  if (asked.join(',') !== [earlier.runId, latest.runId].join(',')) throw new Error(`Expected both of ${owner.name}'s requests in the conversation, in order; it holds requests of runs ${asked.join(', ')}`);
}

/** The API's answer carries the same figures, part by part, as the streamed one. */
export function expectSameFiguresAsStreamed(answer: HttpResponse | undefined, streamed: any): void {
  const body = expectStatus(answer!, 200, 'Running the agent through the API').body;
  for (const part of ['cost_analysis', 'potential_savings', 'recommendations', 'confidence_score']) {
    if (!isDeepStrictEqual(body.response?.[part], streamed[part])) {
      const show = (value: unknown) => redact(JSON.stringify(value) ?? 'nothing').slice(0, 300);
      throw new Error(`Expected the API's ${part} to equal the streamed one; API: ${show(body.response?.[part])}; streamed: ${show(streamed[part])}`);
    }
  }
}

export function expectRowsProcessed(result: any, rows: number): void {
  if (result?.rows_processed !== rows) throw new Error(`Expected ${rows} rows processed; the analysis says ${result?.rows_processed}`);
}

/** The log's total cost, to the cent, in the figures and in an insight. */
export function expectLogTotalCost(result: any, amount: number): void {
  if (!sameAmount(result?.totals?.cost, amount) || !result.key_insights?.some((i: string) => i.includes(dollars(amount)))) {
    throw new Error(`Expected a total cost of ${dollars(amount)} in the analysis and its insights; it says ${result?.totals?.cost} and ${JSON.stringify(result?.key_insights)}`);
  }
}

/** The model first by cost, in the figures and named in an insight. */
export function expectMostExpensiveModel(result: any, provider: string, model: string): void {
  const top = result?.by_model?.[0];
  if (top?.provider !== provider || top?.model !== model || !result.key_insights?.some((i: string) => i.includes(`${provider} ${model}`))) {
    throw new Error(`Expected ${provider} ${model} to be named the most expensive model; the analysis names ${top?.provider} ${top?.model}`);
  }
}

/** Each day of the trend with its cost: "2024-06-01 $41.00, 2024-06-02 $45.50". */
export function expectDailyCostTrend(result: any, trend: string): void {
  const reads = (result?.trend_data ?? []).map((p: { date: string; cost: number }) => `${p.date} ${dollars(p.cost)}`).join(', ');
  if (reads !== trend) throw new Error(`Expected the daily trend "${trend}"; the analysis reads "${reads}"`);
}

export function expectTypicalLatency(result: any, owner: string, tokens: number, ms: number): void {
  const metrics = result?.performance_metrics ?? {};
  if (metrics.expected_latency_ms !== ms || metrics.tokens_per_request !== tokens) throw new Error(`Expected ${owner} to be told a typical request of ${tokens} tokens waits ${ms} ms; the answer says ${JSON.stringify(metrics)}`);
}

/** The report's figures and its recommendations (a table of recommendation and what it is worth a month). */
export async function expectReportSays(actor: Actor, deadlineMs: number, figures: { spend: number; saving: number; percent: number; waitMs: number }, table: DataTable): Promise<void> {
  const run = await answeredRun(actor, deadlineMs);
  const recommendations = table.hashes().map((row): [string, number] => {
    const worth = row['worth a month'] ?? '';
    // money('') is 0: an empty cell would expect a recommendation worth nothing instead of saying what is missing.
    if (!/\d/.test(worth) || Number.isNaN(money(worth))) throw new Error(`The recommendation "${row.recommendation}" needs an amount in the "worth a month" column, like "$1,250"; it has "${worth}".`);
    return [row.recommendation, money(worth)];
  });
  expectReportFigures(run, { ...figures, recommendations });
}
