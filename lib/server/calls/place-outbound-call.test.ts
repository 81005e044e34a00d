import { describe, expect, it } from "vitest";
import { parseOutboundDestination } from "./place-outbound-call";

describe("parseOutboundDestination", () => {
  it("accepts E.164 and US national numbers, returning E.164", () => {
    expect(parseOutboundDestination("+12025550111")).toEqual({ kind: "number", number: "+12025550111" });
    expect(parseOutboundDestination("(202) 555-0111")).toEqual({ kind: "number", number: "+12025550111" });
    expect(parseOutboundDestination("+34 600 111 222")).toEqual({ kind: "number", number: "+34600111222" });
  });

  it("recognises agents and queues", () => {
    expect(parseOutboundDestination("client:bob")).toEqual({ kind: "client", identity: "bob" });
    expect(parseOutboundDestination("queue:sales")).toEqual({ kind: "queue", key: "sales" });
  });

  it("rejects anything else with a reason", () => {
    for (const bad of ["", "12", "+1202555011", "+999123", "client:bob<script>", "queue:Sales Team", "call me", "+1 202 555 0111; DROP"]) {
      expect(parseOutboundDestination(bad).kind).toBe("invalid");
    }
  });
});
