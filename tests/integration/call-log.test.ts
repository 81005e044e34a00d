import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportCalls } from "@/app/api/supervisor/calls/export/route";
import { GET as exportReport } from "@/app/api/supervisor/reports/export/route";
import { db } from "@/lib/server/db";
import { resolveRange } from "@/lib/server/reports/date-range";
import { getReport } from "@/lib/server/reports/get-report";
import { searchCalls } from "@/lib/server/calls/search-calls";
import { callLogFiltersSchema } from "@/lib/validations/call-log";
import { authedRequest, createUser, sessionCookie } from "../support/factories";

const TZ = "America/New_York";
const noParams = { params: Promise.resolve({}) } as never;
const filters = (input: Record<string, unknown>) => callLogFiltersSchema.parse(input);

// A fixed past day (in New York) that nothing else in the shared test database uses.
const DAY = "2024-03-12";
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00-04:00`);

let agentId: string;
let queueKey: string;

beforeAll(async () => {
  const agent = await createUser("AGENT");
  agentId = agent.id;
  queueKey = `logq${Date.now().toString(36)}`;
  const queue = await db.queue.create({ data: { key: queueKey, name: "Log test queue", targetWorkers: "1==1", slaThresholdSeconds: 20 } });
  const contact = await db.contact.create({ data: { name: "Zebulon Quartermaine", phone: "+12025550999" } });
  const base = { to: "+12025550100", status: "completed", statusSequence: 3 };
  const rows = [
    // 10 answered inbound calls, waits 5..50 s, 3 minutes of talk each
    ...Array.from({ length: 10 }, (_, i) => ({
      ...base, callSid: `CAlog${i}`, direction: "inbound", from: i === 0 ? "+12025550999" : `+1312555${String(1000 + i)}`,
      contactId: i === 0 ? contact.id : null, queueId: queue.id, agentId, outcome: "answered", queueSeconds: 5 * (i + 1),
      startedAt: at(`09:${String(10 + i)}`), answeredAt: new Date(at(`09:${String(10 + i)}`).getTime() + 5000 * (i + 1)),
      endedAt: new Date(at(`09:${String(10 + i)}`).getTime() + 5000 * (i + 1) + 180_000), durationSeconds: 200,
    })),
    // 2 abandoned, 1 voicemail, 2 outbound
    { ...base, callSid: "CAlogab1", direction: "inbound", from: "+13125552001", queueId: queue.id, outcome: "abandoned", queueSeconds: 60, startedAt: at("10:00"), endedAt: at("10:01") },
    { ...base, callSid: "CAlogab2", direction: "inbound", from: "+13125552002", queueId: queue.id, outcome: "abandoned", queueSeconds: 90, startedAt: at("14:00"), endedAt: at("14:02") },
    { ...base, callSid: "CAlogvm", direction: "inbound", from: "+13125552003", outcome: "voicemail", startedAt: at("15:00"), endedAt: at("15:01") },
    { ...base, callSid: "CAlogout1", direction: "outbound-dial", from: "+12025550100", to: "+12025550999", contactId: contact.id, agentId, outcome: "answered", startedAt: at("16:00"), answeredAt: at("16:00"), endedAt: at("16:05") },
    { ...base, callSid: "CAlogout2", direction: "outbound-api", from: "+12025550100", to: "+13125559999", agentId, outcome: "missed", startedAt: at("16:30"), endedAt: at("16:31") },
  ];
  await db.call.createMany({ data: rows });
});

describe("searchCalls", () => {
  const day = { from: DAY, to: DAY };

  it("filters by period, queue, direction and outcome", async () => {
    expect((await searchCalls(filters({ ...day, limit: 200 }), TZ)).rows).toHaveLength(15);
    expect((await searchCalls(filters({ ...day, queue: queueKey, limit: 200 }), TZ)).rows).toHaveLength(12);
    expect((await searchCalls(filters({ ...day, direction: "outbound" }), TZ)).rows.map((r) => r.callSid).sort()).toEqual(["CAlogout1", "CAlogout2"]);
    expect((await searchCalls(filters({ ...day, outcome: "abandoned" }), TZ)).rows).toHaveLength(2);
    expect((await searchCalls(filters({ ...day, agent: agentId, limit: 200 }), TZ)).rows).toHaveLength(12);
    // The day before has none of them (the period is in the business time zone).
    expect((await searchCalls(filters({ from: "2024-03-11", to: "2024-03-11" }), TZ)).rows).toHaveLength(0);
  });

  it("finds calls by a full phone number, in any notation, and by contact name", async () => {
    const byNumber = await searchCalls(filters({ ...day, q: "(202) 555-0999" }), TZ);
    expect(byNumber.rows.map((r) => r.callSid).sort()).toEqual(["CAlog0", "CAlogout1"]);
    const byName = await searchCalls(filters({ ...day, q: "quartermaine" }), TZ);
    expect(byName.rows.map((r) => r.callSid).sort()).toEqual(["CAlog0", "CAlogout1"]);
    const byDigits = await searchCalls(filters({ ...day, q: "5552002" }), TZ);
    expect(byDigits.rows.map((r) => r.callSid)).toEqual(["CAlogab2"]);
    expect((await searchCalls(filters({ ...day, q: "nobody at all" }), TZ)).rows).toHaveLength(0);
  });

  it("pages newest first with a cursor, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchCalls(filters({ from: DAY, to: DAY, limit: 4, cursor }), TZ);
      seen.push(...page.rows.map((r) => r.callSid));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(15);
    expect(seen[0]).toBe("CAlogout2");
    expect(seen[seen.length - 1]).toBe("CAlog0");
  });

  it("rejects a tampered cursor with a readable error", async () => {
    await expect(searchCalls(filters({ cursor: "bm9wZQ" }), TZ)).rejects.toThrow("That page link is no longer valid.");
  });
});

describe("getReport", () => {
  it("computes offered, answered, abandonment, service level, ASA and AHT", async () => {
    const queue = await db.queue.findUniqueOrThrow({ where: { key: queueKey } });
    const report = await getReport(resolveRange({ from: DAY, to: DAY }, TZ), queue.id);
    expect(report.totals).toMatchObject({ offered: 12, answered: 10, abandoned: 2 });
    expect(report.totals.abandonmentRate).toBeCloseTo(2 / 12);
    // waits 5,10,15,20 are within the 20 s threshold
    expect(report.totals.serviceLevel).toBeCloseTo(4 / 12);
    expect(report.totals.averageSpeedOfAnswer).toBeCloseTo(27.5);
    expect(report.totals.averageTalk).toBeCloseTo(180);
    expect(report.byHour.find((p) => p.bucket === "9")).toMatchObject({ inbound: 10, answered: 10 });
    expect(report.byHour.find((p) => p.bucket === "14")).toMatchObject({ inbound: 1, abandoned: 1 });
    expect(report.byDay).toEqual([{ bucket: DAY, inbound: 12, answered: 10, abandoned: 2, outbound: 0 }]);
    const agent = report.agents.find((a) => a.userId === agentId);
    expect(agent).toMatchObject({ handled: 10, inbound: 10, outbound: 0 });
  });
});

describe("exports", () => {
  it("streams the filtered call log as CSV to supervisors and audits it", async () => {
    const supervisor = await createUser("SUPERVISOR");
    const res = await exportCalls(authedRequest(`/api/supervisor/calls/export?from=${DAY}&to=${DAY}&outcome=abandoned`, await sessionCookie(supervisor)), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^Started \(UTC\),Call SID,Direction/);
    expect(lines.slice(1).map((l) => l.split(",")[1]).sort()).toEqual(["CAlogab1", "CAlogab2"]);
    expect(await db.auditLog.count({ where: { actorId: supervisor.id, action: "calls.export" } })).toBe(1);
  });

  it("exports report sections and refuses agents", async () => {
    const supervisor = await createUser("SUPERVISOR");
    const ok = await exportReport(authedRequest(`/api/supervisor/reports/export?from=${DAY}&to=${DAY}&queue=${queueKey}&section=summary`, await sessionCookie(supervisor)), noParams);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Offered,12");
    const bad = await exportReport(authedRequest(`/api/supervisor/reports/export?section=everything`, await sessionCookie(supervisor)), noParams);
    expect(bad.status).toBe(400);
    const agent = await createUser("AGENT");
    const refused = await exportCalls(authedRequest(`/api/supervisor/calls/export`, await sessionCookie(agent)), noParams);
    expect(refused.status).toBe(403);
  });
});
