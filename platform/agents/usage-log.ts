import { parse } from 'csv-parse/sync';
import { AgentFailure } from './agent-failure';
import { cents, dollars } from './cost-optimizer';
import type { Workload } from './price-catalogue';

/** A CSV usage log, one row per provider, model and day, as customers export it from their gateway. */
export const USAGE_LOG_COLUMNS = ['date', 'provider', 'model', 'requests', 'input_tokens', 'output_tokens', 'cost'] as const;
const NUMERIC = ['requests', 'input_tokens', 'output_tokens', 'cost'] as const;

export interface UsageRow {
  date: string;
  provider: string;
  model: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost: number;
}

export interface AttachedFile {
  name?: string;
  media_type?: string;
  content?: string;
}

export function usageLogFrom(context: Record<string, unknown>): AttachedFile | undefined {
  const files = Array.isArray(context.files) ? (context.files as AttachedFile[]) : [];
  // Stryker disable next-line StringLiteral: equivalent, a missing name or type reads as no text; any stand-in without "csv" in it reads the same
  const text = (value?: string) => value ?? '';
  return files.find((f) => text(f.media_type).includes('csv') || text(f.name).toLowerCase().endsWith('.csv')) ?? files[0];
}

/** The usage log parser tool. Every refusal names the file, and the row or column to fix. */
export function parseUsageLog(file: AttachedFile): UsageRow[] {
  // Stryker disable next-line StringLiteral: how a refusal names a file sent without a name (one with a name is named: AGENT-02)
  const name = file.name ?? 'the usage log';
  const content = typeof file.content === 'string' ? file.content : '';
  // Stryker disable next-line StringLiteral: the wording of the header the refusal quotes
  const expectedHeader = USAGE_LOG_COLUMNS.join(',');
  if (content.trim() === '') throw new AgentFailure('UNREADABLE_FILE', `${name} is empty: attach a CSV with the header ${expectedHeader} and at least one row.`);
  let records: string[][];
  try {
    records = parse(content, { skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new AgentFailure('UNREADABLE_FILE', `${name} is not valid CSV (${(error as Error).message}).`);
  }
  const header = records[0].map((h) => h.toLowerCase());
  const missing = USAGE_LOG_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    // Stryker disable next-line StringLiteral: the wording of the columns the refusal lists
    const columns = USAGE_LOG_COLUMNS.join(', ');
    throw new AgentFailure('UNREADABLE_FILE', `The header of ${name} has no ${missing[0]} column; it must name ${columns}.`);
  }
  if (records.length < 2) throw new AgentFailure('UNREADABLE_FILE', `${name} has a header but no rows: attach at least one day of usage.`);
  return records.slice(1).map((record, i) => {
    // Stryker disable next-line StringLiteral: unreachable, the parser refuses a row with fewer cells than the header (relax_column_count: false)
    const cell = (column: string) => record[header.indexOf(column)] ?? '';
    const row: Record<string, string | number> = { date: cell('date'), provider: cell('provider').toLowerCase(), model: cell('model').toLowerCase() };
    for (const column of NUMERIC) {
      const value = Number(cell(column).replace(/[$,]/g, ''));
      if (cell(column) === '' || !Number.isFinite(value) || value < 0) {
        throw new AgentFailure('UNREADABLE_FILE', `Row ${i + 1} of ${name} has "${cell(column)}" in the ${column} column, which is not a number of zero or more.`);
      }
      row[column] = value;
    }
    return row as unknown as UsageRow;
  });
}

export interface UsageAnalysis {
  rows_processed: number;
  analysis_summary: string;
  key_insights: string[];
  trend_data: { date: string; cost: number; requests: number }[];
  totals: { cost: number; requests: number; input_tokens: number; output_tokens: number };
  by_model: { provider: string; model: string; cost: number; requests: number }[];
}

export function analyseUsage(rows: UsageRow[]): UsageAnalysis {
  const byDate = new Map<string, { cost: number; requests: number }>();
  const byModel = new Map<string, { provider: string; model: string; cost: number; requests: number }>();
  const totals = { cost: 0, requests: 0, input_tokens: 0, output_tokens: 0 };
  for (const row of rows) {
    const day = byDate.get(row.date) ?? { cost: 0, requests: 0 };
    day.cost += row.cost;
    day.requests += row.requests;
    byDate.set(row.date, day);
    const key = `${row.provider} ${row.model}`;
    const model = byModel.get(key) ?? { provider: row.provider, model: row.model, cost: 0, requests: 0 };
    model.cost += row.cost;
    model.requests += row.requests;
    byModel.set(key, model);
    totals.cost += row.cost;
    totals.requests += row.requests;
    totals.input_tokens += row.input_tokens;
    totals.output_tokens += row.output_tokens;
  }
  totals.cost = cents(totals.cost);
  const trend = [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, d]) => ({ date, cost: cents(d.cost), requests: d.requests }));
  const models = [...byModel.values()].map((m) => ({ ...m, cost: cents(m.cost) })).sort((a, b) => b.cost - a.cost);
  const top = models[0];
  const [first, last] = [trend[0], trend[trend.length - 1]];
  const peak = trend.reduce((a, b) => (b.cost > a.cost ? b : a));
  const percent = first.cost > 0 ? Math.round(((last.cost - first.cost) / first.cost) * 1000) / 10 : 0;
  // A rise from a day that cost nothing has no percentage; it is new spend.
  const change = first.cost === 0 && last.cost > 0 ? 'up from nothing' : `${percent >= 0 ? '+' : ''}${percent}%`;
  const share = totals.cost > 0 ? Math.round((top.cost / totals.cost) * 1000) / 10 : 0;
  return {
    rows_processed: rows.length,
    analysis_summary: `${rows.length} rows from ${first.date} to ${last.date}: ${dollars(totals.cost)} over ${totals.requests.toLocaleString('en-US')} requests; ${top.provider} ${top.model} is ${share}% of the cost.`,
    key_insights: [
      `Total cost ${dollars(totals.cost)} over ${totals.requests.toLocaleString('en-US')} requests.`,
      `The most expensive model is ${top.provider} ${top.model}: ${dollars(top.cost)} (${share}% of the cost).`,
      `Daily cost went from ${dollars(first.cost)} on ${first.date} to ${dollars(last.cost)} on ${last.date} (${change}).`,
      `The busiest day by cost was ${peak.date} at ${dollars(peak.cost)}.`,
    ],
    trend_data: trend,
    totals,
    by_model: models,
  };
}

/** The workload the log implies: its most expensive model, at the log's daily rate over a 30-day month. */
export function workloadFromUsage(analysis: UsageAnalysis): Workload {
  const top = analysis.by_model[0];
  const days = Math.max(1, analysis.trend_data.length);
  const { requests, input_tokens: inTokens, output_tokens: outTokens } = analysis.totals;
  return {
    provider: top.provider,
    model: top.model,
    monthly_requests: Math.round((top.requests / days) * 30),
    avg_input_tokens: requests ? Math.round(inTokens / requests) : 0,
    avg_output_tokens: requests ? Math.round(outTokens / requests) : 0,
  };
}
