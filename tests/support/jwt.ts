/** Decodes and verifies an HS256 JWT by hand, so token tests do not trust the library that made it. */
import { createHmac, timingSafeEqual } from "node:crypto";

export function decodeJwt(token: string) {
  const [h, p, s] = token.split(".");
  if (!h || !p || !s) throw new Error("not a JWT");
  const json = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  return { header: json(h), payload: json(p), signingInput: `${h}.${p}`, signature: s };
}

export function verifyHs256(token: string, secret: string): boolean {
  const { signingInput, signature } = decodeJwt(token);
  const expected = createHmac("sha256", secret).update(signingInput).digest();
  const actual = Buffer.from(signature, "base64url");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
