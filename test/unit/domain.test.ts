import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WORKLOAD_PATTERN, Workload, describeWorkload, dollars, figureFrom, inOwnWords, money, parseWorkload, pastedFromNotes, wholeNumber, workloadOf } from '../../support/domain';

const SENTENCE = '2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens';
const WORKLOAD: Workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 2_000_000, avg_input_tokens: 1_000, avg_output_tokens: 500 };

test('money reads a figure as a product person writes it, with a dollar sign, thousands and cents', () => {
  assert.deepEqual([money('$1,234.50'), money('1234.5'), money('-$7.50'), money('$0')], [1234.5, 1234.5, -7.5, 0]);
});

test('money is not a number for words, so a typo in a table is not silently a price', () => {
  assert.equal(Number.isNaN(money('ten dollars')), true);
});

test('a whole number drops its thousands separators', () => {
  assert.deepEqual([wholeNumber('2,000,000'), wholeNumber('500'), wholeNumber('1,000')], [2_000_000, 500, 1_000]);
});

test('dollars writes an amount as the answers do: a dollar sign, thousands and exactly two decimals', () => {
  assert.deepEqual([dollars(1234.5), dollars(0), dollars(1_000_000), dollars(12.345)], ['$1,234.50', '$0.00', '$1,000,000.00', '$12.35']);
});

test('money reads back what dollars wrote', () => {
  for (const amount of [0, 0.5, 99.99, 1234.5, 2_500_000]) assert.equal(money(dollars(amount)), amount);
});

test('workloadOf turns the sentence figures into the contract fields', () => {
  assert.deepEqual(workloadOf('2,000,000', 'openai', 'gpt-4o', '1,000', '500'), WORKLOAD);
});

test('the workload sentence parses into the contract fields, around whatever spaces surround it', () => {
  assert.deepEqual(parseWorkload(`  ${SENTENCE}\n`), WORKLOAD);
});

test('a model name with dots and dashes is one word of the sentence', () => {
  assert.equal(parseWorkload('10 requests a month on anthropic claude-3.5-sonnet averaging 1 input and 2 output tokens').model, 'claude-3.5-sonnet');
});

test('a sentence that is not a workload is refused with the sentence and an example of one', () => {
  assert.throws(
    () => parseWorkload('2 million requests on gpt-4o'),
    (error: Error) =>
      error.message === '"2 million requests on gpt-4o" is not a workload; write it like "2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens".',
  );
});

test('a figure with its commas in the wrong places is a typo, not another number', () => {
  for (const figure of ['1,,0', ',', '1,00', '10,0000']) {
    assert.throws(() => parseWorkload(`${figure} requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens`), /is not a workload/, figure);
  }
});

test('parseWorkload takes the whole sentence only: a workload inside other words is refused', () => {
  // The {workload} parameter (unanchored) finds the sentence in a step; a table cell must be the sentence alone.
  assert.throws(() => parseWorkload(`Ask about ${SENTENCE} please`), /is not a workload/);
});

test('WORKLOAD_PATTERN finds the sentence inside a step, and captures its five parts in order', () => {
  const match = WORKLOAD_PATTERN.exec(`Alice asks about ${SENTENCE} today`);
  assert.deepEqual(match?.slice(1), ['2,000,000', 'openai', 'gpt-4o', '1,000', '500']);
  assert.equal(match?.index, 'Alice asks about '.length);
});

test('a figure from a table is a number when it reads as one, thousands, signs and exponents included', () => {
  assert.deepEqual([figureFrom('1,000'), figureFrom('-0.5'), figureFrom('1e308'), figureFrom('0')], [1000, -0.5, 1e308, 0]);
});

test('a figure written as the text "…" stays text, even when it looks like a number', () => {
  // How a scenario sends the string "1000" where the contract wants a number.
  assert.deepEqual([figureFrom('the text "1000"'), figureFrom('the text ""')], ['1000', '']);
});

test('a figure in words stays those words', () => {
  assert.deepEqual([figureFrom('many'), figureFrom('null')], ['many', 'null']);
});

test('describeWorkload writes the figures with thousands separators, in the workload sentence with a comma before "averaging"', () => {
  assert.equal(describeWorkload(WORKLOAD), '2,000,000 requests a month on openai gpt-4o, averaging 1,000 input and 500 output tokens');
});

test('describeWorkload reads back as the same workload once its comma is taken out', () => {
  // The comma is the only difference from the sentence parseWorkload reads (see the report).
  const w: Workload = { provider: 'anthropic', model: 'claude-3.5-sonnet', monthly_requests: 12_345_678, avg_input_tokens: 2_048, avg_output_tokens: 7 };
  assert.deepEqual(parseWorkload(describeWorkload(w).replace(', averaging', ' averaging')), w);
});

test('the workload in a customer\'s own words has every figure, written as people write them', () => {
  assert.equal(inOwnWords(WORKLOAD), 'We make 2,000,000 requests a month on openai gpt-4o, with 1,000 input and 500 output tokens on average. What can we save?');
});

test('the workload pasted from notes keeps its line breaks, tabs and doubled spaces', () => {
  assert.equal(pastedFromNotes(WORKLOAD), '2,000,000  requests a month\non  openai\t gpt-4o\naveraging 1,000\t input and 500  output tokens');
});
