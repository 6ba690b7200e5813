import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfiguration, loadSources } from '@cucumber/cucumber/api';
import ArgvParser from '@cucumber/cucumber/lib/configuration/argv_parser';
import parseTagExpression from '@cucumber/tag-expressions';
import { SuiteConfigError } from '../../support/target';
import { readCatalogue } from './journeys';

/** What a run was asked to run, as Cucumber itself reads the arguments and the profile they name. */
export interface RunConfiguration {
  /** The tag expression the run used, the profile's and the arguments' together; empty for none. */
  tags: string;
  /** "INDEX/TOTAL" for one shard of a split run. */
  shard?: string;
  /** How many scenarios the run will run. */
  planned: number;
  /** Where the profile writes its reports: the folder of its message stream. */
  reportsDir: string;
  /** How many workers run scenarios at once (0: the run's own process alone). */
  workers: number;
}


export async function runConfigurationOf(args: string[]): Promise<RunConfiguration> {
  const { options, configuration: typed } = ArgvParser.parse(['node', 'cucumber-js', ...args]);
  // Cucumber would only fail at its first scenario, with its own stack; say what was typed instead.
  for (const expression of [typed.tags].flat().filter((t): t is string => !!t)) {
    try {
      parseTagExpression(expression);
    } catch {
      throw new SuiteConfigError(`The tag expression ${asTyped(expression)} cannot be read; write tags joined by and, or, not and brackets, as in "@auth and not @slow".`);
    }
  }
  const { useConfiguration, runConfiguration } = await loadConfiguration({ profiles: options.profile, provided: args });
  const { plan, errors } = await loadSources(runConfiguration.sources);
  if (errors.length) throw new SuiteConfigError(`A feature file cannot be read: ${errors[0].uri}: ${errors[0].message}`);
  const tags = [useConfiguration.tags].flat().filter(Boolean).join(' and ');
  warnOfUnknownJourneys(tags);
  const messages = useConfiguration.format.map((f) => (Array.isArray(f) ? f.join(':') : f)).find((f) => f.startsWith('message:'));
  const reportsDir = messages ? dirname(messages.slice('message:'.length)) : 'reports';
  return { tags, shard: useConfiguration.shard || undefined, planned: plan.length, reportsDir, workers: useConfiguration.parallel };
}

/** Cucumber brackets each --tags value; one value is shown as it was typed. */
function asTyped(expression: string): string {
  const single = /^\((.*)\)$/.exec(expression);
  return `"${single && !single[1].includes(') and (') ? single[1] : expression}"`;
}

/** A journey tag that is not in the catalogue selects nothing, and is most likely a typo. */
function warnOfUnknownJourneys(tags: string): void {
  const known = new Set(readCatalogue().map((j) => `@${j.id}`));
  const unknown = [...tags.matchAll(/@[A-Z]+-\d+\b/g)].map((m) => m[0]).filter((tag) => !known.has(tag));
  for (const tag of new Set(unknown)) console.warn(`Warning: ${tag} is not a journey of docs/journeys.md; the journeys of its area are ${[...known].filter((k) => k.startsWith(tag.replace(/\d+$/, ''))).join(', ') || 'none'}.`);
}

export function writeRunConfiguration(run: RunConfiguration): void {
  mkdirSync(run.reportsDir, { recursive: true });
  writeFileSync(`${run.reportsDir}/run.json`, JSON.stringify(run, null, 2));
}

export function readRunConfiguration(dir = 'reports'): RunConfiguration | undefined {
  return existsSync(`${dir}/run.json`) ? JSON.parse(readFileSync(`${dir}/run.json`, 'utf8')) : undefined;
}
