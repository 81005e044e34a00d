"use client";

import { SegmentError } from "@/components/console/segment-error";

export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SegmentError label="sandbox console" error={error} reset={reset} />;
}
