/**
 * US dollars per million tokens, and a typical generation speed. Fixed, so every figure an
 * agent gives can be recomputed by hand.
 */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Milliseconds before the first token, and per output token, for the latency estimate. */
export const LATENCY: Record<string, { firstTokenMs: number; perOutputTokenMs: number }> = {
  'gpt-4-turbo': { firstTokenMs: 600, perOutputTokenMs: 30 },
  'gpt-4o': { firstTokenMs: 400, perOutputTokenMs: 12 },
  'gpt-3.5-turbo': { firstTokenMs: 300, perOutputTokenMs: 8 },
  'gpt-4o-mini': { firstTokenMs: 300, perOutputTokenMs: 7 },
  'claude-3-opus': { firstTokenMs: 900, perOutputTokenMs: 35 },
  'claude-3-5-sonnet': { firstTokenMs: 500, perOutputTokenMs: 14 },
  'claude-3-haiku': { firstTokenMs: 300, perOutputTokenMs: 6 },
  'gemini-1.5-pro': { firstTokenMs: 500, perOutputTokenMs: 12 },
  'gemini-1.5-flash': { firstTokenMs: 250, perOutputTokenMs: 5 },
};

export const PRICE_CATALOGUE: Record<string, Record<string, ModelPrice>> = {
  // Each provider's cheapest model is listed first, so finding it is the search's work, not the order's.
  openai: {
    'gpt-4o-mini': { input: 0.15, output: 0.6 },
    'gpt-4-turbo': { input: 10, output: 30 },
    'gpt-4o': { input: 2.5, output: 10 },
    'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  },
  anthropic: {
    'claude-3-haiku': { input: 0.25, output: 1.25 },
    'claude-3-opus': { input: 15, output: 75 },
    'claude-3-5-sonnet': { input: 3, output: 15 },
  },
  google: {
    'gemini-1.5-flash': { input: 0.075, output: 0.3 },
    'gemini-1.5-pro': { input: 1.25, output: 5 },
  },
};

export interface Workload {
  provider: string;
  model: string;
  monthly_requests: number;
  avg_input_tokens: number;
  avg_output_tokens: number;
}

/** Looked up as data: "constructor" or "__proto__" is a name like any other, not a property of every object. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The models a provider offers, by lower-case name; undefined for a provider the catalogue lacks. */
export function providerModels(provider: string): Record<string, ModelPrice> | undefined {
  return own(PRICE_CATALOGUE, provider.toLowerCase());
}

export function priceOf(provider: string, model: string): ModelPrice | undefined {
  const models = providerModels(provider);
  return models && own(models, model.toLowerCase());
}

export function costPerRequest(price: ModelPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}

/** The cheapest model the same provider offers for the same token mix. */
export function cheapestAlternative(provider: string, inputTokens: number, outputTokens: number): { model: string; price: ModelPrice } {
  const models = Object.entries(providerModels(provider) ?? {});
  const [model, price] = models.reduce((best, next) =>
    // Stryker disable next-line EqualityOperator: equivalent, no two models of a provider cost the same
    costPerRequest(next[1], inputTokens, outputTokens) < costPerRequest(best[1], inputTokens, outputTokens) ? next : best);
  return { model, price };
}
