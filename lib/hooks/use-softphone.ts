"use client";

import { useDeviceContext } from "@/components/providers/device-provider/device-context";

/** The softphone's registration status, last error, identity and outbound `connect`. */
export function useSoftphone() {
  const { status, error, identity, connect } = useDeviceContext();
  return { status, error, identity, connect };
}
