/**
 * The supervisor's live view against the real app, the sandbox and real browsers: a scripted
 * customer calls in (sandbox control API), sam watches the call wait, puts alice Available, sees
 * alice's softphone (the real Voice SDK Device, in her own browser context) take it and go busy;
 * the stream survives a drop without a reload. Recordings play through the authorised route.
 */
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { inboundAudio, openAgentPhone, phoneLog, recordPeerConnections } from "./fixtures/agent-phone";
import { hangup, placeCall, pressInMenu, say, waitForVerb } from "./fixtures/sandbox-caller";

const CUSTOMER = "+12025550111";

async function openLiveView(page: Page) {
  await signIn(page, "sam");
  await page.goto("/supervisor");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
}

test("sam sees a waiting call, puts alice Available and sees her take it; the stream resumes after a drop", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  await openLiveView(page);
  const support = page.getByTestId("queue-row-support");
  const aliceRow = page.getByTestId("agent-row-alice");
  await expect(support.getByTestId("queue-waiting")).toHaveText("0");
  // A marker that a reload would wipe: everything below must arrive over the stream.
  await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

  const aliceContext = await browser.newContext();
  const alicePage = await aliceContext.newPage();
  await signIn(alicePage, "alice");
  const phone = await openAgentPhone(aliceContext, baseURL!);

  const callSid = await placeCall(CUSTOMER);
  await pressInMenu(callSid, "2");
  await expect(support.getByTestId("queue-waiting")).toHaveText("1");
  const liveCall = page.getByTestId(`live-call-${callSid}`);
  await expect(liveCall).toContainText("Waiting");
  await expect(liveCall).toContainText("Support");

  // The network goes away; the server ends streams every few seconds in the e2e setup, so the
  // browser is soon reconnecting (and failing) while alice is put Available and takes the call.
  const status = page.getByTestId("live-status");
  await page.context().setOffline(true);
  await expect(status).toHaveText("Reconnecting…");
  const aliceId = await aliceRow.getAttribute("data-user-id");
  const put = await page.context().request.post(`/api/supervisor/agents/${aliceId}/activity`, { data: { activity: "Available" } });
  expect(put.status(), await put.text()).toBe(200);
  await expect.poll(() => phoneLog(phone)).toContain("accepted");
  await expect(status).toHaveText("Reconnecting…");

  // Back online: the stream resumes with the current snapshot, no reload.
  await page.context().setOffline(false);
  await expect(status).toHaveText("Live", { timeout: 30_000 });
  await expect(aliceRow.getByTestId("agent-activity")).toHaveText("Busy");
  await expect(aliceRow.getByTestId("agent-call")).toContainText("From Maria Garcia");
  await expect(liveCall).toContainText("Talking");
  await expect(liveCall).toContainText("Alice Johnson");
  await expect(support.getByTestId("queue-waiting")).toHaveText("0");
  expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);

  await hangup(callSid);
  await expect(page.getByTestId(`live-call-${callSid}`)).toHaveCount(0);
  await expect(aliceRow.getByTestId("agent-activity")).toHaveText("Wrap-up");

  // The supervisor changes alice's activity from the board (through TaskRouter).
  await aliceRow.getByLabel("Set Alice Johnson's activity").selectOption("Break");
  await expect(aliceRow.getByTestId("agent-activity")).toHaveText("Break");
  await aliceContext.close();
});

