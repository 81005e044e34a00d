import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { computeTwilioSignature, isValidTwilioSignature, parseForm, publicWebhookUrl } from "./signature";

// docs/twilio-contract.md §1.3: twilio-node's own test vectors.
const TOKEN = "12345";
const P = { CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" };
const U = "https://mycompany.com/myapp.php?foo=1&bar=2";

describe("Twilio signature vectors (twilio-node spec)", () => {
  it.each([
    [U, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8="],
    ["https://mycompany.com:443/myapp.php?foo=1&bar=2", P, "kvajT1Ptam85bY51eRf/AJRuM3w="],
    ["http://mycompany.com:80/myapp.php?foo=1&bar=2", P, "0ZXoZLH/DfblKGATFgpif+LLRf4="],
    ["http://mycompany.com:1234/myapp.php?foo=1&bar=2", P, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="],
    ["https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", P, "CukzLTc1tT5dXEDIHm/tKBanW10="],
    ["https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2", P, "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI="],
    ["https://user@mycompany.com/myapp.php?foo=1&bar=2", P, "2YRLlVAflCqxaNicjMpJcSTgzSs="],
    [`${U}&Body=It%27s+amazing`, P, "TfZzewPq8wqrGlMfyAud8+/IvJ0="],
    [U, { "MessagingBinding.Address": ["+1325xxxxxxx", "+1415xxxxxxx"] }, "83O6e2vORAoJHUNzJjDWN1jz+BA="],
    [U, { "MessagingBinding.Address": ["+1415xxxxxxx", "+1325xxxxxxx"] }, "83O6e2vORAoJHUNzJjDWN1jz+BA="],
    [U, { Sid: "CA123", SidAccount: "AC123", Digits: ["5678", "1234", "1234"] }, "IK+Dwps556ElfBT0I3Rgjkr1wJU="],
  ] as const)("computes %s", (url, params, expected) => {
    expect(computeTwilioSignature(TOKEN, url, params as Record<string, string | string[]>)).toBe(expected);
  });

  it("accepts every vector through the validator, including the port Twilio added or dropped", () => {
    expect(isValidTwilioSignature(TOKEN, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", U, P)).toBe(true);
    // Signed with :443, validated without it (and the reverse).
    expect(isValidTwilioSignature(TOKEN, "kvajT1Ptam85bY51eRf/AJRuM3w=", U, P)).toBe(true);
    expect(isValidTwilioSignature(TOKEN, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "https://mycompany.com:443/myapp.php?foo=1&bar=2", P)).toBe(true);
    expect(isValidTwilioSignature(TOKEN, "0ZXoZLH/DfblKGATFgpif+LLRf4=", "http://mycompany.com/myapp.php?foo=1&bar=2", P)).toBe(true);
    expect(isValidTwilioSignature(TOKEN, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", P)).toBe(true);
    // The validator is given the raw apostrophe; Twilio signed the encoded form.
    expect(isValidTwilioSignature(TOKEN, "TfZzewPq8wqrGlMfyAud8+/IvJ0=", `${U}&Body=It's+amazing`, P)).toBe(true);
    expect(isValidTwilioSignature(TOKEN, "IK+Dwps556ElfBT0I3Rgjkr1wJU=", U, { Sid: "CA123", SidAccount: "AC123", Digits: ["5678", "1234", "1234"] })).toBe(true);
  });

  it("matches the JSON-body (bodySHA256) vectors", () => {
    const body = '{"property": "value", "boolean": true}';
    const hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    expect(twilio.getExpectedBodyHash(body)).toBe(hash);
    expect(twilio.getExpectedBodyHash("{}")).toBe("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    expect(computeTwilioSignature(TOKEN, `${U}&bodySHA256=${hash}`, {})).toBe("a9nBmqA0ju/hNViExpshrM61xv4=");
    // The contract's `{}`-body signature (Ldidvp…) does not reproduce with twilio-node 6.2; only its hash is asserted.
    expect(computeTwilioSignature(TOKEN, `https://mycompany.com/myapp.php?bodySHA256=${hash}`, {})).toBe("y77kIzt2vzLz71DgmJGsen2scGs=");
    expect(twilio.validateRequestWithBody(TOKEN, "a9nBmqA0ju/hNViExpshrM61xv4=", `${U}&bodySHA256=${hash}`, body)).toBe(true);
  });

  it("rejects forged, missing, wrong-token, wrong-URL and tampered requests", () => {
    expect(isValidTwilioSignature(TOKEN, "RSOYDt4T1cUTdK1PDd93/VVr8B9=", U, P)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, "", U, P)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, null, U, P)).toBe(false);
    expect(isValidTwilioSignature("54321", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", U, P)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "https://mycompany.com/other.php?foo=1&bar=2", P)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", U, { ...P, Digits: "9999" })).toBe(false);
    expect(isValidTwilioSignature(TOKEN, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "not a url", P)).toBe(false);
  });
});

describe("public webhook URL", () => {
  it("rebuilds the URL Twilio signed from the public base, not the internal host", () => {
    expect(publicWebhookUrl("https://abc.ngrok.app/", "http://10.0.0.7:3000/api/twilio/voice/gather?step=menu&attempt=1")).toBe(
      "https://abc.ngrok.app/api/twilio/voice/gather?step=menu&attempt=1",
    );
  });

  it("parses repeated form keys into arrays", () => {
    expect(parseForm("A=1&B=2&B=3&C=%2B1")).toEqual({ A: "1", B: ["2", "3"], C: "+1" });
  });
});
