import { SegmentLoading } from "@/components/console/segment-loading";

export default function Loading() {
  return <SegmentLoading label="audit log" />;
}