test("sam monitors (hears the agent, is not heard), whispers (the agent hears him), barges and leaves", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  await recordPeerConnections(page);
  const pageLog: string[] = [];
  page.on("console", (m) => m.type() === "error" && pageLog.push(m.text()));
  await openLiveView(page);
  const bobContext = await browser.newContext();
  await signIn(await bobContext.newPage(), "bob");
  const phone = await openAgentPhone(bobContext, baseURL!);

  const callSid = await placeCall("+12025550112");
  await pressInMenu(callSid, "2");
  const liveCall = page.getByTestId(`live-call-${callSid}`);
  await expect(liveCall).toContainText("Waiting");
  await page.getByTestId("agent-row-bob").getByLabel("Set Bob Martinez's activity").selectOption("Available");
  await expect(page.getByTestId("agent-row-bob").getByTestId("agent-activity")).not.toHaveText("Offline");
  await expect.poll(() => phoneLog(phone), { timeout: 30_000 }).toContain("accepted");
  await expect(liveCall).toContainText("Talking");
  await expect(liveCall).toContainText("Bob Martinez");

  const status = page.getByTestId("supervise-status");
  await liveCall.getByRole("button", { name: "Monitor" }).click();
  await expect(status).toHaveText("You are on the call (monitor).", { timeout: 30_000 }).catch((error: Error) => {
    throw new Error(`${error.message}\nsupervisor page errors:\n${pageLog.join("\n")}`);
  });
  // Sam hears bob (bob's fake microphone); bob hears only the scripted caller, who is silent,
  // so nothing of sam reaches him while sam is a muted (monitor) participant.
  await expect.poll(async () => (await inboundAudio(page, "supervisorPcs")).energy, { timeout: 30_000 }).toBeGreaterThan(0);
  const bobBefore = await inboundAudio(phone, "agentPhone");
  const samBefore = await inboundAudio(page, "supervisorPcs");
  // While sam goes on receiving bob's audio (his received energy doubles), bob receives no
  // audio energy at all: nothing of sam reaches him.
  await expect.poll(async () => (await inboundAudio(page, "supervisorPcs")).energy, { timeout: 30_000 }).toBeGreaterThan(samBefore.energy * 2);
  const bobAfter = await inboundAudio(phone, "agentPhone");
  expect(bobAfter.energy).toBe(bobBefore.energy);

  await liveCall.getByRole("button", { name: "Whisper" }).click();
  await expect(status).toHaveText("You are on the call (whisper).");
  await expect.poll(async () => (await inboundAudio(phone, "agentPhone")).energy, { timeout: 30_000 }).toBeGreaterThan(bobAfter.energy);

  await liveCall.getByRole("button", { name: "Barge" }).click();
  await expect(status).toHaveText("You are on the call (barge).");
  await expect(liveCall.getByRole("button", { name: "Barge" })).toHaveAttribute("aria-pressed", "true");

  await liveCall.getByRole("button", { name: "Leave" }).click();
  await expect(status).toHaveCount(0);
  await expect(liveCall).toContainText("Talking");
  await hangup(callSid);
  await expect(liveCall).toHaveCount(0);
  await bobContext.close();
});

test("sam plays a voicemail recording with seek and speed, and downloads it", async ({ page }) => {
  const callSid = await placeCall("+12025550188");
  await pressInMenu(callSid, "4");
  await waitForVerb(callSid, "Record");
  await say(callSid, "Please call me back about my order");
  // Like a real caller, finish speaking before hanging up: a <Record> that captured nothing is
  // dropped (Twilio does not call the action for an empty recording), and so is the voicemail.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await hangup(callSid);

  await signIn(page, "sam");
  await page.goto("/supervisor/voicemail");
  const item = page.getByTestId("voicemail-list").getByRole("listitem").filter({ hasText: "+1 202 555 0188" });
  await expect(async () => {
    await page.reload();
    await expect(item.getByTestId("recording-player")).toBeVisible({ timeout: 1000 });
  }).toPass();
  const player = item.getByTestId("recording-player");
  await expect(player.getByTestId("recording-waveform")).toHaveAttribute("data-ready", "true");
  const audio = player.locator("audio");
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration)).toBeGreaterThan(0);

  await player.getByRole("button", { name: /^Play/ }).click();
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0);
  // It plays to the end (a short message) and the button offers Play again.
  await expect(player.getByRole("button", { name: /^Play/ })).toBeVisible({ timeout: 30_000 });

  await player.getByLabel("Playback speed").selectOption("2");
  expect(await audio.evaluate((el: HTMLAudioElement) => el.playbackRate)).toBe(2);

  const waveform = player.getByTestId("recording-waveform");
  const box = (await waveform.boundingBox())!;
  await waveform.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
  const [position, duration] = await audio.evaluate((el: HTMLAudioElement) => [el.currentTime, el.duration]);
  expect(position / duration).toBeGreaterThan(0.6);
  expect(position / duration).toBeLessThan(0.9);

  const downloadPromise = page.waitForEvent("download");
  await player.getByRole("link", { name: "Download" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^RE[0-9a-f]{32}\.wav$/);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  expect(bytes.subarray(0, 4).toString("ascii")).toBe("RIFF");
});

test("an agent gets 403 from the supervisor pages, APIs and stream", async ({ page }) => {
  await signIn(page, "alice");
  expect((await page.goto("/supervisor"))?.status()).toBe(403);
  for (const path of ["/api/supervisor/live", "/api/supervisor/queues", "/api/supervisor/calls/export"]) {
    expect((await page.request.get(path)).status(), path).toBe(403);
  }
  const activity = await page.request.post("/api/supervisor/agents/someone/activity", { data: { activity: "Break" } });
  expect(activity.status()).toBe(403);
  const supervise = await page.request.post(`/api/tasks/WT${"0".repeat(32)}/supervise`, { data: { mode: "monitor" } });
  expect(supervise.status()).toBe(403);
});
