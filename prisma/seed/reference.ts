/** Reference data every installation starts with: people, queues, IVR, hours, settings. */
import bcrypt from "bcryptjs";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const DEMO_USERS = [
  { username: "alice", name: "Alice Johnson", role: "AGENT", skills: ["support"], languages: ["en", "es"] },
  { username: "bob", name: "Bob Martinez", role: "AGENT", skills: ["sales", "support"], languages: ["en"] },
  { username: "sam", name: "Sam Okafor", role: "SUPERVISOR", skills: ["support", "sales", "inspections"], languages: ["en"] },
  { username: "ada", name: "Ada Lindqvist", role: "ADMIN", skills: [], languages: ["en", "sv"] },
] as const;

export const QUEUES = [
  { key: "sales", name: "Sales", targetWorkers: "skills HAS 'sales'", priority: 10, timeoutSeconds: 120 },
  { key: "support", name: "Support", targetWorkers: "skills HAS 'support'", priority: 5, timeoutSeconds: 120 },
  { key: "inspections", name: "Inspections", targetWorkers: "skills HAS 'inspections'", priority: 5, timeoutSeconds: 180 },
  { key: "general", name: "General", targetWorkers: "1==1", priority: 0, timeoutSeconds: 600, isDefault: true },
] as const;

export const ACTIVITIES = [
  { name: "Available", available: true },
  { name: "Busy", available: false },
  { name: "Break", available: false },
  { name: "Wrap-up", available: false },
  { name: "Offline", available: false },
] as const;

export const BUSINESS_TIMEZONE = "America/New_York";

export async function seedReference(db: PrismaClient, password: string) {
  const passwordHash = await bcrypt.hash(password, 10);
  for (const u of DEMO_USERS) {
    await db.user.create({
      data: {
        username: u.username,
        email: `${u.username}@switchboard.test`,
        name: u.name,
        role: u.role,
        passwordHash,
        skills: [...u.skills],
        languages: [...u.languages],
        voiceCapacity: u.role === "AGENT" ? 2 : 1,
      },
    });
  }

  for (const q of QUEUES) {
    await db.queue.create({ data: { ...q, isDefault: "isDefault" in q ? q.isDefault : false } });
  }
  await db.activity.createMany({ data: ACTIVITIES.map((a) => ({ ...a })) });

  const queueId = async (key: string) => (await db.queue.findUniqueOrThrow({ where: { key } })).id;
  await db.ivrOption.createMany({
    data: [
      { digit: "1", label: "Sales", keywords: ["sales", "buy", "pricing", "ventas"], action: "QUEUE", queueId: await queueId("sales"), position: 1 },
      { digit: "2", label: "Support", keywords: ["support", "help", "problem", "soporte", "ayuda"], action: "QUEUE", queueId: await queueId("support"), position: 2 },
      { digit: "3", label: "Inspections", keywords: ["inspection", "inspections", "survey", "claim"], action: "QUEUE", queueId: await queueId("inspections"), position: 3 },
      { digit: "4", label: "Leave a voicemail", keywords: ["voicemail", "message"], action: "VOICEMAIL", position: 4 },
      { digit: "5", label: "Request a callback", keywords: ["callback", "call back", "call me"], action: "CALLBACK", position: 5 },
    ],
  });

  // The demo line is staffed around the clock so a fresh install always reaches an agent;
  // change the hours in Admin to see the after-hours voicemail path.
  await db.businessHours.createMany({
    data: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ dayOfWeek: day, opensAt: "00:00", closesAt: "24:00", timezone: BUSINESS_TIMEZONE })),
  });
  await db.holiday.createMany({
    data: [
      { date: new Date("2026-12-25T00:00:00Z"), name: "Christmas Day" },
      { date: new Date("2027-01-01T00:00:00Z"), name: "New Year's Day" },
    ],
  });

  await db.disposition.createMany({
    data: [
      ["resolved", "Resolved"],
      ["follow_up", "Follow-up needed"],
      ["escalated", "Escalated"],
      ["sale", "Sale made"],
      ["no_sale", "No sale"],
      ["inspection_booked", "Inspection booked"],
      ["wrong_number", "Wrong number"],
    ].map(([code, label], position) => ({ code: code!, label: label!, position })),
  });

  await db.setting.createMany({
    data: [
      { key: "business.name", value: "Switchboard Demo Co." },
      { key: "business.timezone", value: BUSINESS_TIMEZONE },
      { key: "ivr.greeting", value: "Thank you for calling Switchboard Demo Company." },
      { key: "ivr.language", value: "en-US" },
      { key: "recording.inbound", value: true },
      { key: "recording.outbound", value: true },
      { key: "wrapup.timeoutSeconds", value: 60 },
      { key: "sla.thresholdSeconds", value: 20 },
      { key: "retention.days", value: 365 },
    ],
  });

  await db.messageTemplate.createMany({
    data: [
      { name: "Callback scheduled", body: "Hi {{name}}, this is Switchboard Demo Co. We'll call you back shortly." },
      { name: "Inspection link", body: "Hi {{name}}, join your video inspection here: {{link}}" },
      { name: "Follow-up", body: "Thanks for talking with us today, {{name}}. Reply to this message if anything else comes up." },
    ],
  });
}
