import { holdMusicWav } from "@/lib/server/calls/hold-music";

// Public on purpose: Twilio fetches <Play> audio without credentials; it is generated music.
export async function GET() {
  return new Response(new Uint8Array(holdMusicWav()), {
    headers: { "Content-Type": "audio/wav", "Cache-Control": "public, max-age=86400" },
  });
}
