import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { addHoliday, getBusinessHours, removeHoliday, replaceBusinessHours } from "@/lib/server/settings/business-hours";
import { addDisposition, listDispositions, updateDisposition } from "@/lib/server/settings/dispositions";
import { getSettings } from "@/lib/server/settings/get-settings";
import { getIvrOptions, updateIvr } from "@/lib/server/settings/ivr";
import { updateSettings } from "@/lib/server/settings/update-settings";
import { createUser } from "@/lib/server/users/create-user";
import { resetPassword, updateUser } from "@/lib/server/users/update-user";
import { businessHoursSchema, createUserSchema, ivrSettingsSchema } from "@/lib/validations/admin";
import { createUser as makeUser } from "../support/factories";

async function adminActor() {
  const u = await makeUser("ADMIN");
  return { id: u.id, username: u.username, name: u.name, role: u.role };
}

describe("user administration", () => {
  it("creates a user with a hashed password and refuses duplicates", async () => {
    const actor = await adminActor();
    const name = `carol${Date.now().toString(36)}`;
    const input = createUserSchema.parse({ username: name, name: "Carol", email: `${name}@example.test`, role: "AGENT", skills: ["Support"], languages: ["EN"], voiceCapacity: "2", password: "long-enough-password" });
    const created = await createUser(actor, input);
    const stored = await db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.skills).toEqual(["support"]);
    expect(stored.languages).toEqual(["en"]);
    expect(await bcrypt.compare("long-enough-password", stored.passwordHash)).toBe(true);
    await expect(createUser(actor, input)).rejects.toThrow("That username is taken.");
    expect(await db.auditLog.count({ where: { action: "user.create", targetId: created.id } })).toBe(1);
  });

  it("edits routing skills, refuses an admin demoting themselves, resets passwords", async () => {
    const actor = await adminActor();
    const agent = await makeUser("AGENT");
    const updated = await updateUser(actor, { userId: agent.id, name: "Renamed", email: agent.email, role: "SUPERVISOR", skills: ["sales"], languages: ["en", "fr"], voiceCapacity: 3 });
    expect(updated).toMatchObject({ name: "Renamed", skills: ["sales"], languages: ["en", "fr"], voiceCapacity: 3 });
    await expect(updateUser(actor, { userId: actor.id, name: "Me", email: `${actor.username}@example.test`, role: "AGENT", skills: [], languages: ["en"], voiceCapacity: 1 })).rejects.toThrow("You cannot remove your own admin role.");
    await resetPassword(actor, agent.id, "a-brand-new-password");
    const stored = await db.user.findUniqueOrThrow({ where: { id: agent.id } });
    expect(await bcrypt.compare("a-brand-new-password", stored.passwordHash)).toBe(true);
  });
});

describe("settings", () => {
  it("replaces opening hours and the time zone; rejects impossible hours", async () => {
    const actor = await adminActor();
    await replaceBusinessHours(actor, businessHoursSchema.parse({ timezone: "Europe/Madrid", slots: [{ dayOfWeek: 1, opensAt: "09:00", closesAt: "13:00" }, { dayOfWeek: 1, opensAt: "15:00", closesAt: "19:00" }] }));
    const { slots } = await getBusinessHours();
    expect(slots.map((s) => [s.dayOfWeek, s.opensAt, s.closesAt, s.timezone])).toEqual([
      [1, "09:00", "13:00", "Europe/Madrid"],
      [1, "15:00", "19:00", "Europe/Madrid"],
    ]);
    expect((await getSettings()).timezone).toBe("Europe/Madrid");
    const bad = businessHoursSchema.safeParse({ timezone: "Mars/Olympus", slots: [{ dayOfWeek: 2, opensAt: "18:00", closesAt: "09:00" }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual(expect.arrayContaining(["Unknown time zone.", "Each opening must end after it starts."]));
  });

  it("adds and removes holidays, refusing a duplicate date", async () => {
    const actor = await adminActor();
    await addHoliday(actor, { date: "2031-07-04", name: "Independence Day" });
    await expect(addHoliday(actor, { date: "2031-07-04", name: "Again" })).rejects.toThrow("That date is already a holiday.");
    const holiday = (await getBusinessHours()).holidays.find((h) => h.name === "Independence Day")!;
    await removeHoliday(actor, holiday.id);
    expect((await getBusinessHours()).holidays.some((h) => h.id === holiday.id)).toBe(false);
  });

  it("saves the phone menu and validates options", async () => {
    const actor = await adminActor();
    const queue = await db.queue.create({ data: { key: `ivrq${Date.now().toString(36)}`, name: "IVR test", targetWorkers: "1==1" } });
    await updateIvr(actor, ivrSettingsSchema.parse({
      greeting: "Hola y bienvenido.", language: "es-ES",
      options: [{ digit: "1", label: "Soporte", keywords: ["Soporte"], action: "QUEUE", queueId: queue.id }, { digit: "2", label: "Buzón", keywords: [], action: "VOICEMAIL", queueId: queue.id }],
    }));
    const options = await getIvrOptions();
    expect(options.map((o) => [o.digit, o.action, o.queueId, o.keywords])).toEqual([["1", "QUEUE", queue.id, ["soporte"]], ["2", "VOICEMAIL", null, []]]);
    expect((await getSettings()).greeting).toBe("Hola y bienvenido.");
    const dup = ivrSettingsSchema.safeParse({ greeting: "x", language: "en-US", options: [{ digit: "1", label: "a", keywords: [], action: "VOICEMAIL", queueId: null }, { digit: "1", label: "b", keywords: [], action: "CALLBACK", queueId: null }] });
    expect(dup.error?.issues[0]?.message).toBe("Two options use the same key.");
    const noQueue = ivrSettingsSchema.safeParse({ greeting: "x", language: "en-US", options: [{ digit: "1", label: "a", keywords: [], action: "QUEUE", queueId: null }] });
    expect(noQueue.error?.issues[0]?.message).toBe("Pick the queue this option goes to.");
  });

  it("manages dispositions and call-handling settings", async () => {
    const actor = await adminActor();
    const code = `test_${Date.now().toString(36)}`;
    await addDisposition(actor, { code, label: "Test outcome" });
    await expect(addDisposition(actor, { code, label: "Again" })).rejects.toThrow("That code already exists.");
    const d = (await listDispositions()).find((x) => x.code === code)!;
    await updateDisposition(actor, { id: d.id, label: "Renamed outcome", active: false, position: d.position });
    expect((await listDispositions({ activeOnly: true })).some((x) => x.code === code)).toBe(false);
    await updateSettings(actor, { wrapUpSeconds: 45, recordOutbound: false }, "settings.call-handling");
    expect(await getSettings()).toMatchObject({ wrapUpSeconds: 45, recordOutbound: false });
  });
});
