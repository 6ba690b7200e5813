import { defineParameterType as defineCucumberType } from '@cucumber/cucumber';
import { CucumberExpression, ParameterType, ParameterTypeRegistry } from '@cucumber/cucumber-expressions';

/**
 * A phrasebook is a parameter type whose words are a table of phrases, each a Cucumber expression
 * with values of its own: "{pronoun} current spend is {money} a month", "{int} rows were processed".
 * One general sentence ("{actor} is told {toldThat}") then carries every phrase of its table, and
 * a product person adds a phrase by adding a row, not a step definition.
 */

/** The parameter types a phrase may use: the steps' own, registered here as well as with Cucumber. */
const registry = new ParameterTypeRegistry();

type TypeOptions = Parameters<typeof defineCucumberType>[0];

export function defineParameterType(options: TypeOptions): void {
  defineCucumberType(options);
  const transformer = options.transformer as ((...match: string[]) => unknown) | undefined;
  registry.defineParameterType(new ParameterType(options.name, options.regexp as RegExp, null, transformer ?? ((s: string) => s), true, false));
}

/** The phrase a step used, what it stands for, and the values written into it. */
export interface Phrase<T> {
  words: string;
  meaning: T;
  values: any[];
}

/** A Cucumber expression's regular expression, unanchored and capturing nothing, to stand as one alternative of a parameter type. */
const asAlternative = (expression: CucumberExpression): string =>
  expression.regexp.source.replace(/^\^/, '').replace(/\$$/, '').replace(/(?<!\\)\((?!\?)/g, '(?:');

/** Defines a parameter type `name` whose words are the phrases of `book` (each a Cucumber expression); it yields the phrase, its meaning and its values. */
export function definePhrasebook<T>(name: string, book: Record<string, T>): void {
  // Phrases are compiled when the book is defined, so every parameter type a phrase uses must be defined before it.
  const phrases = Object.entries(book).map(([words, meaning]) => ({ words, meaning, expression: new CucumberExpression(words, registry) }));
  defineCucumberType({
    name,
    regexp: new RegExp(phrases.map((p) => asAlternative(p.expression)).join('|')),
    transformer(this: unknown, text: string): Phrase<T> {
      for (const { words, meaning, expression } of phrases) {
        const args = expression.match(text);
        if (args) return { words, meaning, values: args.map((arg) => arg.getValue(this)) };
      }
      throw new Error(`"${text}" is none of the {${name}} phrases; these are: ${phrases.map((p) => `"${p.words}"`).join(', ')}`);
    },
  });
}

/** What a phrase of a step's phrasebook does: the step's body, given the World as `this`, the values before the phrase, then the phrase's own. */
export type PhraseStep = (this: any, ...values: any[]) => unknown;

/**
 * The code of a step whose sentence ends in a phrase of a phrasebook: the phrase runs, given the
 * World and the `before` values ahead of it (the person, say), then its own values, then the step's
 * table where `table` says it has one. Cucumber checks that a step's code takes exactly as many
 * arguments as the step has values, so each count has a function of its own.
 */
export function phrased(before: 0 | 1 | 2, table = false): (...args: any[]) => unknown {
  const run = (world: unknown, args: unknown[]) => {
    const phrase = args[before] as Phrase<PhraseStep>;
    return phrase.meaning.call(world, ...args.slice(0, before), ...phrase.values, ...args.slice(before + 1));
  };
  if (table) return function (this: unknown, phrase: unknown, rows: unknown) { return run(this, [phrase, rows]); };
  if (before === 0) return function (this: unknown, phrase: unknown) { return run(this, [phrase]); };
  if (before === 1) return function (this: unknown, subject: unknown, phrase: unknown) { return run(this, [subject, phrase]); };
  return function (this: unknown, subject: unknown, verb: unknown, phrase: unknown) { return run(this, [subject, verb, phrase]); };
}
