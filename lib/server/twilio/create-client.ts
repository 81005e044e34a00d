/**
 * Builds a twilio-node client for either mode. The app uses the cached one from `client.ts`;
 * provisioning (also run by the launcher) builds its own with this factory.
 * https://www.twilio.com/docs/libraries/reference/twilio-node/
 */
import twilio, { type Twilio } from "twilio";
import { SwitchboardHttpClient, type SwitchboardHttpClientOptions } from "./http-client";

export interface ClientCredentials {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
}

export function createTwilioClient(
  credentials: ClientCredentials,
  options: SwitchboardHttpClientOptions = {},
): Twilio {
  // API key auth (not the auth token): keys can be rotated and revoked on their own.
  return twilio(credentials.apiKeySid, credentials.apiKeySecret, {
    accountSid: credentials.accountSid,
    httpClient: new SwitchboardHttpClient(options),
  });
}
