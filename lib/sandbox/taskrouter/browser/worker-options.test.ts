import { describe, expect, it } from "vitest";
import { taskRouterWorkerOptions } from "./worker-options";

describe("taskRouterWorkerOptions", () => {
  it("uses the SDK's defaults in Twilio mode", () => {
    expect(taskRouterWorkerOptions({ token: "t", mode: "twilio" })).toEqual({});
  });
  it("points the event bridge at the sandbox in sandbox mode", () => {
    expect(taskRouterWorkerOptions({ token: "t", mode: "sandbox", sandbox: { baseUrl: "http://127.0.0.1:3100" } })).toEqual({
      ebServer: "http://127.0.0.1:3100/taskrouter/v1/wschannels",
      wsServer: "ws://127.0.0.1:3100/taskrouter/v1/wschannels",
    });
  });
  it("refuses sandbox mode without a sandbox URL", () => {
    expect(() => taskRouterWorkerOptions({ token: "t", mode: "sandbox" })).toThrow(/sandbox.baseUrl/);
  });
});
