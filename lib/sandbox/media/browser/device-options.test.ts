import { describe, expect, it } from "vitest";
import { voiceDeviceOptions } from "./device-options";

describe("voiceDeviceOptions", () => {
  it("adds nothing in Twilio mode", () => {
    expect(voiceDeviceOptions({ token: "jwt", mode: "twilio" })).toEqual({});
  });

  it("points the Device at the sandbox in sandbox mode", () => {
    const options = voiceDeviceOptions({
      token: "jwt",
      mode: "sandbox",
      sandbox: { baseUrl: "http://127.0.0.1:3100" },
    });
    expect(options).toMatchObject({
      chunderw: "127.0.0.1:3100/voice",
      publishEvents: false,
      codecPreferences: ["pcmu"],
    });
    expect("PStream" in options && typeof options.PStream).toBe("function");
    expect("sounds" in options && options.sounds).toMatchObject({
      incoming: "http://127.0.0.1:3100/voice/sounds/incoming.wav",
      dtmfh: "http://127.0.0.1:3100/voice/sounds/dtmf-hash.wav",
    });
    // Same sandbox, same class: re-renders do not mint new PStream classes.
    const again = voiceDeviceOptions({
      token: "jwt2",
      mode: "sandbox",
      sandbox: { baseUrl: "http://127.0.0.1:3100/" },
    });
    expect("PStream" in again && again.PStream).toBe("PStream" in options && options.PStream);
  });

  it("refuses a sandbox answer that does not say where the sandbox is", () => {
    expect(() => voiceDeviceOptions({ token: "jwt", mode: "sandbox" })).toThrow(/sandbox\.baseUrl/);
    expect(() =>
      voiceDeviceOptions({ token: "jwt", mode: "sandbox", sandbox: { baseUrl: "ftp://x" } }),
    ).toThrow(/Unsupported/);
  });
});
