/** The messaging module: Messages on the 2010 API, inbound injection on the control API, ctx.messaging. */
import {
  formList,
  formString,
  list2010,
  notFound,
  requireString,
  rfc2822,
  SandboxError,
} from "../core/rest";
import type {
  HttpRoute,
  SandboxContext,
  SandboxModule,
  SandboxRequest,
  SupportEntry,
} from "../core/types";
import { MessagingEngine, type Message, type MessagingState } from "./messaging-engine";

const API = "/api/2010-04-01/Accounts/:AccountSid";

function serialize(m: Message, accountSid: string) {
  const base = `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}`;
  return {
    account_sid: accountSid,
    api_version: "2010-04-01",
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: rfc2822(m.dateSent),
    date_updated: rfc2822(m.dateUpdated),
    direction: m.direction,
    error_code: m.errorCode,
    error_message: m.errorMessage,
    from: m.from,
    messaging_service_sid: null,
    num_media: String(m.mediaUrls.length),
    num_segments: String(m.numSegments),
    price: null,
    price_unit: "USD",
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${base}/Media.json`, feedback: `${base}/Feedback.json` },
    to: m.to,
    uri: `${base}.json`,
  };
}

function serializeMedia(m: Message, index: number, accountSid: string) {
  const sid = m.mediaSids[index]!;
  return {
    account_sid: accountSid,
    content_type: "application/octet-stream",
    date_created: rfc2822(m.dateCreated),
    date_updated: rfc2822(m.dateUpdated),
    parent_sid: m.sid,
    sid,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}/Media/${sid}.json`,
  };
}

function dateSentFilter(query: URLSearchParams): (m: Message) => boolean {
  const day = (v: string) => Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  const exact = query.get("DateSent");
  const before = query.get("DateSent<");
  const after = query.get("DateSent>");
  return (m) => {
    const t = m.dateSent ?? m.dateCreated;
    if (exact && new Date(t).toISOString().slice(0, 10) !== exact.slice(0, 10)) return false;
    if (before && t > day(before) + (before.length === 10 ? 86_399_999 : 0)) return false;
    if (after && t < day(after)) return false;
    return true;
  };
}

function input(request: SandboxRequest): Record<string, unknown> {
  if (request.json && typeof request.json === "object")
    return request.json as Record<string, unknown>;
  return request.form;
}

export const messagingSupport: SupportEntry[] = [
  {
    area: "REST /Messages",
    item: "create: To, From, Body (≤1600), MediaUrl (≤10), StatusCallback, ApplicationSid (its SmsStatusCallback)",
    status: "supported",
  },
  {
    area: "REST /Messages",
    item: "create: MessagingServiceSid, ContentSid/ContentVariables, SendAt/ScheduleType, ShortenUrls, SmartEncoded, PersistentAction, RiskCheck",
    status: "unsupported",
    notes:
      "MessagingServiceSid and ContentSid are refused (400) and logged; the others are accepted and logged",
  },
  {
    area: "REST /Messages",
    item: 'list (To, From, DateSent with < and >), fetch, update (Body="" redacts), delete; Media list/fetch',
    status: "supported",
  },
  {
    area: "REST /Messages",
    item: "Media content download",
    status: "unsupported",
    notes: "media URLs are stored and passed on as given",
  },
  {
    area: "Message lifecycle",
    item: "queued → sending → sent → delivered (WhatsApp: then read) on the clock; status callbacks for queued, sent, delivered, undelivered, failed, read with ErrorCode",
    status: "supported",
  },
  {
    area: "Message magic numbers",
    item: "+15005550001 → 21211, +15005550002 → 21612, +15005550004 → 21610, +15005550009 → 21614 (REST 400); +15005550010 → undelivered 30003, +15005550011 → failed 30006",
    status: "supported",
  },
  {
    area: "Inbound messages",
    item: "SMS and WhatsApp (whatsapp: prefix) to the number's SmsUrl/SmsMethod or SmsApplicationSid, SmsFallbackUrl; Body, NumMedia, MediaUrlN, MediaContentTypeN, NumSegments, WaId, ProfileName",
    status: "supported",
  },
  {
    area: "Inbound messages",
    item: "Twilio's default opt-out keywords (STOP, UNSUBSCRIBE, … / START, YES, UNSTOP) with the standard auto-replies; later sends to an opted-out recipient fail with 21610",
    status: "supported",
  },
  {
    area: "Messaging TwiML",
    item: "<Message> (text, <Body>, <Media>, to, from, statusCallback), <Redirect method>",
    status: "supported",
  },
  {
    area: "Messaging TwiML",
    item: "<Message action/method>",
    status: "unsupported",
    notes: "deprecated by Twilio; logged",
  },
];

