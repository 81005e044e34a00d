/**
 * RFC 4733 telephone-events (DTMF sent as RTP by `RTCDTMFSender`, which the Voice SDK prefers
 * over signalling). One key press is many packets sharing an RTP timestamp, ending with three
 * copies of the end packet; it counts once.
 */
const EVENTS = "0123456789*#ABCD";

export class TelephoneEventDecoder {
  private lastTimestamp: number | null = null;

  /** The digit when this packet starts a new event, otherwise null. */
  push(timestamp: number, payload: Buffer): string | null {
    if (payload.length < 4) return null;
    const digit = EVENTS[payload[0]!];
    if (!digit) return null; // flash (16) and tones outside DTMF
    if (timestamp === this.lastTimestamp) return null;
    this.lastTimestamp = timestamp;
    return digit;
  }
}
