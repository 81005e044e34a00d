import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { MAX_FAILURES_PER_USER, verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { createUser, TEST_PASSWORD } from "../support/factories";

describe("verifyCredentials", () => {
  it("signs in with the right password and records the sign-in time", async () => {
    const user = await createUser("SUPERVISOR");
    const result = await verifyCredentials(user.username.toUpperCase(), TEST_PASSWORD, "10.0.0.1");
    expect(result).toEqual({ id: user.id, username: user.username, name: user.name, role: "SUPERVISOR" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lastLoginAt).not.toBeNull();
  });

  it("rejects a wrong password and an unknown user with the same message", async () => {
    const user = await createUser();
    await expect(verifyCredentials(user.username, "wrong-password", "10.0.0.2")).rejects.toThrow("Wrong username or password.");
    await expect(verifyCredentials("nobody-here", TEST_PASSWORD, "10.0.0.2")).rejects.toThrow("Wrong username or password.");
  });

  it("refuses a disabled account with a clear message", async () => {
    const user = await createUser("AGENT", { disabled: true });
    await expect(verifyCredentials(user.username, TEST_PASSWORD, "10.0.0.3")).rejects.toThrow(/disabled/);
  });

  it("locks a username after repeated failures, even with the right password", async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_FAILURES_PER_USER; i++) {
      await expect(verifyCredentials(user.username, "nope", `10.1.0.${i}`)).rejects.toThrow("Wrong username or password.");
    }
    await expect(verifyCredentials(user.username, TEST_PASSWORD, "10.1.1.1")).rejects.toThrow(/Too many sign-in attempts/);
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_FAILURES_PER_USER - 1; i++) {
      await expect(verifyCredentials(user.username, "nope", "10.2.0.1")).rejects.toThrow();
    }
    await verifyCredentials(user.username, TEST_PASSWORD, "10.2.0.1");
    await expect(verifyCredentials(user.username, "nope", "10.2.0.1")).rejects.toThrow("Wrong username or password.");
    await expect(verifyCredentials(user.username, TEST_PASSWORD, "10.2.0.1")).resolves.toMatchObject({ id: user.id });
  });
});
