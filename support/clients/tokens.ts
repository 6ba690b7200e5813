import { decodeJwt, JWTPayload } from 'jose';

export interface ApexClaims extends JWTPayload {
  email?: string;
  permissions?: string[];
  token_type?: string;
}

/** Reads a token's claims without checking them: the platform is the one that must check. */
export function claimsOf(token: string): ApexClaims {
  return decodeJwt(token) as ApexClaims;
}
