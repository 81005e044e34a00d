import { z } from "zod";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Times look like 09:00 (24-hour clock).");

export const userRoleSchema = z.enum(["AGENT", "SUPERVISOR", "ADMIN"], { message: "Choose a role." });
const skillList = z
  .array(z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_]{0,31}$/, "Skills are short lowercase words (letters, digits, _)."))
  .max(20);
const languageList = z.array(z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, "Languages are two-letter codes such as en, es.")).max(10);

export const createUserSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_.-]{1,31}$/, "Usernames are 2–32 lowercase letters, digits, . _ or -, starting with a letter."),
  name: z.string().trim().min(1, "Enter a name.").max(80),
  email: z.email("Enter a valid email address.").max(120),
  role: userRoleSchema,
  skills: skillList,
  languages: languageList,
  voiceCapacity: z.coerce.number().int().min(1, "Capacity is at least 1.").max(5, "Capacity is at most 5."),
  password: z.string().min(10, "Passwords are at least 10 characters.").max(200),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = createUserSchema.omit({ username: true, password: true }).extend({ userId: z.string().min(1) });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({
  userId: z.string().min(1),
  password: z.string().min(10, "Passwords are at least 10 characters.").max(200),
});

export const businessHoursSchema = z
  .object({
    timezone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "Unknown time zone."),
    slots: z
      .array(z.object({ dayOfWeek: z.number().int().min(0).max(6), opensAt: clock, closesAt: clock }))
      .max(28),
  })
  .superRefine((value, ctx) => {
    for (const [i, slot] of value.slots.entries()) {
      if (slot.opensAt >= slot.closesAt) {
        ctx.addIssue({ code: "custom", message: "Each opening must end after it starts.", path: ["slots", i, "closesAt"] });
      }
    }
  });
export type BusinessHoursInput = z.infer<typeof businessHoursSchema>;

export const holidaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-12-25."),
  name: z.string().trim().min(1, "Name the holiday.").max(80),
});

export const idSchema = z.object({ id: z.string().min(1) });

export const ivrSettingsSchema = z.object({
  greeting: z.string().trim().min(1, "Enter a greeting.").max(400, "Keep the greeting under 400 characters."),
  language: z.enum(["en-US", "en-GB", "es-ES", "es-US"], { message: "Choose a supported language." }),
  options: z
    .array(
      z
        .object({
          digit: z.string().regex(/^[1-9]$/, "Options use the keys 1–9."),
          label: z.string().trim().min(1, "Name every option.").max(60),
          keywords: z.array(z.string().trim().toLowerCase().min(1).max(40)).max(10),
          action: z.enum(["QUEUE", "VOICEMAIL", "CALLBACK"]),
          queueId: z.string().nullable(),
        })
        .refine((o) => o.action !== "QUEUE" || !!o.queueId, { message: "Pick the queue this option goes to.", path: ["queueId"] }),
    )
    .min(1, "Keep at least one option.")
    .max(9)
    .refine((opts) => new Set(opts.map((o) => o.digit)).size === opts.length, "Two options use the same key."),
});
export type IvrSettingsInput = z.infer<typeof ivrSettingsSchema>;

export const queueSettingsSchema = z.object({
  queueId: z.string().min(1),
  name: z.string().trim().min(1, "Name the queue.").max(60),
  slaThresholdSeconds: z.coerce.number().int().min(5, "The SLA threshold is at least 5 seconds.").max(600),
  timeoutSeconds: z.coerce.number().int().min(10, "Overflow waits at least 10 seconds.").max(3600),
  priority: z.coerce.number().int().min(0).max(100),
});

export const callHandlingSchema = z.object({
  wrapUpSeconds: z.coerce.number().int().min(0, "Wrap-up cannot be negative.").max(900, "Wrap-up is at most 15 minutes."),
  recordInbound: z.boolean(),
  recordOutbound: z.boolean(),
  retentionDays: z.coerce.number().int().min(7, "Keep data at least 7 days.").max(3650),
});
export type CallHandlingInput = z.infer<typeof callHandlingSchema>;

export const dispositionSchema = z.object({
  code: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_]{1,39}$/, "Codes are lowercase words joined by _."),
  label: z.string().trim().min(1, "Enter a label.").max(60),
});

export const dispositionUpdateSchema = z.object({
  id: z.string().min(1),
  label: z.string().trim().min(1).max(60),
  active: z.boolean(),
  position: z.number().int().min(0).max(1000),
});
