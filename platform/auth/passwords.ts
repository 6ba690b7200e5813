import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Stryker disable next-line ObjectLiteral: the work factor is not observable over the wire (a slower or faster hash answers the same)
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 128 * n * r * 2 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * scrypt, which is memory-hard. The cost N defaults to 16384 (Node's default: 16 MiB and about
 * 50 ms a hash here); a test platform may lower it (PASSWORD_HASH_COST) to sign people up faster.
 * Each hash records its own parameters, so a change of cost never locks anybody out.
 */
export class Passwords {
  private decoy?: Promise<string>;

  constructor(private readonly cost: number) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, this.cost, R, P);
    return ['scrypt', this.cost, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = stored.split('$');
    // Stryker disable next-line all: guards a malformed stored hash, which nothing reachable over the wire can write
    if (scheme !== 'scrypt' || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64url');
    const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, every key is KEY_LENGTH long; the length check only keeps timingSafeEqual from throwing
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** Spends the same work as a real check, so an unknown email is not faster than a wrong password. */
  async verifyAgainstDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash(randomBytes(12).toString('hex'));
    await this.verify(password, await this.decoy);
    return false;
  }
}
