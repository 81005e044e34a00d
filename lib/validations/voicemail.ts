import { z } from "zod";

export const setVoicemailHandledSchema = z.object({
  voicemailId: z.string().min(1, "Choose a voicemail."),
  handled: z.boolean(),
});
