/** POSTs JSON to an app route; resolves to the error message the server gave, or null on success. */
export async function postJson(url: string, body?: unknown): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return null;
    const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return data?.error?.message ?? `The request failed (${response.status}).`;
  } catch {
    return "The server could not be reached. Check your connection and try again.";
  }
}
