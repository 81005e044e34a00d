/**
 * The account's configuration resources on the 2010 API: Accounts (fetch), IncomingPhoneNumbers,
 * AvailablePhoneNumbers and Applications (TwiML Apps). Publishes ctx.numbers so the voice and
 * messaging engines find a number's webhooks and a TwiML App's URLs.
 */
import {
  formBool,
  formMethod,
  formString,
  list2010,
  notFound,
  rfc2822,
  SandboxError,
} from "../core/rest";
import type {
  ApplicationConfig,
  HttpRoute,
  IncomingNumberConfig,
  NumbersApi,
  SandboxContext,
  SandboxModule,
  SandboxRequest,
} from "../core/types";
import { searchAvailableNumbers, type NumberType } from "./available-numbers";
import { accountSupport } from "./support";

interface StoredNumber extends IncomingNumberConfig {
  dateCreated: number;
  dateUpdated: number;
  voiceCallerIdLookup: boolean;
  addressSid: string | null;
  bundleSid: string | null;
  identitySid: string | null;
  type: NumberType;
}

interface StoredApplication extends ApplicationConfig {
  dateCreated: number;
  dateUpdated: number;
  voiceCallerIdLookup: boolean;
}

interface AccountState {
  numbers: StoredNumber[];
  applications: StoredApplication[];
  friendlyName: string;
  dateCreated: number;
}

const API = "/api/2010-04-01/Accounts/:AccountSid";
const E164 = /^\+[1-9]\d{6,14}$/;

