/**
 * A remote inspection end to end, in sandbox mode: staff create it, invite an outside inspector,
 * admit them from the waiting room, see and hear each other (fake camera and microphone), share
 * a screen, chat, snapshot, record, mute, remove and end — then the history shows it all.
 */
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";

async function videoWidth(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).first().evaluate((el) => (el as HTMLVideoElement).videoWidth);
}

/** Peak level of the remote audio the page is playing, measured with Web Audio over ~1 s. */
async function remoteAudioPeak(page: Page): Promise<number> {
  return page.getByTestId("remote-audio").first().evaluate(async (el) => {
    const stream = (el as HTMLAudioElement).srcObject as MediaStream | null;
    if (!stream) return 0;
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    ctx.createMediaStreamSource(stream).connect(analyser);
    const data = new Float32Array(analyser.fftSize);
    let peak = 0;
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 50));
      analyser.getFloatTimeDomainData(data);
      for (const v of data) peak = Math.max(peak, Math.abs(v));
    }
    await ctx.close();
    return peak;
  });
}

/**
 * Plays a recording in a fresh <video> element: its length from the metadata and the size of
 * the first video frame Chromium actually decodes (0 when none comes within 15 s).
 */
async function playRecording(page: Page, src: string): Promise<{ error: string | null; duration: number; frameWidth: number }> {
  return page.evaluate((url) => new Promise((resolve) => {
    const video = document.createElement("video");
    let duration = 0;
    const guard = setTimeout(() => resolve({ error: "no video frame decoded", duration, frameWidth: 0 }), 15_000);
    video.muted = true;
    video.addEventListener("loadedmetadata", () => {
      duration = video.duration;
      video.requestVideoFrameCallback((_now, frame) => { clearTimeout(guard); resolve({ error: null, duration, frameWidth: frame.width }); });
      void video.play().catch((e: Error) => resolve({ error: e.message, duration, frameWidth: 0 }));
    });
    video.addEventListener("error", () => resolve({ error: video.error?.message || `code ${video.error?.code}`, duration, frameWidth: 0 }));
    document.body.append(video);
    video.src = url;
  }), src);
}

async function createInspection(page: Page, subject: string): Promise<string> {
  await page.goto("/rooms");
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Reference").fill("IMO 9321483");
  await page.getByLabel("Scheduled for").fill("2026-11-21T10:00");
  await page.getByRole("button", { name: "Create inspection" }).click();
  await page.waitForURL(/\/rooms\/[a-z0-9]+$/);
  return page.url().split("/").pop()!;
}

async function createInvite(page: Page, name: string): Promise<string> {
  await page.getByLabel("Guest name").fill(name);
  await page.getByRole("button", { name: "Create invite link" }).click();
  const url = await page.getByTestId("invite-url").inputValue();
  expect(url).toContain("/join/");
  return url;
}

