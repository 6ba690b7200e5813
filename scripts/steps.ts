import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { exitOnError } from './lib/prepare-run';
import { REPORTS } from './lib/reports';
import { readEnvelopes } from './lib/messages';
import { stepsCheck } from './lib/checks';
import { CATALOGUE_START, catalogueMarkdown, declaredTypes, stepCatalogue } from './lib/step-catalogue';

export const GUIDE = 'docs/writing-scenarios.md';

/** The guide with its step catalogue made anew from the step definitions and the features. */
export function guideWithCatalogue(): string {
  const guide = readFileSync(GUIDE, 'utf8');
  const head = guide.includes(CATALOGUE_START) ? guide.slice(0, guide.indexOf(CATALOGUE_START)) : `${guide.trimEnd()}\n\n`;
  const messages = `${REPORTS}/steps/messages.ndjson`;
  return head + catalogueMarkdown(stepCatalogue(messages), declaredTypes(readEnvelopes(messages)));
}

export const EDITOR_SETTINGS = '.vscode/settings.json';

/** What the Cucumber extension for VS Code needs to follow the steps: features, glue, and our parameter types. */
export function editorSettings(): string {
  const parameterTypes = declaredTypes(readEnvelopes(`${REPORTS}/steps/messages.ndjson`)).map((p) => ({ name: p.name, regexp: p.regularExpressions[0] }));
  const settings = {
    'cucumber.features': ['features/**/*.feature'],
    'cucumber.glue': ['step-definitions/**/*.ts', 'support/**/*.ts'],
    'cucumber.parameterTypes': parameterTypes,
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** `npm run steps`: rewrites the step catalogue in docs/writing-scenarios.md and the editor's settings. */
if (require.main === module) {
  stepsCheck(process.env)
    .then(() => {
      writeFileSync(GUIDE, guideWithCatalogue());
      mkdirSync('.vscode', { recursive: true });
      writeFileSync(EDITOR_SETTINGS, editorSettings());
      console.log(`${GUIDE}: step catalogue rewritten; ${EDITOR_SETTINGS}: parameter types rewritten`);
    })
    .catch(exitOnError);
}
