/** POSTs JSON to one of the app's routes; throws an Error with the server's human message on failure. */
export async function postJson<T = unknown>(url: string, body: unknown = {}): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) throw new Error(data?.error?.message ?? `The request failed (HTTP ${response.status}).`);
  return data as T;
}
