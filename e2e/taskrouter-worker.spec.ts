/**
 * The browser build of the real twilio-taskrouter SDK, in Chromium, on a page of another origin
 * (as the app's agent console will be), against an in-process sandbox's event bridge: CORS
 * preflight, WebSocket, ready, reservation, accept — in step with the REST API.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { build } from "esbuild";
import twilio from "twilio";
import { startTestSandbox, type TestSandbox } from "../lib/sandbox/testing/test-sandbox";

/**
 * The SDK's browser entry (package.json "browser": dist/index.window.js) leaves its dependencies
 * to the app's bundler, as Next.js resolves them for the agent console: bundle it the same way.
 */
async function bundleSdk(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `window.TaskRouter = require("twilio-taskrouter");`,
      resolveDir: process.cwd(),
      loader: "js",
    },
    bundle: true,
    platform: "browser",
    format: "iife",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

type BrowserWorker = {
  activity: { name: string };
  activities: Map<string, { name: string; setAsCurrent(): Promise<unknown> }>;
  on(event: string, listener: (arg: unknown) => void): void;
};
declare global {
  interface Window {
    TaskRouter: { Worker: new (token: string, options: Record<string, unknown>) => BrowserWorker };
    worker: BrowserWorker;
    reservation:
      | {
          sid: string;
          status: string;
          task: { attributes: Record<string, unknown> };
          accept(): Promise<unknown>;
        }
      | undefined;
  }
}

test.describe("twilio-taskrouter in the browser", () => {
  let s: TestSandbox;
  let pages: http.Server;
  let pageOrigin: string;
  test.beforeAll(async () => {
    const sdk = await bundleSdk();
    // A real local server (not page.route): Chromium only lets loopback pages reach the
    // loopback sandbox (Local Network Access), as the app on localhost does.
    pages = http.createServer((req, res) => {
      if (req.url === "/sdk.js")
        res.writeHead(200, { "Content-Type": "application/javascript" }).end(sdk);
      else
        res
          .writeHead(200, { "Content-Type": "text/html" })
          .end(`<!doctype html><title>agent</title><script src="/sdk.js"></script>`);
    });
    await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
    pageOrigin = `http://localhost:${(pages.address() as AddressInfo).port}`;
    s = await startTestSandbox();
    s.app.on("/assignment", () => ({ status: 200, body: "" }));
  });
  test.afterAll(async () => {
    await s?.close();
    await new Promise((resolve) => pages?.close(resolve));
  });

  test("a Worker on another origin gets ready, receives a reservation and accepts it", async ({
    page,
  }) => {
    const workspace = await s.client.taskrouter.v1.workspaces.create({ friendlyName: "Browser" });
    const tr = s.client.taskrouter.v1.workspaces(workspace.sid);
    const available = (await tr.activities.list({ friendlyName: "Available" }))[0]!.sid;
    const queue = await tr.taskQueues.create({ friendlyName: "All", targetWorkers: "1==1" });
    const workflow = await tr.workflows.create({
      friendlyName: "Main",
      configuration: JSON.stringify({
        task_routing: { filters: [], default_filter: { queue: queue.sid } },
      }),
      assignmentCallbackUrl: `${s.app.url}/assignment`,
    });
    const worker = await tr.workers.create({
      friendlyName: "alice",
      attributes: JSON.stringify({ languages: ["en"] }),
    });
    const { AccessToken } = twilio.jwt;
    const jwt = new AccessToken(
      s.credentials.accountSid,
      s.credentials.apiKeySid,
      s.credentials.apiKeySecret,
      { identity: "alice", ttl: 3600 },
    );
    jwt.addGrant(
      new AccessToken.TaskRouterGrant({
        workspaceSid: workspace.sid,
        workerSid: worker.sid,
        role: "worker",
      }),
    );

    await page.goto(`${pageOrigin}/agent`);
    const activity = await page.evaluate(
      ({ token, eb, ws }) =>
        new Promise<string>((resolve, reject) => {
          const w = new window.TaskRouter.Worker(token, {
            ebServer: eb,
            wsServer: ws,
            logLevel: "silent",
            closeExistingSessions: true,
          });
          window.worker = w;
          w.on("ready", () => resolve(w.activity.name));
          w.on("error", (error) =>
            reject(new Error(String((error as { message?: string }).message ?? error))),
          );
          w.on("reservationCreated", (reservation) => {
            window.reservation = reservation as Window["reservation"];
          });
        }),
      {
        token: jwt.toJwt(),
        eb: `${s.url}/taskrouter/v1/wschannels`,
        ws: `${s.url.replace(/^http/, "ws")}/taskrouter/v1/wschannels`,
      },
    );
    expect(activity).toBe("Offline");

    await page.evaluate((sid) => window.worker.activities.get(sid)!.setAsCurrent(), available);
    expect((await tr.workers(worker.sid).fetch()).activityName).toBe("Available");

    const task = await tr.tasks.create({
      workflowSid: workflow.sid,
      attributes: JSON.stringify({ customer: "Ada" }),
    });
    await s.settle();
    await page.waitForFunction(() => window.reservation !== undefined);
    expect(await page.evaluate(() => window.reservation!.task.attributes)).toEqual({
      customer: "Ada",
    });
    await page.evaluate(() => window.reservation!.accept());
    expect((await tr.tasks(task.sid).fetch()).assignmentStatus).toBe("assigned");
    await page.waitForFunction(() => window.reservation!.status === "accepted");
  });
});
