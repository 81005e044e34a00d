/**
 * Fetches an access token from the app's token routes (`POST /api/tokens/{voice,worker}`). The
 * answer says the mode and, in sandbox mode, where the browser SDKs reach the sandbox.
 */
export interface TokenAnswer {
  token: string;
  identity: string;
  expiresAt: string;
  mode: "twilio" | "sandbox";
  sandbox?: { baseUrl: string } | null;
}

export type TokenKind = "voice" | "worker";
export type TokenFetcher = (kind: TokenKind) => Promise<TokenAnswer>;

export class TokenError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "TokenError";
  }
}

export async function fetchToken(kind: TokenKind): Promise<TokenAnswer> {
  const response = await fetch(`/api/tokens/${kind}`, { method: "POST", cache: "no-store", credentials: "same-origin" });
  const body = (await response.json().catch(() => null)) as (TokenAnswer & { error?: { message?: string } }) | null;
  if (!response.ok || !body?.token) {
    throw new TokenError(body?.error?.message ?? `Could not get a ${kind} token (HTTP ${response.status}).`, response.status);
  }
  return body;
}
