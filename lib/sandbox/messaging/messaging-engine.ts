/**
 * The messaging engine (docs/twilio-contract.md §7.2, "Messaging webhooks"): outbound messages
 * with Twilio's status progression and status callbacks, magic numbers for failures, inbound
 * SMS/WhatsApp injection to the number's SMS URL, <Message> replies, and Twilio's default
 * STOP/START opt-out handling.
 */
import { SandboxError } from "../core/rest";
import type { MessagingEngineApi, SandboxContext } from "../core/types";
import { parseXml, XmlParseError, type XmlElement } from "../core/xml";

export type MessageStatus =
  | "queued"
  | "sending"
  | "sent"
  | "delivered"
  | "undelivered"
  | "failed"
  | "receiving"
  | "received"
  | "read"
  | "canceled";

export interface Message {
  sid: string;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  mediaSids: string[];
  direction: "inbound" | "outbound-api" | "outbound-reply" | "outbound-call";
  status: MessageStatus;
  errorCode: number | null;
  errorMessage: string | null;
  dateCreated: number;
  dateUpdated: number;
  dateSent: number | null;
  statusCallback: string | null;
  numSegments: number;
}

export interface MessagingState {
  messages: Message[];
  /** "<recipient>|<our number>" pairs that replied STOP. */
  optOuts: string[];
}

/** Magic recipients (docs/SANDBOX.md): synchronous REST errors and asynchronous failures. */
export const MESSAGING_MAGIC: Record<
  string,
  {
    sync?: { code: number; message: string };
    async?: { status: "undelivered" | "failed"; code: number; message: string };
  }
> = {
  "+15005550001": {
    sync: { code: 21211, message: "The 'To' number +15005550001 is not a valid phone number." },
  },
  "+15005550002": {
    sync: { code: 21612, message: "The 'To' phone number is not currently reachable via SMS." },
  },
  "+15005550004": { sync: { code: 21610, message: "Attempt to send to unsubscribed recipient" } },
  "+15005550009": { sync: { code: 21614, message: "'To' number is not a valid mobile number" } },
  "+15005550010": {
    async: { status: "undelivered", code: 30003, message: "Unreachable destination handset" },
  },
  "+15005550011": {
    async: { status: "failed", code: 30006, message: "Landline or unreachable carrier" },
  },
};

const STOP_WORDS = new Set([
  "STOP",
  "STOPALL",
  "UNSUBSCRIBE",
  "CANCEL",
  "END",
  "QUIT",
  "REVOKE",
  "OPTOUT",
]);
const START_WORDS = new Set(["START", "YES", "UNSTOP"]);
const STOP_REPLY =
  "You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.";
const START_REPLY =
  "You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.";

/** Progression delays on the sandbox clock. */
const STEP_MS = { sending: 100, sent: 500, delivered: 1500, read: 3000 };

const GSM7 =
  /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;