export function accountModule(options: { phoneNumber: string }) {
  return (ctx: SandboxContext): SandboxModule => {
    let state: AccountState = {
      numbers: [],
      applications: [],
      friendlyName: "Switchboard sandbox",
      dateCreated: ctx.clock.now(),
    };
    const base = () => `/2010-04-01/Accounts/${ctx.account.accountSid}`;

    const numbersApi: NumbersApi = {
      findNumber(phoneNumber) {
        const plain = phoneNumber.replace(/^whatsapp:/, "");
        return state.numbers.find((n) => n.phoneNumber === plain);
      },
      getApplication: (sid) => state.applications.find((a) => a.sid === sid),
      listApplications: () => [...state.applications],
      listNumbers: () => [...state.numbers],
    };
    ctx.numbers = numbersApi;

    function newNumber(
      phoneNumber: string,
      type: NumberType,
      overrides: Partial<StoredNumber> = {},
    ): StoredNumber {
      const now = ctx.clock.now();
      return {
        sid: ctx.sids.next("PN"),
        phoneNumber,
        friendlyName: formatFriendly(phoneNumber),
        voiceUrl: "",
        voiceMethod: "POST",
        voiceFallbackUrl: "",
        voiceFallbackMethod: "POST",
        voiceApplicationSid: "",
        statusCallback: "",
        statusCallbackMethod: "POST",
        smsUrl: "",
        smsMethod: "POST",
        smsFallbackUrl: "",
        smsFallbackMethod: "POST",
        smsApplicationSid: "",
        voiceCallerIdLookup: false,
        addressSid: null,
        bundleSid: null,
        identitySid: null,
        dateCreated: now,
        dateUpdated: now,
        type,
        ...overrides,
      };
    }

    function serializeNumber(n: StoredNumber) {
      return {
        account_sid: ctx.account.accountSid,
        address_sid: n.addressSid,
        address_requirements: "none",
        api_version: "2010-04-01",
        beta: false,
        capabilities: { fax: false, mms: true, sms: true, voice: true },
        date_created: rfc2822(n.dateCreated),
        date_updated: rfc2822(n.dateUpdated),
        friendly_name: n.friendlyName,
        identity_sid: n.identitySid,
        phone_number: n.phoneNumber,
        origin: "twilio",
        sid: n.sid,
        sms_application_sid: n.smsApplicationSid,
        sms_fallback_method: n.smsFallbackMethod,
        sms_fallback_url: n.smsFallbackUrl,
        sms_method: n.smsMethod,
        sms_url: n.smsUrl,
        status_callback: n.statusCallback,
        status_callback_method: n.statusCallbackMethod,
        trunk_sid: null,
        uri: `${base()}/IncomingPhoneNumbers/${n.sid}.json`,
        voice_receive_mode: "voice",
        voice_application_sid: n.voiceApplicationSid,
        voice_caller_id_lookup: n.voiceCallerIdLookup,
        voice_fallback_method: n.voiceFallbackMethod,
        voice_fallback_url: n.voiceFallbackUrl,
        voice_method: n.voiceMethod,
        voice_url: n.voiceUrl,
        emergency_status: "Inactive",
        emergency_address_sid: null,
        emergency_address_status: "unregistered",
        bundle_sid: n.bundleSid,
        status: "in-use",
        type: n.type,
        subresource_uris: {
          assigned_add_ons: `${base()}/IncomingPhoneNumbers/${n.sid}/AssignedAddOns.json`,
        },
      };
    }

    function serializeApplication(a: StoredApplication) {
      return {
        account_sid: ctx.account.accountSid,
        api_version: "2010-04-01",
        date_created: rfc2822(a.dateCreated),
        date_updated: rfc2822(a.dateUpdated),
        friendly_name: a.friendlyName,
        message_status_callback: a.messageStatusCallback,
        sid: a.sid,
        sms_fallback_method: a.smsFallbackMethod,
        sms_fallback_url: a.smsFallbackUrl,
        sms_method: a.smsMethod,
        sms_status_callback: a.smsStatusCallback,
        sms_url: a.smsUrl,
        status_callback: a.statusCallback,
        status_callback_method: a.statusCallbackMethod,
        uri: `${base()}/Applications/${a.sid}.json`,
        voice_caller_id_lookup: a.voiceCallerIdLookup,
        voice_fallback_method: a.voiceFallbackMethod,
        voice_fallback_url: a.voiceFallbackUrl,
        voice_method: a.voiceMethod,
        voice_url: a.voiceUrl,
        public_application_connect_enabled: true,
      };
    }

    function serializeAccount() {
      const sid = ctx.account.accountSid;
      const b = `/2010-04-01/Accounts/${sid}`;
      return {
        auth_token: ctx.account.authToken,
        date_created: rfc2822(state.dateCreated),
        date_updated: rfc2822(state.dateCreated),
        friendly_name: state.friendlyName,
        owner_account_sid: sid,
        sid,
        status: "active",
        subresource_uris: {
          addresses: `${b}/Addresses.json`,
          conferences: `${b}/Conferences.json`,
          signing_keys: `${b}/SigningKeys.json`,
          transcriptions: `${b}/Transcriptions.json`,
          connect_apps: `${b}/ConnectApps.json`,
          sip: `${b}/SIP.json`,
          authorized_connect_apps: `${b}/AuthorizedConnectApps.json`,
          usage: `${b}/Usage.json`,
          keys: `${b}/Keys.json`,
          applications: `${b}/Applications.json`,
          recordings: `${b}/Recordings.json`,
          short_codes: `${b}/SMS/ShortCodes.json`,
          calls: `${b}/Calls.json`,
          notifications: `${b}/Notifications.json`,
          incoming_phone_numbers: `${b}/IncomingPhoneNumbers.json`,
          queues: `${b}/Queues.json`,
          messages: `${b}/Messages.json`,
          outgoing_caller_ids: `${b}/OutgoingCallerIds.json`,
          available_phone_numbers: `${b}/AvailablePhoneNumbers.json`,
          balance: `${b}/Balance.json`,
        },
        type: "Full",
        uri: `${b}.json`,
      };
    }

    /** Applies the writable IncomingPhoneNumber params (create and update share them). */
    function applyNumberParams(n: StoredNumber, form: SandboxRequest["form"]) {
      const url = (key: string) => {
        const v = formString(form, key);
        if (v !== undefined && v !== "" && !/^https?:\/\//i.test(v))
          throw new SandboxError(400, 21502, `${key} is not a valid URL: ${v}`);
        return v;
      };
      const assign = <K extends keyof StoredNumber>(key: K, value: StoredNumber[K] | undefined) => {
        if (value !== undefined) n[key] = value;
      };
      assign("friendlyName", formString(form, "FriendlyName"));
      assign("voiceUrl", url("VoiceUrl"));
      assign("voiceMethod", formMethod(form, "VoiceMethod"));
      assign("voiceFallbackUrl", url("VoiceFallbackUrl"));
      assign("voiceFallbackMethod", formMethod(form, "VoiceFallbackMethod"));
      assign("voiceApplicationSid", formString(form, "VoiceApplicationSid"));
      assign("statusCallback", url("StatusCallback"));
      assign("statusCallbackMethod", formMethod(form, "StatusCallbackMethod"));
      assign("smsUrl", url("SmsUrl"));
      assign("smsMethod", formMethod(form, "SmsMethod"));
      assign("smsFallbackUrl", url("SmsFallbackUrl"));
      assign("smsFallbackMethod", formMethod(form, "SmsFallbackMethod"));
      assign("smsApplicationSid", formString(form, "SmsApplicationSid"));
      assign("voiceCallerIdLookup", formBool(form, "VoiceCallerIdLookup"));
      assign("addressSid", formString(form, "AddressSid"));
      assign("bundleSid", formString(form, "BundleSid"));
      assign("identitySid", formString(form, "IdentitySid"));
      for (const sidKey of ["VoiceApplicationSid", "SmsApplicationSid"] as const) {
        const sid = formString(form, sidKey);
        if (sid && !numbersApi.getApplication(sid))
          throw new SandboxError(
            400,
            21606,
            `${sidKey} ${sid} is not an Application of this account`,
          );
      }
      n.dateUpdated = ctx.clock.now();
    }

    function applyApplicationParams(a: StoredApplication, form: SandboxRequest["form"]) {
      const assign = <K extends keyof StoredApplication>(
        key: K,
        value: StoredApplication[K] | undefined,
      ) => {
        if (value !== undefined) a[key] = value;
      };
      assign("friendlyName", formString(form, "FriendlyName"));
      assign("voiceUrl", formString(form, "VoiceUrl"));
      assign("voiceMethod", formMethod(form, "VoiceMethod"));
      assign("voiceFallbackUrl", formString(form, "VoiceFallbackUrl"));
      assign("voiceFallbackMethod", formMethod(form, "VoiceFallbackMethod"));
      assign("statusCallback", formString(form, "StatusCallback"));
      assign("statusCallbackMethod", formMethod(form, "StatusCallbackMethod"));
      assign("smsUrl", formString(form, "SmsUrl"));
      assign("smsMethod", formMethod(form, "SmsMethod"));
      assign("smsFallbackUrl", formString(form, "SmsFallbackUrl"));
      assign("smsFallbackMethod", formMethod(form, "SmsFallbackMethod"));
      assign("smsStatusCallback", formString(form, "SmsStatusCallback"));
      assign("messageStatusCallback", formString(form, "MessageStatusCallback"));
      assign("voiceCallerIdLookup", formBool(form, "VoiceCallerIdLookup"));
      a.dateUpdated = ctx.clock.now();
    }

    function findNumberOr404(sid: string) {
      const n = state.numbers.find((x) => x.sid === sid);
      if (!n) throw notFound(`IncomingPhoneNumber ${sid}`);
      return n;
    }
    function findApplicationOr404(sid: string) {
      const a = state.applications.find((x) => x.sid === sid);
      if (!a) throw notFound(`Application ${sid}`);
      return a;
    }

    const emitNumbers = () =>
      ctx.emit("numbers.updated", { numbers: state.numbers.map((n) => n.phoneNumber) });

    const routes: HttpRoute[] = [
      {
        method: "GET",
        pattern: "/api/2010-04-01/Accounts.json",
        handler: (request) => ({
          status: 200,
          body: list2010(request, "accounts", [0], () => serializeAccount()),
        }),
      },
      {
        method: "GET",
        pattern: `${API}.json`,
        handler: () => ({ status: 200, body: serializeAccount() }),
      },
      {
        method: "POST",
        pattern: `${API}.json`,
        handler: (request) => {
          const name = formString(request.form, "FriendlyName");
          if (name !== undefined) state.friendlyName = name;
          if (formString(request.form, "Status")) {
            ctx.debugger.report({
              level: "unsupported",
              code: 0,
              message: "Account Status changes (suspend/close) are not emulated",
            });
            throw new SandboxError(400, 20001, "The sandbox account cannot be suspended or closed");
          }
          return { status: 200, body: serializeAccount() };
        },
      },
      // ── IncomingPhoneNumbers ──
      {
        method: "GET",
        pattern: `${API}/IncomingPhoneNumbers.json`,
        handler: (request) => {
          const phone = request.query.get("PhoneNumber");
          const friendly = request.query.get("FriendlyName");
          const items = state.numbers.filter(
            (n) =>
              (!phone ||
                n.phoneNumber.includes(phone.replace(/[^\d+*]/g, "").replace(/\*/g, ""))) &&
              (!friendly || n.friendlyName === friendly),
          );
          return {
            status: 200,
            body: list2010(request, "incoming_phone_numbers", items, serializeNumber),
          };
        },
      },
      {
        method: "POST",
        pattern: `${API}/IncomingPhoneNumbers.json`,
        handler: (request) => {
          const phone = formString(request.form, "PhoneNumber");
          const area = formString(request.form, "AreaCode");
          let chosen: string;
          if (phone) {
            if (!E164.test(phone))
              throw new SandboxError(400, 21421, `PhoneNumber is invalid: ${phone}`);
            chosen = phone;
          } else if (area) {
            const found = searchAvailableNumbers({
              country: "US",
              type: "local",
              areaCode: area,
              exclude: new Set(state.numbers.map((n) => n.phoneNumber)),
              limit: 1,
            });
            if (found.length === 0)
              throw new SandboxError(400, 21452, `No phone numbers found in area code ${area}`);
            chosen = found[0]!.phoneNumber;
          } else
            throw new SandboxError(
              400,
              21201,
              "Required parameter PhoneNumber or AreaCode missing.",
            );
          if (state.numbers.some((n) => n.phoneNumber === chosen))
            throw new SandboxError(
              400,
              21422,
              `PhoneNumber ${chosen} is not available (already owned)`,
            );
          const n = newNumber(
            chosen,
            /^\+1(8(00|33|44|55|66|77|88))/.test(chosen) ? "toll-free" : "local",
          );
          applyNumberParams(n, request.form);
          state.numbers.push(n);
          emitNumbers();
          return { status: 201, body: serializeNumber(n) };
        },
      },
      {
        method: "GET",
        pattern: `${API}/IncomingPhoneNumbers/:Sid.json`,
        handler: (request) => ({
          status: 200,
          body: serializeNumber(findNumberOr404(request.params.Sid!)),
        }),
      },
      {
        method: "POST",
        pattern: `${API}/IncomingPhoneNumbers/:Sid.json`,
        handler: (request) => {
          const n = findNumberOr404(request.params.Sid!);
          if (formString(request.form, "AccountSid")) {
            ctx.debugger.report({
              level: "unsupported",
              code: 0,
              message: "Moving numbers between accounts is not emulated",
            });
            throw new SandboxError(400, 20001, "The sandbox has a single account");
          }
          applyNumberParams(n, request.form);
          emitNumbers();
          return { status: 200, body: serializeNumber(n) };
        },
      },
      {
        method: "DELETE",
        pattern: `${API}/IncomingPhoneNumbers/:Sid.json`,
        handler: (request) => {
          findNumberOr404(request.params.Sid!);
          state.numbers = state.numbers.filter((n) => n.sid !== request.params.Sid);
          emitNumbers();
          return { status: 204 };
        },
      },
      // ── AvailablePhoneNumbers ──
      {
        method: "GET",
        pattern: `${API}/AvailablePhoneNumbers/:Country/:Type.json`,
        handler: (request) => {
          const types: Record<string, NumberType> = {
            Local: "local",
            TollFree: "toll-free",
            Mobile: "mobile",
          };
          const type = types[request.params.Type!];
          const country = request.params.Country!.toUpperCase();
          if (!type) {
            ctx.debugger.report({
              level: "unsupported",
              code: 0,
              message: `AvailablePhoneNumbers type ${request.params.Type} is not emulated (Local, TollFree, Mobile are)`,
            });
            throw notFound(
              `AvailablePhoneNumbers/${request.params.Country}/${request.params.Type}`,
            );
          }
          if (country !== "US" && country !== "CA") {
            ctx.debugger.report({
              level: "unsupported",
              code: 0,
              message: `AvailablePhoneNumbers for ${country}: only US and CA numbers are emulated`,
            });
            throw notFound(`AvailablePhoneNumbers/${country}`);
          }
          const q = request.query;
          const pageSize = Math.min(Number(q.get("PageSize") ?? 50) || 50, 1000);
          const found = searchAvailableNumbers({
            country,
            type,
            areaCode: q.get("AreaCode") ?? undefined,
            contains: q.get("Contains") ?? undefined,
            exclude: new Set(state.numbers.map((n) => n.phoneNumber)),
            limit: pageSize,
          });
          for (const unsupported of [
            "InRegion",
            "InPostalCode",
            "InLocality",
            "NearNumber",
            "NearLatLong",
            "Distance",
            "InRateCenter",
            "InLata",
            "ExcludeAllAddressRequired",
          ]) {
            if (q.has(unsupported))
              ctx.debugger.report({
                level: "unsupported",
                code: 0,
                message: `AvailablePhoneNumbers filter ${unsupported} is ignored by the sandbox`,
              });
          }
          const body = list2010(request, "available_phone_numbers", found, (n) => n);
          // Twilio's number search is not paged: one page of results.
          return { status: 200, body: { ...body, next_page_uri: null } };
        },
      },
      {
        method: "GET",
        pattern: `${API}/AvailablePhoneNumbers.json`,
        handler: (request) => ({
          status: 200,
          body: list2010(request, "countries", ["US", "CA"], (code) => ({
            country_code: code,
            country: code === "US" ? "United States" : "Canada",
            uri: `${base()}/AvailablePhoneNumbers/${code}.json`,
            beta: false,
            subresource_uris: {
              local: `${base()}/AvailablePhoneNumbers/${code}/Local.json`,
              toll_free: `${base()}/AvailablePhoneNumbers/${code}/TollFree.json`,
              mobile: `${base()}/AvailablePhoneNumbers/${code}/Mobile.json`,
            },
          })),
        }),
      },
      // ── Applications ──
      {
        method: "GET",
        pattern: `${API}/Applications.json`,
        handler: (request) => {
          const friendly = request.query.get("FriendlyName");
          const items = state.applications.filter((a) => !friendly || a.friendlyName === friendly);
          return {
            status: 200,
            body: list2010(request, "applications", items, serializeApplication),
          };
        },
      },
      {
        method: "POST",
        pattern: `${API}/Applications.json`,
        handler: (request) => {
          const now = ctx.clock.now();
          const a: StoredApplication = {
            sid: ctx.sids.next("AP"),
            friendlyName: "",
            voiceUrl: "",
            voiceMethod: "POST",
            voiceFallbackUrl: "",
            voiceFallbackMethod: "POST",
            statusCallback: "",
            statusCallbackMethod: "POST",
            smsUrl: "",
            smsMethod: "POST",
            smsFallbackUrl: "",
            smsFallbackMethod: "POST",
            smsStatusCallback: "",
            messageStatusCallback: "",
            voiceCallerIdLookup: false,
            dateCreated: now,
            dateUpdated: now,
          };
          applyApplicationParams(a, request.form);
          state.applications.push(a);
          return { status: 201, body: serializeApplication(a) };
        },
      },
      {
        method: "GET",
        pattern: `${API}/Applications/:Sid.json`,
        handler: (request) => ({
          status: 200,
          body: serializeApplication(findApplicationOr404(request.params.Sid!)),
        }),
      },
      {
        method: "POST",
        pattern: `${API}/Applications/:Sid.json`,
        handler: (request) => {
          const a = findApplicationOr404(request.params.Sid!);
          applyApplicationParams(a, request.form);
          return { status: 200, body: serializeApplication(a) };
        },
      },
      {
        method: "DELETE",
        pattern: `${API}/Applications/:Sid.json`,
        handler: (request) => {
          findApplicationOr404(request.params.Sid!);
          state.applications = state.applications.filter((a) => a.sid !== request.params.Sid);
          return { status: 204 };
        },
      },
    ];

    return {
      name: "account",
      routes,
      support: accountSupport,
      seed() {
        if (state.numbers.some((n) => n.phoneNumber === options.phoneNumber)) return;
        // The business number; `npm run twilio:provision` points its webhooks at the app.
        state.numbers.push(
          newNumber(options.phoneNumber, "local", {
            friendlyName: "Switchboard main line",
            voiceUrl: `${ctx.appUrl}/api/twilio/voice/incoming`,
            statusCallback: `${ctx.appUrl}/api/twilio/voice/status`,
            smsUrl: `${ctx.appUrl}/api/twilio/messaging/incoming`,
          }),
        );
      },
      reset() {
        state = {
          numbers: [],
          applications: [],
          friendlyName: "Switchboard sandbox",
          dateCreated: ctx.clock.now(),
        };
      },
      snapshot: () => structuredClone(state),
      restore(saved) {
        state = structuredClone(saved as AccountState);
      },
      state: () => ({
        numbers: state.numbers.map((n) => ({
          sid: n.sid,
          phoneNumber: n.phoneNumber,
          friendlyName: n.friendlyName,
          voiceUrl: n.voiceUrl,
          smsUrl: n.smsUrl,
          voiceApplicationSid: n.voiceApplicationSid,
        })),
        applications: state.applications.map((a) => ({
          sid: a.sid,
          friendlyName: a.friendlyName,
          voiceUrl: a.voiceUrl,
        })),
      }),
    };
  };
}

function formatFriendly(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}
