import { z } from "zod";

const sid = (prefix: string, what: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `That is not a valid ${what}.`);

export const taskSidSchema = sid("WT", "task");
export const reservationSidSchema = sid("WR", "reservation");
export const callSidSchema = sid("CA", "call");

export const holdSchema = z.object({
  hold: z.boolean({ message: "Say whether to hold or resume." }),
  /** Whose leg: the customer's (default) or another participant's CallSid. */
  callSid: callSidSchema.optional(),
});
export type HoldInput = z.infer<typeof holdSchema>;

export const muteSchema = z.object({ muted: z.boolean({ message: "Say whether to mute or unmute." }) });
export type MuteInput = z.infer<typeof muteSchema>;

export const transferTargetSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("agent"), userId: z.string().min(1, "Choose an agent.") }),
  z.object({ type: z.literal("queue"), queueKey: z.string().min(1, "Choose a queue.") }),
]);

export const transferSchema = z.object({
  mode: z.enum(["cold", "warm"], { message: "Choose a cold or warm transfer." }),
  target: transferTargetSchema,
});
export type TransferInput = z.infer<typeof transferSchema>;

export const finishTransferSchema = z.object({
  outcome: z.enum(["handoff", "return"], { message: "Choose to hand the caller over or take them back." }),
});
export type FinishTransferInput = z.infer<typeof finishTransferSchema>;

export const addParticipantSchema = z.object({
  to: z.string({ message: "Enter a phone number." }).trim().min(3, "Enter a phone number.").max(32, "That number is too long."),
});
export type AddParticipantInput = z.infer<typeof addParticipantSchema>;

export const superviseSchema = z.object({
  mode: z.enum(["monitor", "whisper", "barge"], { message: "Choose monitor, whisper or barge." }),
});
export type SuperviseInput = z.infer<typeof superviseSchema>;

export const hangupSchema = z.object({ callSid: callSidSchema });
export type HangupInput = z.infer<typeof hangupSchema>;

export const completeTaskSchema = z.object({
  disposition: z.string({ message: "Choose a disposition." }).min(1, "Choose a disposition.").max(64),
  notes: z.string().trim().max(4000, "Notes are limited to 4000 characters.").optional(),
});
export type CompleteTaskInput = z.infer<typeof completeTaskSchema>;

export const rejectReservationSchema = z.object({
  /** Activity to move to after rejecting (e.g. Break); the agent stays in their activity otherwise. */
  activity: z.enum(["Available", "Break", "Offline"]).optional(),
});
export type RejectReservationInput = z.infer<typeof rejectReservationSchema>;

export const recordingSidSchema = sid("RE", "recording");