export function messagingModule(ctx: SandboxContext): SandboxModule {
  const engine = new MessagingEngine(ctx);
  ctx.messaging = engine;
  const account = () => ctx.account.accountSid;
  const find = (sid: string) => {
    const m = engine.get(sid);
    if (!m) throw notFound(`Message ${sid}`);
    return m;
  };

  const routes: HttpRoute[] = [
    {
      method: "POST",
      pattern: `${API}/Messages.json`,
      handler: (request) => {
        const f = request.form;
        const to = requireString(f, "To");
        if (formString(f, "MessagingServiceSid") && !formString(f, "From")) {
          ctx.debugger.report({
            level: "unsupported",
            code: 0,
            message: "Messaging Services (MessagingServiceSid) are not emulated; send with From",
          });
          throw new SandboxError(
            400,
            21701,
            "The Messaging Service does not exist (Messaging Services are not emulated by the sandbox)",
          );
        }
        if (formString(f, "ContentSid")) {
          ctx.debugger.report({
            level: "unsupported",
            code: 0,
            message: "Content templates (ContentSid) are not emulated",
          });
          throw new SandboxError(400, 21656, "ContentSid is not supported by the sandbox");
        }
        for (const key of [
          "SendAt",
          "ScheduleType",
          "ShortenUrls",
          "SmartEncoded",
          "PersistentAction",
          "RiskCheck",
          "ValidityPeriod",
          "MaxPrice",
          "ProvideFeedback",
          "Attempt",
          "ForceDelivery",
        ]) {
          if (formString(f, key))
            ctx.debugger.report({
              level: "unsupported",
              code: 0,
              message: `Messages create parameter ${key} is accepted but not emulated`,
            });
        }
        let statusCallback = formString(f, "StatusCallback") ?? null;
        const applicationSid = formString(f, "ApplicationSid");
        if (!statusCallback && applicationSid) {
          const app = ctx.numbers?.getApplication(applicationSid);
          if (!app)
            throw new SandboxError(
              400,
              21218,
              `ApplicationSid ${applicationSid} is not an Application of this account`,
            );
          statusCallback = app.smsStatusCallback || app.messageStatusCallback || null;
        }
        if (statusCallback && !/^https?:\/\//.test(statusCallback))
          throw new SandboxError(
            400,
            21609,
            `StatusCallback is not a valid URL: ${statusCallback}`,
          );
        const message = engine.send({
          to,
          from: requireString(f, "From"),
          body: formString(f, "Body"),
          mediaUrls: formList(f, "MediaUrl"),
          statusCallback,
        });
        return { status: 201, body: serialize(message, account()) };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Messages.json`,
      handler: (request) => {
        const q = request.query;
        const sent = dateSentFilter(q);
        const items = engine.state.messages
          .filter(
            (m) =>
              (!q.get("To") || m.to === q.get("To")) &&
              (!q.get("From") || m.from === q.get("From")) &&
              sent(m),
          )
          .sort((a, b) => b.dateCreated - a.dateCreated);
        return {
          status: 200,
          body: list2010(request, "messages", items, (m) => serialize(m, account())),
        };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Messages/:Sid.json`,
      handler: (r) => ({ status: 200, body: serialize(find(r.params.Sid!), account()) }),
    },
    {
      method: "POST",
      pattern: `${API}/Messages/:Sid.json`,
      handler: (request) => {
        const m = find(request.params.Sid!);
        const body = formString(request.form, "Body");
        const status = formString(request.form, "Status");
        if (body !== undefined) {
          if (body !== "")
            throw new SandboxError(
              400,
              20001,
              "Body can only be set to an empty string (redaction)",
            );
          if (m.status === "queued" || m.status === "sending")
            throw new SandboxError(400, 20009, "Cannot redact a message that is still being sent");
          m.body = "";
        }
        if (status !== undefined) {
          if (status !== "canceled")
            throw new SandboxError(400, 20001, "Status can only be set to canceled");
          throw new SandboxError(
            400,
            30409,
            "Only scheduled messages can be canceled (scheduling is not emulated)",
          );
        }
        m.dateUpdated = ctx.clock.now();
        return { status: 200, body: serialize(m, account()) };
      },
    },
    {
      method: "DELETE",
      pattern: `${API}/Messages/:Sid.json`,
      handler: (request) => {
        const m = find(request.params.Sid!);
        if (m.status === "queued" || m.status === "sending")
          throw new SandboxError(400, 20009, "Cannot delete a message that is still being sent");
        engine.state.messages = engine.state.messages.filter((x) => x !== m);
        return { status: 204 };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Messages/:Sid/Media.json`,
      handler: (request) => {
        const m = find(request.params.Sid!);
        return {
          status: 200,
          body: list2010(
            request,
            "media_list",
            m.mediaUrls.map((_, i) => i),
            (i) => serializeMedia(m, i, account()),
          ),
        };
      },
    },
    {
      method: "GET",
      pattern: `${API}/Messages/:Sid/Media/:MediaSid.json`,
      handler: (request) => {
        const m = find(request.params.Sid!);
        const index = m.mediaSids.indexOf(request.params.MediaSid!);
        if (index === -1) throw notFound(`Media ${request.params.MediaSid}`);
        return { status: 200, body: serializeMedia(m, index, account()) };
      },
    },
    // ── control API ──
    {
      method: "POST",
      pattern: "/sandbox/messages/inbound",
      auth: "none",
      handler: async (request) => {
        const body = input(request);
        const str = (k: string) =>
          typeof body[k] === "string"
            ? (body[k] as string)
            : Array.isArray(body[k])
              ? String((body[k] as unknown[]).at(-1))
              : undefined;
        const from = str("from");
        const to = str("to");
        const text = str("body") ?? "";
        const raw = body.mediaUrls ?? body.mediaUrl;
        const mediaUrls = Array.isArray(raw)
          ? raw.map(String)
          : typeof raw === "string"
            ? [raw]
            : [];
        if (!from || !to) throw new SandboxError(400, 21201, "from and to are required");
        if (!text && mediaUrls.length === 0)
          throw new SandboxError(400, 21602, "body or mediaUrls is required");
        const result = await engine.injectInbound({
          from,
          to,
          body: text,
          mediaUrls,
          profileName: str("profileName"),
        });
        return { status: 201, body: result };
      },
    },
    {
      method: "GET",
      pattern: "/sandbox/messages",
      auth: "none",
      handler: () => ({
        status: 200,
        body: { messages: engine.state.messages.map((m) => engine.view(m)) },
      }),
    },
  ];

  return {
    name: "messaging",
    routes,
    support: messagingSupport,
    reset: () => engine.reset(),
    snapshot: () => structuredClone(engine.state),
    restore(saved) {
      engine.state = structuredClone(saved as MessagingState);
      // Messages mid-progression cannot resume their timers: they are marked as Twilio would after a carrier timeout.
      for (const m of engine.state.messages) {
        if (m.status === "queued" || m.status === "sending") {
          m.status = "failed";
          m.errorCode = 30008;
          m.errorMessage = "Unknown error (the sandbox restarted while sending)";
        }
      }
    },
    state: () => ({
      messages: engine.state.messages.slice(-200).map((m) => engine.view(m)),
      optOuts: engine.state.optOuts,
    }),
  };
}
