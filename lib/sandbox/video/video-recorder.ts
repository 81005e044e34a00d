/**
 * Records one participant while the room's recording rules say so: the browser sends its camera
 * (VP8) and microphone (Opus) to the sandbox over a werift peer connection, and werift's
 * MediaRecorder writes them into one WebM file — a real, playable recording of what was sent.
 * (Twilio writes one .mka/.mkv file per track; see SUPPORT.md.)
 */
import { randomUUID } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters } from "werift";
import { MediaRecorder } from "werift/nonstandard";

const GATHER_TIMEOUT_MS = 5_000;
const PLI_INTERVAL_MS = 2_000;

function codecs() {
  return {
    audio: [new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48_000, channels: 2 })],
    video: [
      new RTCRtpCodecParameters({
        mimeType: "video/VP8", clockRate: 90_000,
        rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "goog-remb" }],
      }),
    ],
  };
}

export class ParticipantRecorder {
  private readonly pc = new RTCPeerConnection({ codecs: codecs(), iceUseIpv6: false, iceAdditionalHostAddresses: ["127.0.0.1"] });
  private readonly file = path.join(tmpdir(), `sandbox-video-${randomUUID()}.webm`);
  private recorder: MediaRecorder | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private tracks = 0;

  /** Answers the browser's offer (audio and/or video, sendonly). */
  async answer(offerSdp: string): Promise<string> {
    const kinds = (offerSdp.match(/^m=(audio|video)/gm) ?? []).length;
    // Timestamps come from each track's RTP clock (disableNtp), not from RTCP sender reports:
    // werift's NTP timing holds every frame until the track's first SR, which Chrome sends only
    // 1–4 s after media starts (audio last), so short recordings lost all their media and
    // the writer never finalised the file. Lip-sync buffering is off too: it drops the frames
    // still buffered (about half a second) when the recording stops.
    this.recorder = new MediaRecorder({
      path: this.file, numOfTracks: Math.max(1, kinds), width: 640, height: 480, disableNtp: true, disableLipSync: true,
    });
    this.pc.onTrack.subscribe((track: MediaStreamTrack) => {
      this.tracks++;
      void this.recorder?.addTrack(track);
      if (track.kind === "video") {
        // Ask for key frames: the WebM writer starts a video cluster on one.
        const receiver = this.pc.getTransceivers().find((t) => t.receiver.track === track)?.receiver;
        const pli = () => { if (track.ssrc) void receiver?.sendRtcpPLI(track.ssrc).catch(() => undefined); };
        this.timers.push(setTimeout(pli, 300), setInterval(pli, PLI_INTERVAL_MS));
      }
    });
    await this.pc.setRemoteDescription({ type: "offer", sdp: offerSdp });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await this.gathered();
    return this.pc.localDescription?.sdp ?? "";
  }

  /** Stops and returns the WebM bytes, or null when nothing was received. */
  async stop(): Promise<Buffer | null> {
    for (const t of this.timers) clearInterval(t);
    try {
      if (this.recorder && this.tracks > 0) await this.recorder.stop();
    } catch {
      // a recorder that never started has nothing to flush
    }
    await this.pc.close().catch(() => undefined);
    const media = await readFile(this.file).catch(() => null);
    await rm(this.file, { force: true });
    return media && media.length > 0 ? media : null;
  }

  private async gathered(): Promise<void> {
    if (this.pc.iceGatheringState === "complete") return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, GATHER_TIMEOUT_MS);
      this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state === "complete") { clearTimeout(timer); resolve(); }
      });
    });
  }
}
