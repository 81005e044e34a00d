import type { SupportEntry } from "../core/types";

export const accountSupport: SupportEntry[] = [
  { area: "REST /Accounts", item: "fetch, list, update FriendlyName", status: "supported" },
  { area: "REST /Accounts", item: "Status (suspend/close), subaccounts", status: "unsupported" },
  {
    area: "REST /IncomingPhoneNumbers",
    item: "list (PhoneNumber, FriendlyName filters), create (PhoneNumber or AreaCode), fetch, update, delete",
    status: "supported",
  },
  {
    area: "REST /IncomingPhoneNumbers",
    item: "VoiceUrl/Method, VoiceFallbackUrl/Method, VoiceApplicationSid, StatusCallback/Method, SmsUrl/Method, SmsFallbackUrl/Method, SmsApplicationSid",
    status: "supported",
  },
  {
    area: "REST /IncomingPhoneNumbers",
    item: "VoiceCallerIdLookup, AddressSid, BundleSid, IdentitySid",
    status: "partial",
    notes: "stored and returned; no caller-name lookup, no regulatory checks",
  },
  {
    area: "REST /IncomingPhoneNumbers",
    item: "Local/TollFree/Mobile sub-lists, AccountSid transfer, trunks, emergency",
    status: "unsupported",
  },
  {
    area: "REST /AvailablePhoneNumbers",
    item: "US and CA Local, TollFree, Mobile with AreaCode and Contains",
    status: "partial",
    notes: "numbers come from the fictional 555-01xx block",
  },
  {
    area: "REST /AvailablePhoneNumbers",
    item: "InRegion, InPostalCode, InLocality, NearNumber, NearLatLong, Distance, other countries",
    status: "unsupported",
    notes: "filters are ignored and logged",
  },
  {
    area: "REST /Applications",
    item: "list (FriendlyName), create, fetch, update, delete; voice and SMS URLs",
    status: "supported",
  },
];
