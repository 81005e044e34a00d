"use client";

import { SegmentError } from "@/components/console/segment-error";

export default function Error({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <SegmentError label="administration" error={error} reset={reset} />;
}
