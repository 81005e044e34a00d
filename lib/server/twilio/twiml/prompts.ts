/**
 * What the phone line says, in the languages the IVR offers. Only fixed text and numbers are
 * spoken: nothing a caller typed or said is ever read back.
 * Voice `alice` speaks both en-US and es-MX.
 * https://www.twilio.com/docs/voice/twiml/say#voice
 */
export type IvrLanguage = "en" | "es";

export const SAY_LOCALE: Record<IvrLanguage, "en-US" | "es-MX"> = { en: "en-US", es: "es-MX" };

export function sayAttributes(language: IvrLanguage) {
  return { voice: "alice" as const, language: SAY_LOCALE[language] };
}

const PROMPTS = {
  en: {
    apology: "We're sorry, something went wrong on our side.",
    apologyVoicemail: "Please leave a message after the tone and we will call you back.",
    goodbye: "Thank you for calling. Goodbye.",
    press: (digit: string, label: string) => `For ${label}, press ${digit}.`,
    orSay: "You can also say what you need.",
    spanishOffer: "Para español, oprima nueve.",
    notUnderstood: "Sorry, I didn't get that.",
    routingDefault: "Let me connect you with the next available person.",
    connecting: (label: string) => `Connecting you to ${label}. Please hold.`,
    afterHours: "Our office is closed right now.",
    holiday: "Our office is closed today for the holiday.",
    voicemailPrompt: "Please leave your name, number and a short message after the tone. Press the pound key when you are finished.",
    voicemailThanks: "Thank you. Your message was recorded and we will get back to you soon. Goodbye.",
    voicemailEmpty: "We did not receive a message. Goodbye.",
    callbackConfirm: (last4: string) => `Thank you. We will call you back at the number ending in ${last4.split("").join(" ")} as soon as someone is available. Goodbye.`,
    callbackAskNumber: "Please enter the phone number where we can reach you, including the area code, then press pound.",
    callbackInvalid: "Sorry, that number does not look right.",
    queuePosition: (position: number) => (position <= 1 ? "You are next in line." : `You are number ${position} in line.`),
    estimatedWait: (minutes: number) => (minutes <= 1 ? "Your estimated wait is about one minute." : `Your estimated wait is about ${minutes} minutes.`),
    waitOptions: "To leave a voicemail instead, press 1. To have us call you back, press 2.",
    stillHolding: "Thank you for holding. Someone will be with you shortly.",
    queueUnavailable: "We're sorry, we cannot connect you right now.",
    outboundInvalid: "The number you dialed is not valid. Please check it and try again.",
    outboundNotAllowed: "This phone is not allowed to place calls.",
    outboundAgentUnavailable: "That agent is not available.",
    outboundNotReady: "You cannot call out right now. Set your status to Available, or finish your other work, then try again.",
    outboundFailed: "The call could not be placed. Please try again.",
    outboundEnded: (status: string) =>
      status === "busy" ? "The number is busy." : status === "no-answer" ? "There was no answer." : status === "failed" ? "The call could not be connected." : "The call was not answered.",
  },
  es: {
    apology: "Lo sentimos, algo salió mal.",
    apologyVoicemail: "Por favor deje un mensaje después del tono y le devolveremos la llamada.",
    goodbye: "Gracias por llamar. Adiós.",
    press: (digit: string, label: string) => `Para ${label}, oprima ${digit}.`,
    orSay: "También puede decir lo que necesita.",
    spanishOffer: "",
    notUnderstood: "Lo siento, no le entendí.",
    routingDefault: "Le comunicamos con la próxima persona disponible.",
    connecting: (label: string) => `Le comunicamos con ${label}. Por favor espere.`,
    afterHours: "Nuestra oficina está cerrada en este momento.",
    holiday: "Nuestra oficina está cerrada hoy por día festivo.",
    voicemailPrompt: "Por favor deje su nombre, número y un breve mensaje después del tono. Oprima la tecla numeral al terminar.",
    voicemailThanks: "Gracias. Su mensaje fue grabado y le responderemos pronto. Adiós.",
    voicemailEmpty: "No recibimos ningún mensaje. Adiós.",
    callbackConfirm: (last4: string) => `Gracias. Le llamaremos al número que termina en ${last4.split("").join(" ")} en cuanto haya alguien disponible. Adiós.`,
    callbackAskNumber: "Por favor marque el número donde podemos llamarle, con el código de área, y luego oprima numeral.",
    callbackInvalid: "Lo siento, ese número no parece correcto.",
    queuePosition: (position: number) => (position <= 1 ? "Usted es el siguiente." : `Usted es el número ${position} en la fila.`),
    estimatedWait: (minutes: number) => (minutes <= 1 ? "El tiempo de espera es de aproximadamente un minuto." : `El tiempo de espera es de aproximadamente ${minutes} minutos.`),
    waitOptions: "Para dejar un mensaje, oprima 1. Para que le devolvamos la llamada, oprima 2.",
    stillHolding: "Gracias por esperar. Pronto le atenderemos.",
    queueUnavailable: "Lo sentimos, no podemos comunicarle en este momento.",
    outboundInvalid: "El número marcado no es válido.",
    outboundNotAllowed: "Este teléfono no puede hacer llamadas.",
    outboundAgentUnavailable: "Ese agente no está disponible.",
    outboundNotReady: "No puede llamar ahora. Póngase Disponible o termine su otro trabajo e intente de nuevo.",
    outboundFailed: "No se pudo hacer la llamada. Intente de nuevo.",
    outboundEnded: (status: string) =>
      status === "busy" ? "El número está ocupado." : status === "no-answer" ? "No contestaron." : status === "failed" ? "No se pudo conectar la llamada." : "No contestaron la llamada.",
  },
} as const;

export type Prompts = (typeof PROMPTS)["en"];

export function prompts(language: IvrLanguage): Prompts {
  return PROMPTS[language] as Prompts;
}

/** Spanish labels for the seeded IVR options; other labels are spoken as configured. */
const SPANISH_LABELS: Record<string, string> = {
  Sales: "ventas",
  Support: "soporte técnico",
  Inspections: "inspecciones",
  "Leave a voicemail": "dejar un mensaje",
  "Request a callback": "solicitar que le llamemos",
};

export function optionLabel(label: string, language: IvrLanguage): string {
  return language === "es" ? (SPANISH_LABELS[label] ?? label) : label.toLowerCase();
}
