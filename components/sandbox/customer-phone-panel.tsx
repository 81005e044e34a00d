"use client";
/**
 * The console's customer phone: pick a caller number, dial the business, hear the prompts (audio,
 * and <Say> as live captions), press keys, talk, hang up; answer calls the business places to
 * this number.
 */
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { useCustomerPhone } from "./use-customer-phone";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
const E164 = /^\+[1-9]\d{6,14}$/;

export function CustomerPhonePanel({ sandboxUrl, businessNumber, number, onNumberChange }: { sandboxUrl: string; businessNumber: string; number: string; onNumberChange: (number: string) => void }) {
  const [audio, setAudio] = useState<HTMLAudioElement | null>(null);
  const [draftNumber, setDraftNumber] = useState(number);
  const [to, setTo] = useState(businessNumber);
  const [speech, setSpeech] = useState("");
  const phone = useCustomerPhone(sandboxUrl, number, audio);
  const inCall = phone.call !== null;

  return (
    <Card aria-label="Customer phone">
      <CardHeader
        title="Customer phone"
        description="Call the business as a customer, with your microphone and speaker."
        actions={<Badge tone={phone.ready ? "success" : "warning"}>{phone.ready ? `ready as ${number}` : "connecting…"}</Badge>}
      />
      <CardBody className="space-y-4">
        <audio ref={setAudio} autoPlay className="hidden" />
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (E164.test(draftNumber.trim())) onNumberChange(draftNumber.trim());
          }}
        >
          <div className="flex-1">
            <Label htmlFor="phone-number">Caller number</Label>
            <Input id="phone-number" value={draftNumber} onChange={(e) => setDraftNumber(e.target.value)} disabled={inCall} />
          </div>
          <Button type="submit" variant="secondary" disabled={inCall || draftNumber.trim() === number || !E164.test(draftNumber.trim())}>
            Use number
          </Button>
        </form>

        {phone.ringing && !inCall ? (
          <div role="alert" className="flex items-center justify-between rounded-md bg-amber-50 px-3 py-2 text-sm">
            <span>Incoming call from {phone.ringing.from}</span>
            <span className="flex gap-2">
              <Button size="sm" variant="success" onClick={() => phone.answer(phone.ringing!.callSid, phone.ringing!.from)}>
                Answer
              </Button>
              <Button size="sm" variant="danger" onClick={() => phone.reject(phone.ringing!.callSid)}>
                Decline
              </Button>
            </span>
          </div>
        ) : null}

        {inCall ? (
          <div className="space-y-3">
            <p className="text-sm" data-testid="phone-call-status">
              {phone.call!.direction === "outbound" ? "Calling" : "Call from"} {phone.call!.peer} · <span>{phone.call!.status}</span>
            </p>
            <div role="group" aria-label="Keypad" className="grid w-48 grid-cols-3 gap-2">
              {KEYS.map((key) => (
                <Button key={key} variant="secondary" aria-label={key} onClick={() => phone.press(key)}>
                  {key}
                </Button>
              ))}
            </div>
            <form
              className="flex items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (!speech.trim()) return;
                void phone.say(speech.trim());
                setSpeech("");
              }}
            >
              <div className="flex-1">
                <Label htmlFor="phone-speech">Say (speech recognition input)</Label>
                <Input id="phone-speech" value={speech} onChange={(e) => setSpeech(e.target.value)} />
              </div>
              <Button type="submit" variant="secondary">
                Say
              </Button>
            </form>
            <div className="flex gap-2">
              <Button variant="secondary" onClick={() => phone.toggleMute()}>
                {phone.muted ? "Unmute" : "Mute"}
              </Button>
              <Button variant="danger" onClick={() => phone.hangup()}>
                Hang up
              </Button>
            </div>
          </div>
        ) : (
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void phone.dial(to.trim());
            }}
          >
            <div className="flex-1">
              <Label htmlFor="phone-dial">Number to call</Label>
              <Input id="phone-dial" value={to} onChange={(e) => setTo(e.target.value)} />
            </div>
            <Button type="submit" disabled={!phone.ready || !E164.test(to.trim())}>
              Call
            </Button>
          </form>
        )}

        {phone.error ? (
          <p role="status" className="text-sm text-red-700">
            {phone.error}
          </p>
        ) : null}
        <div>
          <h3 className="text-sm font-medium text-slate-700">What you hear</h3>
          <ol role="log" aria-label="Captions" aria-live="polite" className="mt-1 max-h-40 space-y-1 overflow-y-auto rounded-md bg-slate-50 p-2 text-sm">
            {phone.captions.map((c) => (
              <li key={c.id}>{c.text}</li>
            ))}
          </ol>
        </div>
      </CardBody>
    </Card>
  );
}
