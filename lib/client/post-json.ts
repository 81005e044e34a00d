/** An app route's error answer: the server's human message and the HTTP status. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** POSTs JSON to one of the app's routes; throws an HttpError with the server's human message on failure. */
export async function postJson<T = unknown>(url: string, body: unknown = {}): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) throw new HttpError(data?.error?.message ?? `The request failed (HTTP ${response.status}).`, response.status);
  return data as T;
}

/** Like `postJson`, for fire-and-report actions: resolves to the server's error message, or null on success. */
export async function postJsonForError(url: string, body: unknown = {}): Promise<string | null> {
  try {
    await postJson(url, body);
    return null;
  } catch (error) {
    return error instanceof HttpError ? error.message : "The server could not be reached. Check your connection and try again.";
  }
}
