import { Violation, violation } from './violations';

/**
 * Checks a JSON schema cannot state that apply to answers and frames alike. Each takes the whole
 * body or frame as `root`, so a violation can show the value it points at.
 */

/** The platform rounds the percent to one decimal place (platform/agents/cost-optimizer.ts), so it may be off by half of 0.1. */
const PERCENT_ROUNDING = 0.05 + 1e-9;

/**
 * Every object in the answer that states both a current cost and a saving: the saving's percent
 * is monthly_amount / current_monthly_cost × 100 (zero when nothing is spent).
 */
export function savingsViolations(subject: string, root: unknown, from: unknown, path: string): Violation[] {
  const found: Violation[] = [];
  const visit = (value: any, at: string) => {
    if (!value || typeof value !== 'object') return;
    const cost = value.cost_analysis?.current_monthly_cost;
    const { monthly_amount: amount, percent } = value.potential_savings ?? {};
    if ([cost, amount, percent].every((n) => typeof n === 'number')) {
      const expected = cost > 0 ? (amount / cost) * 100 : 0;
      if (Math.abs(percent - expected) > PERCENT_ROUNDING) {
        found.push(violation(subject, root, `${at}/potential_savings/percent`, `percent is monthly_amount / current_monthly_cost × 100 = ${amount} / ${cost} × 100 = ${expected.toFixed(2)}, to one decimal place`));
      }
    }
    for (const [key, child] of Object.entries(value)) visit(child, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  visit(from, path);
  return found;
}

/** Words that give away a stack trace or the server's files (section 8: none ever reaches a client). */
const INTERNALS = /\n\s+at\s|\bat\s+[\w.<>]+\s+\([^)]*:\d+:\d+\)|node_modules|Traceback \(most recent call last\)|[\w/-]+\.(?:ts|js|py):\d+/;

export function leakViolations(subject: string, root: unknown, path: string, text: unknown): Violation[] {
  return typeof text === 'string' && INTERNALS.test(text) ? [violation(subject, root, path, 'says nothing of the server\'s internals (no stack trace or source path, section 8)')] : [];
}
