import { AgentFailure } from './agent-failure';
import { LATENCY, PRICE_CATALOGUE, Workload, cheapestAlternative, costPerRequest, priceOf, providerModels } from './price-catalogue';

/**
 * The savings model, stated once so a reader can redo the arithmetic:
 * - routing: ROUTABLE_SHARE of requests can go to the provider's cheapest model;
 * - prompt caching: CACHEABLE_INPUT_SHARE of the remaining input tokens are billed at CACHE_DISCOUNT off;
 * - batching: BATCHABLE_SHARE of what is left runs through the batch API at BATCH_DISCOUNT off.
 * Each step applies to the cost the previous steps left, so the impacts add up to the total saving.
 * A recommendation worth less than MATERIAL_MONTHLY_SAVING is not made: inventing savings is worse than none.
 */
export const ROUTABLE_SHARE = 0.6;
export const CACHEABLE_INPUT_SHARE = 0.3;
export const CACHE_DISCOUNT = 0.5;
export const BATCHABLE_SHARE = 0.2;
export const BATCH_DISCOUNT = 0.5;
export const MATERIAL_MONTHLY_SAVING = 10;

export const cents = (amount: number) => Math.round(amount * 100) / 100;
export const dollars = (amount: number) => `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export interface Recommendation {
  title: string;
  description: string;
  cost_impact: { monthly_amount: number };
  implementation_steps: string[];
  effort: 'low' | 'medium' | 'high';
  /** What a tool found that this recommendation rests on. */
  evidence?: Record<string, unknown>;
}

export interface CostAnalysis {
  current_monthly_cost: number;
  cost_per_request: number;
  breakdown: { input_tokens: number; output_tokens: number };
}

export interface CostOptimization {
  cost_analysis: CostAnalysis;
  potential_savings: { monthly_amount: number; percent: number };
  recommendations: Recommendation[];
  confidence_score: number;
  summary: string;
}

const PROVIDERS = Object.keys(PRICE_CATALOGUE);

/** The most a workload can plausibly have of each figure (contract section 8): beyond it the arithmetic stops meaning anything. */
const PLAUSIBLE = { monthly_requests: 1e12, avg_input_tokens: 1e7, avg_output_tokens: 1e7 };

/**
 * The workload from the structured context, or from figures stated in the text
 * ("2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens").
 */
export function workloadFrom(context: Record<string, unknown>, text: string): Workload | undefined {
  if (context.workload !== undefined) return checkWorkload(context.workload);
  const number = (pattern: RegExp) => {
    const match = pattern.exec(text);
    return match ? Number(match[1].replace(/,/g, '')) : undefined;
  };
  // A figure starts where no digit or comma comes before it: without the look-behind each digit of
  // a long run would start a match of its own, and a 64 KiB question of digits took seconds.
  const requests = number(/(?<![\d,])(\d[\d,]*)\s+requests/i);
  const input = number(/(?<![\d,])(\d[\d,]*)\s+input/i);
  const output = number(/(?<![\d,])(\d[\d,]*)\s+output/i);
  const named = /\bon\s+([\w-]+)\s+([\w.-]+)/i.exec(text);
  if (requests === undefined && input === undefined && output === undefined && !named) return undefined;
  return checkWorkload({ provider: named?.[1], model: named?.[2], monthly_requests: requests, avg_input_tokens: input, avg_output_tokens: output });
}

export function checkWorkload(workload: unknown): Workload {
  const w = (workload ?? {}) as Partial<Workload>;
  if (typeof w.provider === 'string' && !providerModels(w.provider)) {
    throw new AgentFailure('UNKNOWN_PROVIDER', `We have no prices for the provider "${w.provider}"; we know ${PROVIDERS.join(', ')}.`);
  }
  if (typeof w.provider !== 'string' || typeof w.model !== 'string') {
    throw new AgentFailure('MISSING_WORKLOAD', 'Tell us the provider and model you use (for example openai gpt-4o), with your monthly requests and average input and output tokens.');
  }
  if (!priceOf(w.provider, w.model)) {
    throw new AgentFailure('UNKNOWN_MODEL', `We have no prices for ${w.provider} "${w.model}"; we know ${Object.keys(providerModels(w.provider)!).join(', ')}.`);
  }
  for (const [field, most] of Object.entries(PLAUSIBLE) as [keyof typeof PLAUSIBLE, number][]) {
    const value: unknown = w[field];
    if (value === undefined || value === null) throw new AgentFailure('MISSING_WORKLOAD', `The workload has no ${field}: give it as a number from 0 to ${most.toLocaleString('en-US')}.`);
    if (typeof value !== 'number' || !(value >= 0 && value <= most)) {
      throw new AgentFailure(
        'INVALID_WORKLOAD',
        // Stryker disable next-line StringLiteral,ConditionalExpression,EqualityOperator: how the refusal quotes the figure it was given; its code and the field it names are specified (AGENT-05)
        `The workload's ${field} must be a number from 0 to ${most.toLocaleString('en-US')}; it was ${typeof value === 'number' ? value : JSON.stringify(value)}.`,
      );
    }
  }
  return { ...w, provider: w.provider.toLowerCase(), model: w.model.toLowerCase() } as Workload;
}

