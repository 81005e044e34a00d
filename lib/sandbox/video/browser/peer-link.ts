/**
 * One peer-to-peer connection between two participants of a sandbox room, negotiated with the
 * "perfect negotiation" pattern (either side may renegotiate when it publishes or unpublishes;
 * the polite side yields on glare). SDP and ICE travel through the sandbox's signalling.
 */
export interface LinkSignal {
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit | null;
}

export class PeerLink {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  private readonly senders = new Map<string, RTCRtpSender>();

  constructor(
    readonly remoteSid: string,
    private readonly polite: boolean,
    private readonly sendSignal: (data: LinkSignal) => void,
    onTrack: (streamId: string, track: MediaStreamTrack) => void,
    config: RTCConfiguration,
  ) {
    this.pc = new RTCPeerConnection(config);
    this.pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await this.pc.setLocalDescription();
        if (this.pc.localDescription) this.sendSignal({ description: this.pc.localDescription.toJSON() });
      } catch {
        // a later negotiationneeded retries
      } finally {
        this.makingOffer = false;
      }
    };
    this.pc.onicecandidate = ({ candidate }) => this.sendSignal({ candidate: candidate ? candidate.toJSON() : null });
    this.pc.ontrack = (event) => {
      const stream = event.streams[0];
      if (stream) onTrack(stream.id, event.track);
    };
  }

  addTrack(trackSid: string, track: MediaStreamTrack, stream: MediaStream): void {
    if (this.senders.has(trackSid) || this.pc.signalingState === "closed") return;
    this.senders.set(trackSid, this.pc.addTrack(track, stream));
  }

  async replaceTrack(trackSid: string, track: MediaStreamTrack): Promise<void> {
    await this.senders.get(trackSid)?.replaceTrack(track);
  }

  removeTrack(trackSid: string): void {
    const sender = this.senders.get(trackSid);
    if (!sender) return;
    this.senders.delete(trackSid);
    if (this.pc.signalingState !== "closed") this.pc.removeTrack(sender);
  }

  async handle({ description, candidate }: LinkSignal): Promise<void> {
    if (description) {
      const collision = description.type === "offer" && (this.makingOffer || this.pc.signalingState !== "stable");
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await this.pc.setRemoteDescription(description);
      if (description.type === "offer") {
        await this.pc.setLocalDescription();
        if (this.pc.localDescription) this.sendSignal({ description: this.pc.localDescription.toJSON() });
      }
    } else if (candidate) {
      try {
        await this.pc.addIceCandidate(candidate);
      } catch (error) {
        if (!this.ignoreOffer) throw error;
      }
    }
  }

  close(): void {
    this.pc.close();
  }
}

/** Twilio's network quality levels (0–5) from a connection's round-trip time and loss. */
export function qualityLevel(rttSeconds: number | null, fractionLost: number | null): number | null {
  if (rttSeconds === null) return null;
  const loss = fractionLost ?? 0;
  if (rttSeconds < 0.15 && loss < 0.02) return 5;
  if (rttSeconds < 0.3 && loss < 0.05) return 4;
  if (rttSeconds < 0.5 && loss < 0.1) return 3;
  if (rttSeconds < 1 && loss < 0.2) return 2;
  return 1;
}

export interface LinkStats {
  rtt: number | null;
  fractionLost: number | null;
  /** Audio level (0–1) heard from the remote participant. */
  audioLevel: number;
  audio: { packetsReceived: number; bytesReceived: number; audioLevel: number }[];
  video: { packetsReceived: number; bytesReceived: number; frameWidth: number | null; frameHeight: number | null }[];
}

export async function linkStats(pc: RTCPeerConnection): Promise<LinkStats> {
  const report = await pc.getStats();
  const result: LinkStats = { rtt: null, fractionLost: null, audioLevel: 0, audio: [], video: [] };
  report.forEach((s: Record<string, unknown>) => {
    if (s.type === "candidate-pair" && s.nominated && s.state === "succeeded" && typeof s.currentRoundTripTime === "number") result.rtt = s.currentRoundTripTime;
    if (s.type === "remote-inbound-rtp" && typeof s.fractionLost === "number") result.fractionLost = Math.max(result.fractionLost ?? 0, s.fractionLost);
    if (s.type === "inbound-rtp" && s.kind === "audio") {
      const level = typeof s.audioLevel === "number" ? s.audioLevel : 0;
      result.audioLevel = Math.max(result.audioLevel, level);
      result.audio.push({ packetsReceived: Number(s.packetsReceived ?? 0), bytesReceived: Number(s.bytesReceived ?? 0), audioLevel: level });
    }
    if (s.type === "inbound-rtp" && s.kind === "video") {
      result.video.push({ packetsReceived: Number(s.packetsReceived ?? 0), bytesReceived: Number(s.bytesReceived ?? 0), frameWidth: typeof s.frameWidth === "number" ? s.frameWidth : null, frameHeight: typeof s.frameHeight === "number" ? s.frameHeight : null });
    }
  });
  return result;
}
