/**
 * Runs with 30 s access tokens (playwright.tokens.config.ts). Alice takes a customer's call and
 * stays on it well past the expiry of the tokens her console started with: the Device and the
 * Worker fetch fresh tokens in time (the sandbox refuses expired ones: the Voice signalling
 * reports 20104 and the TaskRouter event bridge closes the Worker's socket at expiry), the call
 * stays connected with audio both ways, and the Worker still gets its events afterwards
 * (wrap-up after the hang-up, activity changes).
 */
import { expect, test, type Request } from "@playwright/test";
import { bundleCustomerPhone, callBusiness, expectAudioFlowing, openAgentWorkspace, openCustomerPhone, phoneLog, sandboxUrlFor, setActivity } from "../fixtures/agent";

test.describe.configure({ timeout: 180_000 });

const TTL_MS = 30_000;

test("a call outlives the console's first tokens: both are refreshed in time, the call and the Worker carry on", async ({ browser }) => {
  const phoneScript = await bundleCustomerPhone();
  const alice = await openAgentWorkspace(browser, "alice");
  // The console's first tokens were fetched while the workspace opened; from here on, only refreshes.
  const refreshes: { kind: string; at: number; status: number }[] = [];
  alice.on("requestfinished", (request: Request) => {
    const kind = /\/api\/tokens\/(voice|worker)$/.exec(new URL(request.url()).pathname)?.[1];
    if (kind && request.method() === "POST") void request.response().then((r) => refreshes.push({ kind, at: Date.now(), status: r?.status() ?? 0 }));
  });
  const sandboxUrl = await sandboxUrlFor(alice);
  await setActivity(alice, "Available");

  const customer = await openCustomerPhone(browser, phoneScript, sandboxUrl, "+12025550161");
  await callBusiness(customer, "2");
  const card = alice.getByTestId("reservation-card");
  await expect(card.getByRole("button", { name: "Accept" })).toBeEnabled({ timeout: 30_000 });
  await card.getByRole("button", { name: "Accept" }).click();
  const panel = alice.getByTestId("call-panel");
  await expect(panel.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });

  const connectedAt = Date.now();

  // During the call both SDKs ask for a new token before theirs runs out (Voice 10 s, TaskRouter 5 s ahead).
  await expect
    .poll(() => [...new Set(refreshes.filter((r) => r.status === 200 && r.at > connectedAt).map((r) => r.kind))].sort(), {
      message: "the Device and the Worker fetch fresh tokens during the call",
      timeout: TTL_MS + 15_000,
    })
    .toEqual(["voice", "worker"]);
  // Hold the call until every token that was valid when it connected has expired (plus the sandbox closing the old socket).
  await expect.poll(() => Date.now() > connectedAt + TTL_MS + 5_000, { timeout: TTL_MS + 10_000 }).toBe(true);

  await expect(panel.getByTestId("call-state")).toHaveText("Connected");
  await expect(alice.getByTestId("softphone-status")).toHaveText("Ready");
  await expect(alice.getByTestId("worker-status")).toHaveText("Connected", { timeout: 15_000 });
  await expect(alice.getByText(/expired|token/i)).toHaveCount(0);
  await expectAudioFlowing(alice, "agent");
  await expectAudioFlowing(customer, "phone");

  // The Worker still hears TaskRouter: the task goes to wrap-up after the hang-up, and activity changes land.
  await panel.getByRole("button", { name: "Hang up" }).click();
  await expect.poll(() => phoneLog(customer)).toContain("hangup");
  const form = alice.getByTestId("wrapup-form");
  await expect(form).toBeVisible({ timeout: 30_000 });
  await form.getByLabel("Disposition").selectOption({ label: "Resolved" });
  await form.getByRole("button", { name: "Complete" }).click();
  await expect(form).toHaveCount(0);
  await setActivity(alice, "Offline");
  await setActivity(alice, "Available");
  await setActivity(alice, "Offline");
  // And the softphone is still reachable with its refreshed registration.
  await expect(alice.getByTestId("softphone-status")).toHaveText("Ready");
});
