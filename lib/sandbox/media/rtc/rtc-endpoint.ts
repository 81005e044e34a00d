/**
 * One WebRTC peer connection between the sandbox and a browser leg (Voice SDK Device or the
 * console's customer phone), built on werift (pure TypeScript WebRTC).
 *
 * Like Twilio's media servers, the sandbox is an ICE-lite endpoint: the browser's SDP carries no
 * candidates (the Voice SDK sends its offer/answer before gathering) and the sandbox learns the
 * browser's address from its connectivity checks. Only PCMU (G.711 µ-law) is negotiated, plus
 * RFC 4733 telephone-events so digits sent by `RTCDTMFSender` arrive as they do at Twilio.
 */
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpHeader,
  RtpPacket,
  type RTCRtpTransceiver,
} from "werift";
import { FRAME_SAMPLES, mulawDecode, mulawEncode } from "../audio/mulaw";
import { TelephoneEventDecoder } from "./rfc4733";

const PCMU_PT = 0;
const TELEPHONE_EVENT_PT = 101;
const GATHER_TIMEOUT_MS = 5_000;

export type RtcState = "connecting" | "connected" | "disconnected" | "failed" | "closed";

export interface RtcEndpointHandlers {
  onAudio(pcm: Int16Array): void;
  onDigit(digit: string): void;
  onState(state: RtcState): void;
}

export interface RtcEndpointOptions {
  /** ICE-lite like Twilio's media edge (default). Off only where two sandboxes talk (tests). */
  iceLite?: boolean;
}

function codecs() {
  return {
    audio: [
      new RTCRtpCodecParameters({
        mimeType: "audio/PCMU",
        clockRate: 8000,
        channels: 1,
        payloadType: PCMU_PT,
      }),
      new RTCRtpCodecParameters({
        mimeType: "audio/telephone-event",
        clockRate: 8000,
        channels: 1,
        payloadType: TELEPHONE_EVENT_PT,
        parameters: "0-16",
      }),
    ],
  };
}

export class RtcEndpoint {
  private readonly pc: RTCPeerConnection;
  private readonly track = new MediaStreamTrack({ kind: "audio" });
  private readonly dtmf = new TelephoneEventDecoder();
  private telephoneEventPt = TELEPHONE_EVENT_PT;
  private sequence = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private first = true;
  private _state: RtcState = "connecting";
  private closed = false;

