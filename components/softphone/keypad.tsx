"use client";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

/** DTMF keypad: each press is sent on the call (the SDK sends RFC 4733 events, or tones in-band). */
export function Keypad({ onDigit, sent }: { onDigit(digit: string): void; sent: string }) {
  return (
    <div>
      <div role="group" aria-label="Keypad" className="grid w-44 grid-cols-3 gap-1">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            onClick={() => onDigit(key)}
            aria-label={`Send ${key === "*" ? "star" : key === "#" ? "pound" : key}`}
            className="h-10 rounded-md bg-slate-100 text-lg font-medium text-slate-800 hover:bg-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          >
            {key}
          </button>
        ))}
      </div>
      <p className="mt-1 h-5 font-mono text-sm text-slate-600" aria-live="polite" data-testid="dtmf-sent">
        {sent}
      </p>
    </div>
  );
}
