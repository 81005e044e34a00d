import { z } from "zod";

const id = z.string().trim().min(1).max(64);

export const createInspectionSchema = z.object({
  subject: z.string().trim().min(3, "Describe the inspection in a few words.").max(200, "Keep the subject under 200 characters."),
  reference: z.string().trim().min(1, "Add the vessel, claim or case number.").max(100, "That reference is too long."),
  scheduledAt: z.coerce.date({ message: "Choose when the inspection takes place." }),
  assigneeId: z.string().trim().max(64).optional().transform((v) => (v ? v : undefined)),
});
export type CreateInspectionInput = z.infer<typeof createInspectionSchema>;

export const createInviteSchema = z.object({
  inspectionId: id,
  displayName: z.string().trim().min(2, "Enter the guest's name.").max(80, "That name is too long."),
  validHours: z.coerce.number().int().min(1, "A link must be valid for at least an hour.").max(24 * 14, "A link can be valid for at most 14 days."),
  maxUses: z.coerce.number().int().min(1).max(20).default(5),
});
export type CreateInviteInput = z.infer<typeof createInviteSchema>;

export const revokeInviteSchema = z.object({ inspectionId: id, inviteId: id });

export const saveNotesSchema = z.object({
  inspectionId: id,
  notes: z.string().max(10_000, "Notes are limited to 10,000 characters."),
});

export const joinRequestSchema = z.object({
  displayName: z.string().trim().min(2, "Enter your name.").max(80, "That name is too long."),
  /** A random secret the guest's browser keeps; it polls for the decision with it. */
  key: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, "Invalid request key."),
});

export const decideJoinSchema = z.object({ decision: z.enum(["admit", "deny"]) });

export const recordingSchema = z.object({ recording: z.boolean() });

export const snapshotSchema = z.object({
  participant: z.string().trim().min(1).max(120),
  /** data:image/jpeg;base64,… captured from a <video> element on a canvas. */
  image: z.string().regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/, "The snapshot is not an image.").max(4_000_000, "The snapshot is too large."),
});
