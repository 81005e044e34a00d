/**
 * Video identities carry the participant's display name, because every participant (and the
 * status callbacks) sees only identities: `<Name> · <tag>`, where the tag is the staff username
 * or `guest-<id>` for someone who joined through an invite link. Used on both sides.
 */
const SEPARATOR = " · ";

export function videoIdentity(name: string, tag: string): string {
  const clean = name.replace(/\s*·\s*/g, " ").replace(/\s+/g, " ").trim().slice(0, 80) || "Guest";
  return `${clean}${SEPARATOR}${tag}`;
}

export function displayNameOf(identity: string): string {
  const at = identity.lastIndexOf(SEPARATOR);
  return at > 0 ? identity.slice(0, at) : identity;
}

export function identityTag(identity: string): string {
  const at = identity.lastIndexOf(SEPARATOR);
  return at > 0 ? identity.slice(at + SEPARATOR.length) : identity;
}

export function isGuestIdentity(identity: string): boolean {
  return identityTag(identity).startsWith("guest-");
}
