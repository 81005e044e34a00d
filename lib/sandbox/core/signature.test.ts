import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { parseConnectionOverrides, twilioSignature } from "./signature";

// Vectors from docs/twilio-contract.md §1.3 (twilio-node's own test suite).
const P = {
  CallSid: "CA1234567890ABCDE",
  Caller: "+14158675309",
  Digits: "1234",
  From: "+14158675309",
  To: "+18005551212",
};
const U = "https://mycompany.com/myapp.php?foo=1&bar=2";

describe("twilioSignature", () => {
  it.each([
    [U, P, "RSOYDt4T1cUTdK1PDd93/VVr8B8="],
    ["https://mycompany.com:443/myapp.php?foo=1&bar=2", P, "kvajT1Ptam85bY51eRf/AJRuM3w="],
    ["http://mycompany.com:80/myapp.php?foo=1&bar=2", P, "0ZXoZLH/DfblKGATFgpif+LLRf4="],
    ["http://mycompany.com:1234/myapp.php?foo=1&bar=2", P, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="],
    [
      U,
      { "MessagingBinding.Address": ["+1415xxxxxxx", "+1325xxxxxxx"] },
      "83O6e2vORAoJHUNzJjDWN1jz+BA=",
    ],
    [
      U,
      { Sid: "CA123", SidAccount: "AC123", Digits: ["5678", "1234", "1234"] },
      "IK+Dwps556ElfBT0I3Rgjkr1wJU=",
    ],
  ])("signs %s like Twilio", (url, params, expected) => {
    expect(twilioSignature("12345", url, params)).toBe(expected);
  });

  it("leaves the #fragment out of the signed URL", () => {
    expect(twilioSignature("12345", `${U}#rc=2&rp=all`, P)).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  });

  it("validates with twilio-node for a local URL with a port", () => {
    const url = "http://localhost:3000/api/twilio/voice/incoming";
    const params = {
      CallSid: "CA" + "0".repeat(32),
      To: "+12025550100",
      phoneNumber: "+1",
      Body: "It's",
    };
    expect(
      twilio.validateRequest(
        "secret-token",
        twilioSignature("secret-token", url, params),
        url,
        params,
      ),
    ).toBe(true);
  });
});

describe("parseConnectionOverrides", () => {
  it("uses Twilio's defaults without a fragment", () => {
    const o = parseConnectionOverrides("https://x/y");
    expect(o).toMatchObject({
      connectTimeout: 5000,
      readTimeout: 15000,
      totalTimeout: 15000,
      retryCount: 1,
    });
    expect([...o.retryPolicy]).toEqual(["ct"]);
  });

  it("reads ct, rt, tt, rc and rp and clamps to Twilio's ranges", () => {
    const o = parseConnectionOverrides(
      "https://x/y?q=1#ct=1000&rt=99999&tt=3000&rc=9&rp=4xx,5xx&e=dublin",
    );
    expect(o).toMatchObject({
      connectTimeout: 1000,
      readTimeout: 15000,
      totalTimeout: 3000,
      retryCount: 5,
    });
    expect([...o.retryPolicy].sort()).toEqual(["4xx", "5xx"]);
    expect(o.invalid).toHaveLength(2);
    expect(o.ignored).toEqual(["e"]);
  });

  it("expands rp=all", () => {
    expect([...parseConnectionOverrides("https://x/#rp=all").retryPolicy].sort()).toEqual([
      "4xx",
      "5xx",
      "ct",
      "rt",
    ]);
  });
});
