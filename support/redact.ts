/**
 * Everything the suite writes into a report passes through here, so tokens, passwords and
 * keys never reach a reviewer. Known secrets are registered as they become known; tokens and
 * the suite's generated passwords are also caught by their shape.
 */
export const TOKEN_SHAPE = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
export const PASSWORD_SHAPE = /apex-pw-[A-Za-z0-9_-]{16}/g;

const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  // Short values would redact ordinary words; the platform refuses secrets that short anyway.
  if (value && value.length >= 12) secrets.add(value);
}

export function redact(text: string): string {
  let clean = text.replace(TOKEN_SHAPE, '[redacted token]').replace(PASSWORD_SHAPE, '[redacted password]');
  for (const secret of secrets) clean = clean.split(secret).join('[redacted secret]');
  return clean;
}

export function redactJson(value: unknown): string {
  return redact(JSON.stringify(value, null, 2));
}
