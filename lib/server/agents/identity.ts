/**
 * Voice/TaskRouter identity of a user: the username when it is a valid Voice identity
 * (alphanumerics and `_`, ≤ 121 chars), otherwise `u_<id>`. Deterministic both ways.
 * https://www.twilio.com/docs/voice/sdks/javascript/twiliodevice#deviceidentity
 */
const VALID = /^[A-Za-z0-9_]{1,121}$/;

export function clientIdentity(user: { id: string; username: string }): string {
  return VALID.test(user.username) && !user.username.startsWith("u_") ? user.username : `u_${user.id}`;
}

/** What to look a user up by, from an identity or a `client:<identity>` address. */
export function identityLookup(identityOrAddress: string): { username: string } | { id: string } | null {
  const identity = identityOrAddress.startsWith("client:") ? identityOrAddress.slice(7) : identityOrAddress;
  if (!VALID.test(identity)) return null;
  return identity.startsWith("u_") ? { id: identity.slice(2) } : { username: identity };
}
