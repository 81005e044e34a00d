/** Messages the room UI sends on its data track (chat and host requests). */
export type RoomMessage =
  | { kind: "chat"; id: string; text: string; at: string }
  | { kind: "mute"; target: string };

export function parseRoomMessage(data: unknown): RoomMessage | null {
  if (typeof data !== "string") return null;
  try {
    const value = JSON.parse(data) as RoomMessage;
    if (value.kind === "chat" && typeof value.text === "string" && typeof value.id === "string") return { kind: "chat", id: value.id, text: value.text.slice(0, 2000), at: String(value.at) };
    if (value.kind === "mute" && typeof value.target === "string") return value;
    return null;
  } catch {
    return null;
  }
}
