import { AgentFailure } from './agent-failure';
import { PRICE_CATALOGUE, Workload, cheapestAlternative, costPerRequest, priceOf } from './price-catalogue';

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

const cents = (amount: number) => Math.round(amount * 100) / 100;
const dollars = (amount: number) => `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export interface Recommendation {
  title: string;
  description: string;
  cost_impact: { monthly_amount: number };
  implementation_steps: string[];
  effort: 'low' | 'medium' | 'high';
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
  limitations?: string[];
}

export function checkWorkload(workload: unknown): Workload {
  const w = (workload ?? {}) as Partial<Workload>;
  if (typeof w.provider !== 'string' || typeof w.model !== 'string') {
    throw new AgentFailure('MISSING_WORKLOAD', 'Tell us the provider and model you use (for example openai gpt-4o), with your monthly requests and average input and output tokens.');
  }
  for (const field of ['monthly_requests', 'avg_input_tokens', 'avg_output_tokens'] as const) {
    if (typeof w[field] !== 'number' || !Number.isFinite(w[field]) || (w[field] as number) < 0) {
      throw new AgentFailure('MISSING_WORKLOAD', `The workload's ${field} must be a number of zero or more; it was ${JSON.stringify(w[field])}.`);
    }
  }
  if (!PRICE_CATALOGUE[w.provider.toLowerCase()]) {
    throw new AgentFailure('UNKNOWN_PROVIDER', `We have no prices for the provider "${w.provider}"; we know ${Object.keys(PRICE_CATALOGUE).join(', ')}.`);
  }
  if (!priceOf(w.provider, w.model)) {
    throw new AgentFailure('UNKNOWN_MODEL', `We have no prices for ${w.provider} "${w.model}"; we know ${Object.keys(PRICE_CATALOGUE[w.provider.toLowerCase()]).join(', ')}.`);
  }
  return w as Workload;
}

/** What the cost analyzer tool returns: the current spend, from the catalogue. */
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

export function optimise(workload: Workload, analysis: CostAnalysis): CostOptimization {
  const { provider, model, monthly_requests: requests, avg_input_tokens: inTokens, avg_output_tokens: outTokens } = workload;
  const price = priceOf(provider, model)!;
  const candidates: Recommendation[] = [];

  let keptRequests = requests;
  const cheapest = cheapestAlternative(provider, inTokens, outTokens);
  if (cheapest.model !== model.toLowerCase()) {
    const routed = requests * ROUTABLE_SHARE;
    keptRequests = requests - routed;
    candidates.push({
      title: `Route routine requests to ${cheapest.model}`,
      description: `About ${ROUTABLE_SHARE * 100}% of requests are routine enough for ${cheapest.model}, which costs ${dollars(costPerRequest(cheapest.price, inTokens, outTokens) * 1000)} per thousand requests instead of ${dollars(analysis.cost_per_request * 1000)}.`,
      cost_impact: { monthly_amount: cents(routed * (analysis.cost_per_request - costPerRequest(cheapest.price, inTokens, outTokens))) },
      implementation_steps: ['Classify requests by complexity at the gateway', `Send the routine class to ${cheapest.model}`, 'Compare answer quality on a sample for two weeks'],
      effort: 'medium',
    });
  }

  const keptInputCost = (keptRequests * inTokens * price.input) / 1_000_000;
  const caching = keptInputCost * CACHEABLE_INPUT_SHARE * CACHE_DISCOUNT;
  candidates.push({
    title: 'Cache repeated prompt prefixes',
    description: `System prompts and shared context make up about ${CACHEABLE_INPUT_SHARE * 100}% of input tokens; cached tokens are billed at ${CACHE_DISCOUNT * 100}% off.`,
    cost_impact: { monthly_amount: cents(caching) },
    implementation_steps: ['Move static instructions to the start of every prompt', 'Turn on the provider\'s prompt caching', 'Watch the cache hit rate in the usage dashboard'],
    effort: 'low',
  });

  const keptCost = keptRequests * analysis.cost_per_request - caching;
  candidates.push({
    title: 'Batch requests that can wait',
    description: `About ${BATCHABLE_SHARE * 100}% of the remaining work (reports, back-fills) can run through the batch API at ${BATCH_DISCOUNT * 100}% off.`,
    cost_impact: { monthly_amount: cents(keptCost * BATCHABLE_SHARE * BATCH_DISCOUNT) },
    implementation_steps: ['Tag jobs that tolerate a 24-hour turnaround', 'Submit them through the batch API', 'Collect results on completion'],
    effort: 'low',
  });

  const recommendations = candidates.filter((r) => r.cost_impact.monthly_amount >= MATERIAL_MONTHLY_SAVING);
  const saving = cents(recommendations.reduce((sum, r) => sum + r.cost_impact.monthly_amount, 0));
  const percent = analysis.current_monthly_cost > 0 ? Math.round((saving / analysis.current_monthly_cost) * 1000) / 10 : 0;
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
