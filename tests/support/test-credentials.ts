/** The credentials the test "sandbox" uses (written to $DATA_DIR/sandbox/credentials.json by the setup). */
export const TEST_ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
export const TEST_AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
export const TEST_API_KEY_SID = "SK0123456789abcdef0123456789abcdef";
export const TEST_API_KEY_SECRET = "test-api-key-secret-0123456789abcdef";
export const TEST_PHONE_NUMBER = "+12025550100";

export const TEST_CREDENTIALS = {
  accountSid: TEST_ACCOUNT_SID,
  authToken: TEST_AUTH_TOKEN,
  apiKeySid: TEST_API_KEY_SID,
  apiKeySecret: TEST_API_KEY_SECRET,
  phoneNumber: TEST_PHONE_NUMBER,
};