/** The cost analyzer tool: the current spend, from the catalogue. */
export function analyseCost(workload: Workload): CostAnalysis {
  const price = priceOf(workload.provider, workload.model)!;
  const input = (workload.monthly_requests * workload.avg_input_tokens * price.input) / 1_000_000;
  const output = (workload.monthly_requests * workload.avg_output_tokens * price.output) / 1_000_000;
  return {
    current_monthly_cost: cents(input + output),
    cost_per_request: costPerRequest(price, workload.avg_input_tokens, workload.avg_output_tokens),
    breakdown: { input_tokens: cents(input), output_tokens: cents(output) },
  };
}

/** Which requests can move to a cheaper model, and how many stay on the current one. */
export function routingPlan(workload: Workload, analysis: CostAnalysis): { keptRequests: number; recommendation?: Recommendation } {
  const { provider, model, monthly_requests: requests, avg_input_tokens: inTokens, avg_output_tokens: outTokens } = workload;
  const cheapest = cheapestAlternative(provider, inTokens, outTokens);
  if (cheapest.model === model) return { keptRequests: requests };
  const routed = requests * ROUTABLE_SHARE;
  const cheaperPerRequest = costPerRequest(cheapest.price, inTokens, outTokens);
  return {
    keptRequests: requests - routed,
    recommendation: {
      title: `Route routine requests to ${cheapest.model}`,
      description: `About ${ROUTABLE_SHARE * 100}% of requests are routine enough for ${cheapest.model}, which costs ${dollars(cheaperPerRequest * 1000)} per thousand requests instead of ${dollars(analysis.cost_per_request * 1000)}.`,
      cost_impact: { monthly_amount: cents(routed * (analysis.cost_per_request - cheaperPerRequest)) },
      implementation_steps: ['Classify requests by complexity at the gateway', `Send the routine class to ${cheapest.model}`, 'Compare answer quality on a sample for two weeks'],
      effort: 'medium',
    },
  };
}

/** The cache finder tool: input tokens that repeat across the requests that stay, and what caching them saves. */
export function findCacheSavings(workload: Workload, keptRequests: number): { cacheable_input_tokens: number; monthly_amount: number } {
  const price = priceOf(workload.provider, workload.model)!;
  const cacheable = keptRequests * workload.avg_input_tokens * CACHEABLE_INPUT_SHARE;
  return { cacheable_input_tokens: Math.round(cacheable), monthly_amount: cents(((cacheable * price.input) / 1_000_000) * CACHE_DISCOUNT) };
}

/** The latency analyzer tool: what a typical request of this workload waits. */
export function analyseLatency(workload: Workload): { expected_latency_ms: number; tokens_per_request: number; model: string } {
  // Stryker disable next-line ObjectLiteral: unreachable, every model in the price catalogue has latency figures
  const latency = LATENCY[workload.model] ?? { firstTokenMs: 500, perOutputTokenMs: 15 };
  return {
    model: workload.model,
    expected_latency_ms: Math.round(latency.firstTokenMs + workload.avg_output_tokens * latency.perOutputTokenMs),
    tokens_per_request: workload.avg_input_tokens + workload.avg_output_tokens,
  };
}

export function optimise(
  workload: Workload,
  analysis: CostAnalysis,
  routing: { keptRequests: number; recommendation?: Recommendation },
  caching: { cacheable_input_tokens: number; monthly_amount: number },
): CostOptimization {
  const candidates: Recommendation[] = routing.recommendation ? [routing.recommendation] : [];
  candidates.push({
    title: 'Cache repeated prompt prefixes',
    description: `System prompts and shared context make up about ${CACHEABLE_INPUT_SHARE * 100}% of input tokens; cached tokens are billed at ${CACHE_DISCOUNT * 100}% off.`,
    cost_impact: { monthly_amount: caching.monthly_amount },
    implementation_steps: ['Move static instructions to the start of every prompt', "Turn on the provider's prompt caching", 'Watch the cache hit rate in the usage dashboard'],
    effort: 'low',
    evidence: { ...caching },
  });
  const keptCost = routing.keptRequests * analysis.cost_per_request - caching.monthly_amount;
  candidates.push({
    title: 'Batch requests that can wait',
    description: `About ${BATCHABLE_SHARE * 100}% of the remaining work (reports, back-fills) can run through the batch API at ${BATCH_DISCOUNT * 100}% off.`,
    cost_impact: { monthly_amount: cents(keptCost * BATCHABLE_SHARE * BATCH_DISCOUNT) },
    implementation_steps: ['Tag jobs that tolerate a 24-hour turnaround', 'Submit them through the batch API', 'Collect results on completion'],
    effort: 'low',
  });

  const recommendations = candidates
    .filter((r) => r.cost_impact.monthly_amount >= MATERIAL_MONTHLY_SAVING)
    .sort((a, b) => b.cost_impact.monthly_amount - a.cost_impact.monthly_amount);
  const saving = cents(recommendations.reduce((sum, r) => sum + r.cost_impact.monthly_amount, 0));
  const percent = analysis.current_monthly_cost > 0 ? Math.round((saving / analysis.current_monthly_cost) * 1000) / 10 : 0;
  const { provider, model } = workload;
  const summary = recommendations.length
    ? `You spend ${dollars(analysis.current_monthly_cost)} a month on ${provider} ${model}; you can save ${dollars(saving)} a month (${percent}%). Start with: ${recommendations[0].title}.`
    : `You spend ${dollars(analysis.current_monthly_cost)} a month on ${provider} ${model}; there is no meaningful saving to make (every option is worth less than ${dollars(MATERIAL_MONTHLY_SAVING)} a month).`;

  return {
    cost_analysis: analysis,
    potential_savings: { monthly_amount: saving, percent },
    recommendations,
    confidence_score: 0.9,
    summary,
  };
}
