import { existsSync } from 'node:fs';
import { readEnvelopes } from './messages';
import { CucumberExpression, ParameterType, ParameterTypeRegistry } from '@cucumber/cucumber-expressions';
import { closestSteps, declaredRegistry, declaredTypes, stepCatalogue } from './step-catalogue';
import { PHRASEBOOKS } from '../../support/phrasebooks';

interface Definitions {
  /** Each step definition's expression, once with its real parameter types and once taking any words. */
  steps: { source: string; strict: CucumberExpression; loose: CucumberExpression }[];
  /** Each custom parameter type's words, as the features use them. */
  accepted: Map<string, string[]>;
  regexps: Map<string, RegExp>;
  /** Parameter types that take any words, to find where in a sentence each value stands. */
  looseTypes: ParameterTypeRegistry;
}

/** The step definitions and parameter types a run's message stream declares. */
function definitionsOf(envelopes: any[]): Definitions {
  const types = declaredTypes(envelopes);
  const strictTypes = declaredRegistry(types);
  const looseTypes = new ParameterTypeRegistry();
  const regexps = new Map<string, RegExp>();
  for (const p of types) {
    looseTypes.defineParameterType(new ParameterType(p.name, /.+?/, null, (s: string) => s, false, false));
    regexps.set(p.name, new RegExp(`^(?:${p.regularExpressions.join('|')})$`));
  }
  const steps = envelopes
    .filter((e) => e.stepDefinition?.pattern.type === 'CUCUMBER_EXPRESSION')
    .map(({ stepDefinition: d }) => ({ source: d.pattern.source, strict: new CucumberExpression(d.pattern.source, strictTypes), loose: new CucumberExpression(d.pattern.source, looseTypes) }));
  // What each parameter type accepts: its words where it is a list of them, or else the words the
  // features give it (every scenario's pickle is in the stream, run or not).
  const examples = new Map<string, Set<string>>();
  const accepted = new Map<string, string[]>();
  for (const { parameterType: p } of envelopes.filter((e) => e.parameterType)) {
    const literal = p.regularExpressions.length === 1 && /^[\w ,.'\-|]+$/.test(p.regularExpressions[0].replace(/\\./g, ''));
    if (literal) accepted.set(p.name, p.regularExpressions[0].split('|').map((w: string) => w.replace(/\\(.)/g, '$1')));
  }
  const pickleSteps: string[] = envelopes.filter((e) => e.pickle).flatMap((e) => e.pickle.steps.map((step: { text: string }) => step.text));
  for (const step of steps) {
    const names = [...step.source.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((n) => regexps.has(n) && !accepted.has(n));
    if (names.length === 0) continue;
    for (const text of pickleSteps) {
      for (const arg of step.strict.match(text) ?? []) {
        const name = arg.getParameterType().name!;
        if (!names.includes(name)) continue;
        const words = (examples.get(name) ?? new Set<string>()).add(arg.group.value ?? '');
        examples.set(name, words);
      }
    }
  }
  for (const [name, words] of examples) accepted.set(name, [...words].filter(Boolean).slice(0, 5));
  // A phrasebook accepts its phrases, each with values of its own: those are what to write.
  for (const [name, { phrases }] of Object.entries(PHRASEBOOKS)) accepted.set(name, Object.keys(phrases).map((p) => `"${p}"`));
  return { steps, accepted, regexps, looseTypes };
}

/**
 * What a product person needs when a step is undefined: the word that no parameter type accepts
 * (with the words that are accepted), or else the closest existing steps.
 */
export function explainUndefined(text: string, messagesFile: string): string {
  if (!existsSync(messagesFile)) return '';
  const envelopes = readEnvelopes(messagesFile);
  const column = missingColumn(text, envelopes);
  if (column) return column;
  const definitions = definitionsOf(envelopes);
  // The reading that leaves the fewest words unaccepted is the one the author meant: a reading that
  // takes the whole sentence as one phrase it does not know says least (see fewer).
  let best: Unaccepted[] = [];
  for (const step of definitions.steps) {
    const wrong = unaccepted(step.source, step.loose, text, definitions);
    if (wrong?.length && (best.length === 0 || fewer(wrong, best))) best = wrong;
  }
  if (best.length) return best.map((w) => w.message).join('\n');
  return `  The closest existing steps:\n${closestSteps(text, stepCatalogue(messagesFile)).map((c) => `    ${c}`).join('\n')}`;
}

/**
 * The values of `text`, read as `source`, that their parameter types do not accept, each with the
 * words that are; undefined if `text` cannot be read as `source` at all. A value meant as a phrase of
 * a phrasebook is read as each of its phrases in turn, so that a wrong word inside it is named.
 */
interface Unaccepted {
  value: string;
  message: string;
}

/** Fewer unaccepted values first, then fewer unaccepted characters: one wrong word beats the whole sentence unknown. */
const fewer = (a: Unaccepted[], b: Unaccepted[]) => a.length < b.length || (a.length === b.length && a.reduce((n, w) => n + w.value.length, 0) < b.reduce((n, w) => n + w.value.length, 0));

function unaccepted(source: string, loose: CucumberExpression, text: string, definitions: Definitions, nested = false): Unaccepted[] | undefined {
  const args = loose.match(text);
  if (!args) return undefined;
  return args.flatMap((arg) => {
    const name = arg.getParameterType().name;
    const value = arg.group.value ?? '';
    const regexp = name ? definitions.regexps.get(name) : undefined;
    if (!regexp || regexp.test(value)) return [];
    const book = PHRASEBOOKS[name!];
    if (book && !nested) {
      let closest: Unaccepted[] | undefined;
      for (const phrase of Object.keys(book.phrases)) {
        const inner = unaccepted(phrase, new CucumberExpression(phrase, definitions.looseTypes), value, definitions, true);
        if (inner?.length && (!closest || fewer(inner, closest))) closest = inner;
      }
      if (closest) return closest;
    }
    const words = definitions.accepted.get(name!) ?? [];
    const listed = `${words.slice(0, 12).join(', ')}${words.length > 12 ? ` and ${words.length - 12} more` : ''}`;
    return [{ value, message: `  "${value}" is not a {${name}} (in "${source}"); ${words.length ? `it can be: ${listed}` : 'see the glossary in docs/writing-scenarios.md'}.` }];
  });
}

/** An outline step whose <placeholder> names no column of its Examples keeps the placeholder as text. */
function missingColumn(text: string, envelopes: any[]): string | undefined {
  const placeholders = [...text.matchAll(/<([^<>]+)>/g)].map((m) => m[1]);
  if (placeholders.length === 0) return undefined;
  const documents = envelopes.filter((e) => e.gherkinDocument).map((e) => e.gherkinDocument);
  for (const document of documents) {
    const children = document.feature?.children ?? [];
    const scenarios = children.flatMap((c: any) => [c.scenario, ...(c.rule?.children ?? []).map((r: any) => r.scenario)]).filter(Boolean);
    for (const scenario of scenarios) {
      if (!scenario.examples?.length) continue;
      const columns: string[] = [...new Set<string>(scenario.examples.flatMap((e: any) => (e.tableHeader?.cells ?? []).map((c: any) => c.value)))];
      const missing = placeholders.filter((p) => !columns.includes(p) && scenario.steps.some((step: any) => step.text.includes(`<${p}>`)));
      if (missing.length) return `  The Examples of "${scenario.name}" (${document.uri}:${scenario.location.line}) have no column ${missing.map((m) => `"${m}"`).join(' or ')}; their columns are ${columns.map((c) => `"${c}"`).join(', ')}.`;
    }
  }
  return undefined;
}