  private constructor(
    private readonly handlers: RtcEndpointHandlers,
    options: RtcEndpointOptions,
  ) {
    this.pc = new RTCPeerConnection({
      codecs: codecs(),
      headerExtensions: { audio: [] },
      iceLite: options.iceLite ?? true,
      iceUseIpv6: false,
      iceAdditionalHostAddresses: ["127.0.0.1"],
      iceFilterStunResponse: (message, addr, protocol) => {
        this.followNomination(message.attributesKeys.includes("USE-CANDIDATE"), addr, protocol);
        return true;
      },
    });
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => this.receive(rtp));
    });
    this.pc.connectionStateChange.subscribe((state) => {
      const next: RtcState | null =
        state === "connected"
          ? "connected"
          : state === "failed"
            ? "failed"
            : state === "disconnected"
              ? "disconnected"
              : state === "closed"
                ? "closed"
                : null;
      if (next && next !== this._state && !this.closed) {
        this._state = next;
        this.handlers.onState(next);
      }
    });
  }

  get state(): RtcState {
    return this._state;
  }

  get localSdp(): string {
    return this.pc.localDescription?.sdp ?? "";
  }

  /** The browser offered (Device `connect`, customer phone): answer it. */
  static async answer(
    offerSdp: string,
    handlers: RtcEndpointHandlers,
    options: RtcEndpointOptions = {},
  ): Promise<RtcEndpoint> {
    const endpoint = new RtcEndpoint(handlers, options);
    try {
      endpoint.telephoneEventPt = telephoneEventPayloadType(offerSdp) ?? TELEPHONE_EVENT_PT;
      await endpoint.pc.setRemoteDescription({ type: "offer", sdp: offerSdp });
      const transceiver = endpoint.audioTransceiver();
      if (!transceiver) throw new Error("the offer has no audio section");
      transceiver.setDirection("sendrecv");
      await transceiver.sender.replaceTrack(endpoint.track);
      await endpoint.pc.setLocalDescription(await endpoint.pc.createAnswer());
      await endpoint.gathered();
      return endpoint;
    } catch (error) {
      await endpoint.close();
      throw error;
    }
  }

  /** The sandbox calls the browser (Device incoming call): make the offer. */
  static async offer(
    handlers: RtcEndpointHandlers,
    options: RtcEndpointOptions = {},
  ): Promise<RtcEndpoint> {
    const endpoint = new RtcEndpoint(handlers, options);
    try {
      endpoint.pc.addTransceiver(endpoint.track, { direction: "sendrecv" });
      await endpoint.pc.setLocalDescription(await endpoint.pc.createOffer());
      await endpoint.gathered();
      return endpoint;
    } catch (error) {
      await endpoint.close();
      throw error;
    }
  }

  async acceptAnswer(answerSdp: string): Promise<void> {
    this.telephoneEventPt = telephoneEventPayloadType(answerSdp) ?? this.telephoneEventPt;
    await this.pc.setRemoteDescription({ type: "answer", sdp: answerSdp });
  }

  /** A new offer on the same connection (the Voice SDK's ICE restart `reinvite`): answer it. */
  async renegotiate(offerSdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: "offer", sdp: offerSdp });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await this.gathered();
    return this.localSdp;
  }

  /** Sends one 20 ms frame (dropped silently until the connection is up). */
  sendFrame(pcm: Int16Array): void {
    if (this.closed || this._state !== "connected") return;
    const header = new RtpHeader({
      payloadType: PCMU_PT,
      sequenceNumber: this.sequence,
      timestamp: this.timestamp,
      marker: this.first,
    });
    this.first = false;
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + FRAME_SAMPLES) >>> 0;
    this.track.writeRtp(new RtpPacket(header, mulawEncode(pcm)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this._state = "closed";
    try {
      await this.pc.close();
    } catch {
      // Closing a half-open connection can throw inside werift; the connection is gone either way.
    }
  }

  /**
   * werift's ICE-lite agent keeps the first pair the browser nominates, but Chrome may nominate
   * a better pair later (several host candidates: loopback, docker bridges…) and then only
   * accepts DTLS/RTP on that one. An ICE-lite agent must follow the controlling side: when a
   * check nominates another pair, drop the old nomination so werift selects the new one.
   */
  private followNomination(
    useCandidate: boolean,
    addr: readonly [string, number],
    protocol: unknown,
  ): void {
    if (!useCandidate) return;
    const connection = this.pc.dtlsTransports[0]?.iceTransport.connection;
    const current = connection?.nominated;
    if (!connection || !current) return;
    const [host, port] = current.remoteAddr;
    if (current.protocol !== protocol || host !== addr[0] || port !== addr[1])
      connection.resetNominatedPair();
  }

  private receive(rtp: RtpPacket): void {
    if (this.closed) return;
    const pt = rtp.header.payloadType;
    if (pt === PCMU_PT) {
      this.handlers.onAudio(mulawDecode(rtp.payload));
    } else if (pt === this.telephoneEventPt) {
      const digit = this.dtmf.push(rtp.header.timestamp, rtp.payload);
      if (digit) this.handlers.onDigit(digit);
    }
  }

  private audioTransceiver(): RTCRtpTransceiver | undefined {
    return this.pc.getTransceivers().find((t) => t.kind === "audio");
  }

  private gathered(): Promise<void> {
    if (this.pc.iceGatheringState === "complete") return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.unSubscribe();
        reject(new Error("ICE gathering did not complete"));
      }, GATHER_TIMEOUT_MS);
      const subscription = this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state !== "complete") return;
        clearTimeout(timer);
        subscription.unSubscribe();
        resolve();
      });
    });
  }
}

export function telephoneEventPayloadType(sdp: string): number | null {
  const match = /a=rtpmap:(\d+) telephone-event\/8000/i.exec(sdp);
  return match ? Number(match[1]) : null;
}
