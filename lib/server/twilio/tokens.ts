/**
 * Access tokens for the browser SDKs (docs/twilio-contract.md §5): HS256 JWTs signed with the API
 * key secret, header `cty: twilio-fpa;v=1`, `iss` = API key SID, `sub` = account SID. Identity
 * always comes from the session, never from the request. Lifetime ≤ 1 h (1 h unless the caller
 * asks for less, see AGENT_TOKEN_TTL_SECONDS); the SDKs refresh them before they expire.
 * https://www.twilio.com/docs/iam/access-tokens
 */
import twilio from "twilio";

const { AccessToken } = twilio.jwt;

export const TOKEN_TTL_SECONDS = 3600;
/** Shorter lifetimes leave the SDKs too little room to refresh (Voice: 10 s before expiry, TaskRouter: 5 s). */
export const MIN_TOKEN_TTL_SECONDS = 30;

export interface TokenOptions {
  /** Lifetime in seconds, MIN_TOKEN_TTL_SECONDS…TOKEN_TTL_SECONDS (default TOKEN_TTL_SECONDS). */
  ttlSeconds?: number;
  now?: number;
}

export interface TokenSigner {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
}

export interface IssuedToken {
  token: string;
  identity: string;
  expiresAt: string;
}

function sign(
  signer: TokenSigner,
  identity: string,
  grant: InstanceType<typeof AccessToken.VoiceGrant> | InstanceType<typeof AccessToken.TaskRouterGrant> | InstanceType<typeof AccessToken.VideoGrant>,
  { ttlSeconds = TOKEN_TTL_SECONDS, now = Date.now() }: TokenOptions,
): IssuedToken {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < MIN_TOKEN_TTL_SECONDS || ttlSeconds > TOKEN_TTL_SECONDS) {
    throw new RangeError(`Access token lifetime must be ${MIN_TOKEN_TTL_SECONDS}–${TOKEN_TTL_SECONDS} seconds, not ${ttlSeconds}`);
  }
  const token = new AccessToken(signer.accountSid, signer.apiKeySid, signer.apiKeySecret, { identity, ttl: ttlSeconds });
  token.addGrant(grant);
  // twilio-node stamps iat with the current time; exp = iat + ttl.
  return { token: token.toJwt("HS256"), identity, expiresAt: new Date((Math.floor(now / 1000) + ttlSeconds) * 1000).toISOString() };
}

/** Voice: incoming calls to this identity, outgoing calls through the TwiML App. https://www.twilio.com/docs/iam/access-tokens#create-a-voice-access-token */
export function createVoiceToken(signer: TokenSigner, identity: string, twimlAppSid: string, options: TokenOptions = {}): IssuedToken {
  return sign(signer, identity, new AccessToken.VoiceGrant({ incomingAllow: true, outgoingApplicationSid: twimlAppSid }), options);
}

/** TaskRouter: the user's own worker. https://www.twilio.com/docs/taskrouter/js-sdk/workspace/constructing-jwts */
export function createWorkerToken(signer: TokenSigner, identity: string, workspaceSid: string, workerSid: string, role: "worker" | "supervisor", options: TokenOptions = {}): IssuedToken {
  return sign(signer, identity, new AccessToken.TaskRouterGrant({ workspaceSid, workerSid, role }), options);
}

/** Video: one room only. https://www.twilio.com/docs/video/tutorials/user-identity-access-tokens */
export function createVideoToken(signer: TokenSigner, identity: string, room: string, options: TokenOptions = {}): IssuedToken {
  return sign(signer, identity, new AccessToken.VideoGrant({ room }), options);
}