export function countSegments(body: string): number {
  if (body.length === 0) return 1;
  const gsm = GSM7.test(body);
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  // GSM-7 extension characters take two septets; UCS-2 counts UTF-16 code units (an emoji is two).
  const length = gsm ? body.length + (body.match(/[\^{}\\[~\]|€]/g)?.length ?? 0) : body.length;
  return length <= single ? 1 : Math.ceil(length / multi);
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function plainNumber(address: string): string {
  return address.replace(/^whatsapp:/, "");
}

export interface SendOptions {
  to: string;
  from: string;
  body?: string;
  mediaUrls?: string[];
  statusCallback?: string | null;
  direction?: Message["direction"];
}

export class MessagingEngine implements MessagingEngineApi {
  state: MessagingState = { messages: [], optOuts: [] };

  constructor(private readonly ctx: SandboxContext) {}

  get(sid: string): Message | undefined {
    return this.state.messages.find((m) => m.sid === sid);
  }

  private emit(message: Message) {
    this.ctx.emit("message.updated", this.view(message));
  }

  view(m: Message) {
    return {
      sid: m.sid,
      from: m.from,
      to: m.to,
      body: m.body,
      mediaUrls: m.mediaUrls,
      direction: m.direction,
      status: m.status,
      errorCode: m.errorCode,
      dateCreated: m.dateCreated,
    };
  }

  private newMessage(
    init: Omit<
      Message,
      | "sid"
      | "dateCreated"
      | "dateUpdated"
      | "dateSent"
      | "errorCode"
      | "errorMessage"
      | "numSegments"
      | "mediaSids"
    >,
  ): Message {
    const now = this.ctx.clock.now();
    const message: Message = {
      ...init,
      sid: this.ctx.sids.next(init.mediaUrls.length > 0 ? "MM" : "SM"),
      mediaSids: init.mediaUrls.map(() => this.ctx.sids.next("ME")),
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
      errorCode: null,
      errorMessage: null,
      numSegments: countSegments(init.body),
    };
    this.state.messages.push(message);
    this.emit(message);
    return message;
  }

  /** Validates like Twilio's Messages create and queues the message; throws SandboxError for REST. */
  send(options: SendOptions): Message {
    const whatsapp = options.to.startsWith("whatsapp:") || options.from.startsWith("whatsapp:");
    if (whatsapp && !(options.to.startsWith("whatsapp:") && options.from.startsWith("whatsapp:"))) {
      throw new SandboxError(400, 63007, "WhatsApp messages need whatsapp: on both To and From");
    }
    const to = plainNumber(options.to);
    if (!E164.test(to))
      throw new SandboxError(
        400,
        21211,
        `The 'To' number ${options.to} is not a valid phone number.`,
      );
    const own = this.ctx.numbers?.findNumber(options.from);
    if (!own)
      throw new SandboxError(
        400,
        21606,
        `The From phone number ${options.from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
      );
    const body = options.body ?? "";
    const mediaUrls = options.mediaUrls ?? [];
    if (!body && mediaUrls.length === 0)
      throw new SandboxError(400, 21602, "Message body is required.");
    if ([...body].length > 1600)
      throw new SandboxError(
        400,
        21617,
        "The concatenated message body exceeds the 1600 character limit.",
      );
    if (mediaUrls.length > 10)
      throw new SandboxError(400, 21623, "Too many media URLs: at most 10.");
    const magic = MESSAGING_MAGIC[to];
    if (magic?.sync) throw new SandboxError(400, magic.sync.code, magic.sync.message);
    if (this.state.optOuts.includes(`${to}|${own.phoneNumber}`) && !whatsapp)
      throw new SandboxError(400, 21610, "Attempt to send to unsubscribed recipient");
    const message = this.newMessage({
      from: options.from,
      to: options.to,
      body,
      mediaUrls,
      direction: options.direction ?? "outbound-api",
      status: "queued",
      statusCallback: options.statusCallback ?? null,
    });
    this.callback(message);
    this.progress(message, magic?.async, whatsapp);
    return message;
  }

  private progress(
    message: Message,
    failure: (typeof MESSAGING_MAGIC)[string]["async"],
    whatsapp: boolean,
  ) {
    const { clock } = this.ctx;
    const step = (status: MessageStatus, at: number, then?: () => void) =>
      clock.setTimeout(() => {
        if (message.status === "canceled" || !this.get(message.sid)) return;
        this.setStatus(message, status);
        then?.();
      }, at);
    step("sending", STEP_MS.sending);
    step("sent", STEP_MS.sent, () => {
      message.dateSent = this.ctx.clock.now();
    });
    if (failure) {
      clock.setTimeout(() => {
        if (!this.get(message.sid)) return;
        message.errorCode = failure.code;
        message.errorMessage = failure.message;
        this.setStatus(message, failure.status);
      }, STEP_MS.delivered);
      return;
    }
    step("delivered", STEP_MS.delivered);
    if (whatsapp) step("read", STEP_MS.read);
  }

  private setStatus(message: Message, status: MessageStatus) {
    message.status = status;
    message.dateUpdated = this.ctx.clock.now();
    this.emit(message);
    if (status !== "sending") this.callback(message);
  }

  /** Status callback: queued, sent, delivered/undelivered/failed (and read on WhatsApp). */
  private callback(message: Message) {
    if (!message.statusCallback) return;
    const params: Record<string, string> = {
      AccountSid: this.ctx.account.accountSid,
      ApiVersion: "2010-04-01",
      From: message.from,
      To: message.to,
      MessageSid: message.sid,
      SmsSid: message.sid,
      MessageStatus: message.status,
      SmsStatus: message.status,
    };
    if (message.errorCode !== null) params.ErrorCode = String(message.errorCode);
    if (message.from.startsWith("whatsapp:")) params.ChannelPrefix = "whatsapp";
    void this.ctx.webhooks.send({
      kind: "messaging-status",
      url: message.statusCallback,
      params,
      resourceSid: message.sid,
    });
  }

  /** A customer texts one of the account's numbers: the number's SMS URL gets the webhook; <Message> replies are sent back. */
  async injectInbound(options: {
    from: string;
    to: string;
    body: string;
    mediaUrls?: string[];
    profileName?: string;
  }): Promise<{ messageSid: string }> {
    const whatsapp = options.to.startsWith("whatsapp:");
    const from =
      whatsapp && !options.from.startsWith("whatsapp:") ? `whatsapp:${options.from}` : options.from;
    if (!E164.test(plainNumber(from)))
      throw new SandboxError(400, 21212, `From ${options.from} is not a valid phone number`);
    const number = this.ctx.numbers?.findNumber(options.to);
    if (!number)
      throw new SandboxError(404, 20404, `${options.to} is not a phone number of this account`);
    const mediaUrls = options.mediaUrls ?? [];
    const message = this.newMessage({
      from,
      to: options.to,
      body: options.body,
      mediaUrls,
      direction: "inbound",
      status: "receiving",
      statusCallback: null,
    });
    message.status = "received";
    message.dateSent = this.ctx.clock.now();
    this.emit(message);

    // Twilio's default opt-out handling on long codes (the app still gets the webhook).
    const keyword = options.body.trim().toUpperCase();
    const pair = `${plainNumber(from)}|${number.phoneNumber}`;
    if (!whatsapp && STOP_WORDS.has(keyword)) {
      if (!this.state.optOuts.includes(pair)) this.state.optOuts.push(pair);
      this.autoReply(number.phoneNumber, from, STOP_REPLY);
    } else if (!whatsapp && START_WORDS.has(keyword)) {
      this.state.optOuts = this.state.optOuts.filter((p) => p !== pair);
      this.autoReply(number.phoneNumber, from, START_REPLY);
    }

    let url = number.smsUrl;
    let method = number.smsMethod;
    let fallbackUrl = number.smsFallbackUrl;
    let fallbackMethod = number.smsFallbackMethod;
    if (number.smsApplicationSid) {
      const app = this.ctx.numbers?.getApplication(number.smsApplicationSid);
      if (app)
        ({
          smsUrl: url,
          smsMethod: method,
          smsFallbackUrl: fallbackUrl,
          smsFallbackMethod: fallbackMethod,
        } = app);
    }
    if (!url) {
      this.ctx.debugger.report({
        level: "warning",
        code: 11200,
        message: `${number.phoneNumber} has no SMS URL configured; the message was stored only`,
        resourceSid: message.sid,
      });
      return { messageSid: message.sid };
    }
    const params: Record<string, string> = {
      ToCountry: "US",
      ToState: "",
      SmsMessageSid: message.sid,
      NumMedia: String(mediaUrls.length),
      ToCity: "",
      FromZip: "",
      SmsSid: message.sid,
      FromState: "",
      SmsStatus: "received",
      FromCity: "",
      Body: options.body,
      FromCountry: /^\+1/.test(plainNumber(from)) ? "US" : "",
      To: options.to,
      ToZip: "",
      NumSegments: String(message.numSegments),
      MessageSid: message.sid,
      AccountSid: this.ctx.account.accountSid,
      From: from,
      ApiVersion: "2010-04-01",
    };
    mediaUrls.forEach((u, i) => {
      params[`MediaUrl${i}`] = u;
      params[`MediaContentType${i}`] = guessContentType(u);
    });
    if (whatsapp) {
      params.WaId = plainNumber(from).slice(1);
      params.ProfileName = options.profileName ?? "Sandbox customer";
      params.MessageType = mediaUrls.length ? "image" : "text";
      params.ChannelMetadata = JSON.stringify({
        type: "whatsapp",
        data: { context: { ProfileName: params.ProfileName, WaId: params.WaId } },
      });
    }
    void this.handleWebhook(
      message,
      { url, method, fallbackUrl: fallbackUrl || undefined, fallbackMethod },
      params,
      number.phoneNumber,
      0,
    );
    return { messageSid: message.sid };
  }

  private autoReply(ourNumber: string, to: string, body: string) {
    const message = this.newMessage({
      from: ourNumber,
      to,
      body,
      mediaUrls: [],
      direction: "outbound-reply",
      status: "queued",
      statusCallback: null,
    });
    this.progress(message, undefined, false);
  }

  private async handleWebhook(
    inbound: Message,
    target: {
      url: string;
      method: "GET" | "POST";
      fallbackUrl?: string;
      fallbackMethod?: "GET" | "POST";
    },
    params: Record<string, string>,
    ourNumber: string,
    depth: number,
  ) {
    if (depth > 10) {
      this.ctx.debugger.report({
        level: "error",
        code: 12400,
        message: "More than 10 messaging <Redirect>s for one message",
        resourceSid: inbound.sid,
      });
      return;
    }
    const result = await this.ctx.webhooks.send({
      kind: "messaging",
      url: target.url,
      method: target.method,
      params,
      fallbackUrl: target.fallbackUrl,
      fallbackMethod: target.fallbackMethod,
      resourceSid: inbound.sid,
    });
    if (!result.ok) return;
    const body = result.body.trim();
    if (!body) return;
    let root: XmlElement;
    try {
      root = parseXml(body);
      if (root.name !== "Response")
        throw new XmlParseError(`The root element must be <Response>, got <${root.name}>`);
    } catch (error) {
      this.ctx.debugger.report({
        level: "error",
        code: 12100,
        message: `Document parse failure: ${error instanceof Error ? error.message : String(error)}`,
        resourceSid: inbound.sid,
        url: target.url,
      });
      return;
    }
    const docUrl = target.url;
    for (const verb of root.children) {
      if (verb.name === "Message") this.reply(inbound, verb, docUrl, ourNumber);
      else if (verb.name === "Redirect") {
        const url = resolve(verb.text, docUrl);
        if (!url) continue;
        await this.handleWebhook(
          inbound,
          { url, method: verb.attrs.method?.toUpperCase() === "GET" ? "GET" : "POST" },
          params,
          ourNumber,
          depth + 1,
        );
        return;
      } else {
        this.ctx.debugger.report({
          level: "warning",
          code: 12200,
          message: `Messaging TwiML <${verb.name}> is not a messaging verb; skipped`,
          resourceSid: inbound.sid,
        });
      }
    }
  }

  private reply(inbound: Message, verb: XmlElement, docUrl: string, ourNumber: string) {
    const bodyEl = verb.children.find((c) => c.name === "Body");
    const body = bodyEl ? bodyEl.text : verb.text;
    const mediaUrls = verb.children
      .filter((c) => c.name === "Media")
      .map((c) => resolve(c.text, docUrl) ?? c.text);
    const whatsapp = inbound.from.startsWith("whatsapp:");
    const to = verb.attrs.to ?? inbound.from;
    const from = verb.attrs.from ?? (whatsapp ? `whatsapp:${ourNumber}` : inbound.to);
    if (verb.attrs.action)
      this.ctx.debugger.report({
        level: "unsupported",
        code: 0,
        message: "<Message action> (deprecated) is not emulated",
        resourceSid: inbound.sid,
      });
    try {
      this.send({
        to,
        from,
        body,
        mediaUrls,
        statusCallback: verb.attrs.statusCallback
          ? resolve(verb.attrs.statusCallback, docUrl)
          : null,
        direction: "outbound-reply",
      });
    } catch (error) {
      const e = error as SandboxError;
      this.ctx.debugger.report({
        level: "error",
        code: e.code ?? 0,
        message: `<Message> reply failed: ${e.message}`,
        resourceSid: inbound.sid,
      });
    }
  }

  reset() {
    this.state = { messages: [], optOuts: [] };
  }
}

function resolve(target: string, base: string): string | null {
  try {
    return new URL(target, base).toString();
  } catch {
    return null;
  }
}

function guessContentType(url: string): string {
  const ext = /\.([a-z0-9]+)(?:\?|$)/i.exec(url)?.[1]?.toLowerCase();
  const types: Record<string, string> = {
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    gif: "image/gif",
    pdf: "application/pdf",
    mp4: "video/mp4",
    mp3: "audio/mpeg",
    ogg: "audio/ogg",
    vcf: "text/vcard",
  };
  return (ext && types[ext]) || "application/octet-stream";
}
