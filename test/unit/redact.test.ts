import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact, registerSecret } from '../../support/redact';

test('tokens and generated passwords are caught by their shape', () => {
  const text = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ with apex-pw-0123456789abcdef';
  assert.equal(redact(text), 'Bearer [redacted token] with [redacted password]');
});

test('a registered secret is redacted wherever it appears, and a short one is never registered', () => {
  registerSecret('a-service-secret-of-length');
  registerSecret('short');
  assert.equal(redact('x a-service-secret-of-length y short'), 'x [redacted secret] y short');
});