test("staff run a remote inspection with an invited inspector", async ({ browser }) => {
  test.setTimeout(180_000);
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "alice");
  const inspectionId = await createInspection(staff, "Hull damage survey");
  const inviteUrl = await createInvite(staff, "Olga Inspector");

  await staff.getByRole("link", { name: "Join room" }).click();
  await staff.getByRole("button", { name: "Join as host" }).click();
  await expect(staff.getByTestId("local-video")).toBeVisible();

  // The guest: no account, a phone-sized screen.
  const guestContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const guest = await guestContext.newPage();
  await guest.goto(inviteUrl);
  await expect(guest.getByLabel("Your name")).toHaveValue("Olga Inspector");
  await guest.getByRole("button", { name: "Ask to join" }).click();
  await expect(guest.getByTestId("guest-waiting")).toBeVisible();

  await staff.getByRole("button", { name: "Admit Olga Inspector" }).click();
  await expect(guest.getByTestId("participant-tile")).toHaveCount(2);
  await expect(staff.getByTestId("participant-tile")).toHaveCount(2);
  await expect(staff.locator('[data-testid="participant-tile"][data-name="Olga Inspector"]')).toBeVisible();

  // Each sees the other's video (frames decoding) and hears the other's microphone.
  await expect.poll(() => videoWidth(staff, "remote-video"), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => videoWidth(guest, "remote-video"), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => remoteAudioPeak(staff), { timeout: 20_000 }).toBeGreaterThan(0.01);
  await expect.poll(() => remoteAudioPeak(guest), { timeout: 20_000 }).toBeGreaterThan(0.01);
  // The guest's microphone makes them the dominant speaker for the host; network quality shows.
  const guestTileForStaff = staff.locator('[data-testid="participant-tile"][data-name="Olga Inspector"]');
  await expect(guestTileForStaff).toHaveAttribute("data-dominant", "true", { timeout: 20_000 });
  await expect(guestTileForStaff.getByTestId("network-quality")).toBeVisible({ timeout: 20_000 });

  // Screen share reaches the guest.
  await staff.getByRole("button", { name: "Share screen" }).click();
  await expect(guest.getByTestId("screen-share")).toBeVisible();
  await expect.poll(() => videoWidth(guest, "screen-video"), { timeout: 20_000 }).toBeGreaterThan(0);
  await staff.getByRole("button", { name: "Stop sharing" }).click();
  await expect(guest.getByTestId("screen-share")).toHaveCount(0);

  // Chat both ways.
  await guest.getByLabel("Message").fill("The starboard plate is dented near frame 42.");
  await guest.getByRole("button", { name: "Send" }).click();
  await expect(staff.getByTestId("chat-log")).toContainText("Olga Inspector: The starboard plate is dented near frame 42.");

  // Recording, visible to everyone while it runs.
  await staff.getByRole("button", { name: "Start recording" }).click();
  await expect(staff.getByTestId("recording-indicator")).toBeVisible();
  await expect(guest.getByTestId("recording-indicator")).toBeVisible();
  // Let several seconds of media reach the recorder (its connection takes a second or two to set up).
  await guest.waitForTimeout(10_000);
  await staff.getByRole("button", { name: "Stop recording" }).click();
  await expect(guest.getByTestId("recording-indicator")).toHaveCount(0);

  // Snapshot of the guest's video, saved to the inspection.
  const guestTile = staff.locator('[data-testid="participant-tile"][data-name="Olga Inspector"]');
  await guestTile.getByRole("button", { name: "Snapshot" }).click();
  await expect(staff.getByRole("status")).toContainText("Snapshot of Olga Inspector saved");

  // Host mutes the guest, then removes them.
  await guestTile.getByRole("button", { name: "Mute Olga Inspector" }).click();
  await expect(guest.getByRole("status")).toContainText("muted your microphone");
  await expect(guestTile.getByTestId("muted-indicator")).toBeVisible();
  await guestTile.getByRole("button", { name: "Remove Olga Inspector" }).click();
  await expect(guest.getByTestId("guest-ended")).toContainText("Alice Johnson removed you from the inspection");
  await expect(staff.getByTestId("participant-tile")).toHaveCount(1);

  // End the room for everyone.
  await staff.getByRole("button", { name: "End for everyone" }).click();
  await expect(staff.getByTestId("left-room")).toBeVisible();

  // History: both participants with times, the recording (playable), the snapshot.
  await staff.goto(`/rooms/${inspectionId}`);
  await expect(async () => {
    await staff.reload();
    await expect(staff.getByTestId("history-participant").filter({ hasText: "Alice Johnson" })).toHaveCount(1);
    await expect(staff.getByTestId("history-participant").filter({ hasText: "Olga Inspector" })).toHaveCount(1);
    await expect(staff.getByTestId("history-participant").filter({ hasText: "in the room" })).toHaveCount(0);
    // One recording per participant; none still processing.
    await expect(staff.getByTestId("history-recording")).toHaveCount(2);
    await expect(staff.getByTestId("history-recording").filter({ hasText: "processing" })).toHaveCount(0);
  }).toPass({ timeout: 30_000 });
  // Both recordings completed: WebM files behind the authorised route (not served to someone
  // signed out) that Chromium loads as video of the seconds that were recorded.
  const completed = staff.getByTestId("history-recording").filter({ hasText: "completed" });
  await expect(completed).toHaveCount(2);
  const sources = await completed.locator("video").evaluateAll((videos) => videos.map((v) => (v as HTMLVideoElement).getAttribute("src")!));
  for (const src of sources) {
    const media = await staff.request.get(src);
    expect(media.status()).toBe(200);
    expect(media.headers()["content-type"]).toBe("video/webm");
    const body = await media.body();
    expect([...body.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML header
    expect(body.length).toBeGreaterThan(20_000); // seconds of VP8 and Opus, not a header
    expect((await guest.request.get(src)).status()).toBe(401);
    const playback = await playRecording(staff, src);
    expect(playback.error).toBeNull();
    expect(playback.frameWidth).toBeGreaterThan(0);
    // The real length of the recording (a finalised file), not the writer's placeholder.
    expect(playback.duration).toBeGreaterThan(1);
    expect(playback.duration).toBeLessThan(60);
  }
  const snapshot = staff.getByTestId("history-snapshot").first().locator("img");
  await expect.poll(() => snapshot.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

  // The finished inspection's link no longer works.
  await guest.goto(inviteUrl);
  await expect(guest.getByTestId("invite-refused")).toHaveAttribute("data-state", "ended");

  await guestContext.close();
  await staffContext.close();
});

test("revoked links and links for another room are refused", async ({ browser }) => {
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "alice");
  const first = await createInspection(staff, "Cargo hold survey");
  const inviteUrl = await createInvite(staff, "Pat Surveyor");
  await staff.getByRole("button", { name: "Revoke Pat Surveyor" }).click();
  await expect(staff.getByTestId("invite-row").filter({ hasText: "revoked" })).toHaveCount(1);

  const second = await createInspection(staff, "Engine room survey");
  const otherUrl = await createInvite(staff, "Kim Surveyor");

  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(inviteUrl);
  await expect(guest.getByTestId("invite-refused")).toHaveAttribute("data-state", "revoked");
  await expect(guest.getByRole("heading")).toHaveText("This invite link was withdrawn");

  // The second link, rewritten to point at the first inspection, fails its signature.
  const token = otherUrl.split("/join/")[1]!;
  const forged = token.replace(second, first);
  expect(forged).not.toBe(token);
  await guest.goto(`/join/${forged}`);
  await expect(guest.getByTestId("invite-refused")).toHaveAttribute("data-state", "invalid");

  // A guest has no session: the staff token endpoint refuses them.
  const answer = await guest.request.post("/api/tokens/video", { data: { room: `insp-${first}` } });
  expect(answer.status()).toBe(401);
  await guestContext.close();
  await staffContext.close();
});
