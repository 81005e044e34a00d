/**
 * Safe fallbacks for a failing TwiML route (STYLE.md §6): a short spoken apology, then either
 * voicemail or a polite hang-up — never an HTTP 500, which the caller hears as
 * "an application error has occurred".
 * https://www.twilio.com/docs/voice/twiml
 */
import twilio from "twilio";
import { prompts, sayAttributes } from "./prompts";

export function apologyTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(sayAttributes("en"), prompts("en").apology);
  response.say(sayAttributes("en"), prompts("en").goodbye);
  response.hangup();
  return response.toString();
}

/** Apology, then a voicemail recording posted to `voicemailActionUrl`. */
export function apologyWithVoicemailTwiml(voicemailActionUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const en = prompts("en");
  response.say(sayAttributes("en"), `${en.apology} ${en.apologyVoicemail}`);
  response.record({ action: voicemailActionUrl, method: "POST", maxLength: 120, finishOnKey: "#", playBeep: true });
  response.say(sayAttributes("en"), en.goodbye);
  response.hangup();
  return response.toString();
}
