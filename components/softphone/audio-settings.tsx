"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { AudioDevice } from "@/components/providers/device-provider/use-audio-devices-state";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { AudioRole } from "@/lib/client/audio-preferences";
import { useAudioDevices } from "@/lib/hooks/use-audio-devices";
import { MicrophoneTest } from "./microphone-test";
import { SpeakerTest } from "./speaker-test";

/** The options for one select: the SDK's list, with a "System default" entry where the browser has none (Firefox). */
function options(devices: AudioDevice[], selected: string): AudioDevice[] {
  const list = devices.some((d) => d.deviceId === "default") ? devices : [{ deviceId: "default", label: "System default" }, ...devices];
  return list.some((d) => d.deviceId === selected) ? list : [...list, { deviceId: selected, label: "Current device" }];
}

function DeviceSelect({ role, label, devices, value, onChoose }: { role: AudioRole; label: string; devices: AudioDevice[]; value: string; onChoose(role: AudioRole, id: string): void }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <Select id={id} value={value} onChange={(e) => onChoose(role, e.target.value)} data-testid={`audio-${role}`}>
        {options(devices, value).map((d) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/**
 * "Audio settings": a small panel beside the softphone status to choose the microphone, speaker
 * and ringtone output, test them, and see why the softphone is not using a remembered device.
 * Escape or the button closes it; focus goes back to the button.
 */
export function AudioSettings() {
  const audio = useAudioDevices();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const buttonId = useId();
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    if (open) (panel.current?.querySelector<HTMLElement>("select") ?? panel.current?.querySelector<HTMLElement>("button"))?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    document.getElementById(buttonId)?.focus();
  };
  const choose = (role: AudioRole, deviceId: string) => void audio.choose(role, deviceId);

  return (
    <div className="relative">
      <Button id={buttonId} variant="secondary" size="sm" aria-expanded={open} aria-controls={panelId} onClick={() => (open ? close() : setOpen(true))}>
        Audio settings
        {audio.notices.length > 0 ? <span aria-label="(a device is missing)" className="inline-block h-2 w-2 rounded-full bg-amber-500" /> : null}
      </Button>
      {open ? (
        <section
          ref={panel}
          id={panelId}
          aria-labelledby={headingId}
          onKeyDown={(e) => {
            if (e.key === "Escape") close();
          }}
          className="absolute right-0 z-20 mt-2 w-[min(26rem,90vw)] space-y-4 rounded-lg bg-white p-4 text-left shadow-lg ring-1 ring-slate-200"
        >
          <div className="flex items-center justify-between">
            <h2 id={headingId} className="text-base font-semibold text-slate-900">
              Audio settings
            </h2>
            <Button variant="ghost" size="sm" onClick={close}>
              Close
            </Button>
          </div>
          {!audio.ready ? (
            <p className="text-sm text-slate-600">The softphone is starting…</p>
          ) : (
            <>
              {audio.notices.map((n) => (
                <p key={n} role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="audio-notice">
                  {n}
                </p>
              ))}
              {audio.error ? (
                <p role="alert" className="text-sm text-red-700">
                  {audio.error}
                </p>
              ) : null}
              {!audio.listed ? <p className="text-sm text-slate-600">Your browser shows the device names once this site may use the microphone: run the microphone test to allow it.</p> : null}
              <DeviceSelect role="input" label="Microphone" devices={audio.inputs} value={audio.input} onChoose={choose} />
              <MicrophoneTest deviceId={audio.input} />
              {audio.outputSelection ? (
                <>
                  <DeviceSelect role="speaker" label="Speaker" devices={audio.outputs} value={audio.speaker} onChoose={choose} />
                  <SpeakerTest sinkId={audio.speaker} />
                  <DeviceSelect role="ringtone" label="Ringtone output" devices={audio.outputs} value={audio.ringtone} onChoose={choose} />
                  <SpeakerTest sinkId={audio.ringtone} label="Play ringtone" />
                </>
              ) : (
                <>
                  <p className="text-sm text-slate-600">This browser plays calls on the system&apos;s default speaker; choose it in your computer&apos;s sound settings.</p>
                  <SpeakerTest sinkId="default" />
                </>
              )}
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
