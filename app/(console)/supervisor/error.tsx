"use client";

import { SegmentError } from "@/components/console/segment-error";

export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SegmentError label="supervisor dashboard" error={error} reset={reset} />;
}
