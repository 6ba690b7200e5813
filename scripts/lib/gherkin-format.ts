import { readFileSync, writeFileSync } from 'node:fs';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { pretty } from '@cucumber/gherkin-utils';
import type { CheckResult } from './checks';
import { featureFiles } from './cucumber-process';

/** What `gherkin-utils format` would make of a feature file. */
export function formatted(source: string): string {
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
  return pretty(parser.parse(source), 'gherkin');
}

/** Every feature is laid out as @cucumber/gherkin-utils formats it; `npm run format` fixes those that are not. */
export function gherkinFormatCheck(fix = false): CheckResult {
  const files = featureFiles();
  const untidy = files.filter((file) => {
    const source = readFileSync(file, 'utf8');
    const tidy = formatted(source);
    if (tidy === source) return false;
    if (fix) writeFileSync(file, tidy);
    return true;
  });
  if (fix) return { name: 'gherkin format', ok: true, detail: `${untidy.length} of ${files.length} features reformatted` };
  return untidy.length
    ? { name: 'gherkin format', ok: false, detail: `${untidy.length} features are not formatted: ${untidy.join(', ')}; run npm run format` }
    : { name: 'gherkin format', ok: true, detail: `all ${files.length} features are formatted as gherkin-utils formats them` };
}
