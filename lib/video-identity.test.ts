import { describe, expect, it } from "vitest";
import { displayNameOf, identityTag, isGuestIdentity, videoIdentity } from "./video-identity";

describe("video identities", () => {
  it("carry the display name and a tag, both ways", () => {
    const id = videoIdentity("Olga  Inspector", "guest-abc");
    expect(id).toBe("Olga Inspector · guest-abc");
    expect(displayNameOf(id)).toBe("Olga Inspector");
    expect(identityTag(id)).toBe("guest-abc");
    expect(isGuestIdentity(id)).toBe(true);
    expect(isGuestIdentity(videoIdentity("Alice Johnson", "alice"))).toBe(false);
  });

  it("cannot be spoofed with the separator in a name", () => {
    const id = videoIdentity("Mallory · alice", "guest-x");
    expect(identityTag(id)).toBe("guest-x");
    expect(isGuestIdentity(id)).toBe(true);
    expect(displayNameOf(id)).toBe("Mallory alice");
  });

  it("fall back to the raw identity when there is no tag", () => {
    expect(displayNameOf("bob")).toBe("bob");
    expect(videoIdentity("   ", "guest-1")).toBe("Guest · guest-1");
  });
});
