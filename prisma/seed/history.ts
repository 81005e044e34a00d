/**
 * About two weeks of realistic contact-center history, so dashboards, reports and the call log
 * have something to show on first run. Deterministic: the same seed gives the same history.
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { startOfDayInZone } from "@/lib/time";
import { Random } from "./random";
import { BUSINESS_TIMEZONE } from "./reference";

/** The demo business number (the sandbox's seeded number uses the same one). */
export const DEMO_BUSINESS_NUMBER = "+12025550100";

const CONTACTS = [
  ["Maria Garcia", "+12025550111", "Garcia Logistics"],
  ["James Smith", "+12025550112", null],
  ["Li Wei", "+12025550113", "Harbor Freight Partners"],
  ["Fatima Al-Sayed", "+12025550114", null],
  ["Oliver Brown", "+12025550115", "Brown & Sons Shipping"],
  ["Sofia Rossi", "+12025550116", null],
  ["Noah Wilson", "+12025550117", "Atlantic Marine Insurance"],
  ["Emma Dubois", "+12025550118", null],
  ["Lucas Silva", "+12025550119", "Silva Imports"],
  ["Aisha Okonkwo", "+12025550120", null],
  ["Daniel Kim", "+12025550121", "Northwind Traders"],
  ["Chloe Martin", "+12025550122", null],
  ["Mateo Fernández", "+34600111222", "Fernández Náutica"],
  ["Lucía Gómez", "+34600111223", null],
  ["Henrik Larsen", "+4520123456", "Larsen Shipbrokers"],
  ["Priya Patel", "+12025550126", null],
  ["Ethan Clark", "+12025550127", "Clark Claims Adjusting"],
  ["Grace Lee", "+12025550128", null],
  ["Samuel Adeyemi", "+12025550129", null],
  ["Isabella Moreau", "+12025550130", "Moreau Yachts"],
] as const;

const VOICEMAILS = [
  "Hi, this is about my order from last week, it still hasn't arrived. Please call me back.",
  "Hello, I'd like to get a quote for shipping two containers to Rotterdam next month.",
  "Hola, necesito ayuda con mi factura, por favor llámenme.",
  "Calling to reschedule the inspection on Thursday, the vessel is delayed by a day.",
  "Hi, my claim number is on the email I sent, just confirming you received the photos.",
  "Good morning, please call me back about renewing our service contract.",
];

const NOTES = [
  "Customer confirmed the delivery address.",
  "Sent pricing by email; follow up Friday.",
  "Reset the portal password and walked through login.",
  "Booked inspection for next week.",
  "Escalated to billing about duplicate invoice.",
  null,
  null,
];

const AGENTS_BY_QUEUE: Record<string, string[]> = {
  sales: ["bob", "sam"],
  support: ["alice", "bob", "sam"],
  inspections: ["sam"],
};

type QueueKey = "sales" | "support" | "inspections";

interface Context {
  rng: Random;
  now: Date;
  users: Map<string, { id: string; workerSid: string }>;
  queues: Map<string, { id: string; taskQueueSid: string }>;
  contacts: { id: string; phone: string; name: string }[];
  calls: Prisma.CallCreateManyInput[];
  events: Prisma.CallEventCreateManyInput[];
  tasks: Prisma.TaskCreateManyInput[];
  reservations: Prisma.ReservationCreateManyInput[];
  voicemails: Prisma.VoicemailCreateManyInput[];
  callbacks: Prisma.CallbackRequestCreateManyInput[];
}

const addSeconds = (d: Date, s: number) => new Date(d.getTime() + Math.round(s) * 1000);

function statusEvents(ctx: Context, callId: string, start: Date, answeredAt: Date | null, end: Date, finalStatus: string) {
  const seq = [
    { type: "initiated", at: start },
    { type: "ringing", at: addSeconds(start, 1) },
    ...(answeredAt ? [{ type: "in-progress", at: answeredAt }] : []),
    { type: finalStatus, at: end },
  ];
  seq.forEach((e, i) =>
    ctx.events.push({ callId, source: "call-progress", type: e.type, sequenceNumber: i, occurredAt: e.at }),
  );
}

function addInboundCall(ctx: Context, start: Date) {
  const { rng } = ctx;
  const known = rng.next() < 0.7;
  const contact = known ? rng.pick(ctx.contacts) : null;
  const from = contact?.phone ?? `+1${rng.pick(["202", "312", "415", "617"])}55502${rng.int(40, 99)}`;
  const choice = rng.weighted<QueueKey | "voicemail" | "callback">([
    ["sales", 30], ["support", 45], ["inspections", 10], ["voicemail", 8], ["callback", 7],
  ]);
  const callId = `seedcall${rng.hex(16)}`;
  const callSid = rng.sid("CA");
  const digit = { sales: "1", support: "2", inspections: "3", voicemail: "4", callback: "5" }[choice];
  const ivrDone = addSeconds(start, rng.int(8, 20));
  // Events only for calls that are kept: a call still going on at `now` is left out entirely.
  const ivrEvent: Prisma.CallEventCreateManyInput = { callId, source: "ivr", type: "menu-choice", occurredAt: ivrDone, details: { digit } };

  const base = {
    id: callId, callSid, direction: "inbound", from, to: DEMO_BUSINESS_NUMBER,
    contactId: contact?.id ?? null, ivrPath: [digit], startedAt: start, createdAt: start,
  };

  if (choice === "voicemail" || choice === "callback") {
    const end = addSeconds(ivrDone, choice === "voicemail" ? rng.int(12, 60) : rng.int(5, 12));
    if (end > ctx.now) return;
    ctx.events.push(ivrEvent);
    ctx.calls.push({
      ...base, status: "completed", statusSequence: 3, outcome: choice, answeredAt: start, endedAt: end,
      durationSeconds: Math.round((end.getTime() - start.getTime()) / 1000),
    });
    statusEvents(ctx, callId, start, start, end, "completed");
    const queue = ctx.queues.get("support")!;
    if (choice === "voicemail") {
      const old = ctx.now.getTime() - end.getTime() > 36 * 3600 * 1000;
      ctx.voicemails.push({
        // Like every seeded task, one that existed in TaskRouter at the time: the sweeper must not
        // route this history to today's agents as if its task had never been created.
        taskSid: rng.sid("WT"),
        callId, from, contactId: contact?.id ?? null, queueId: queue.id,
        durationSeconds: Math.round((end.getTime() - ivrDone.getTime()) / 1000),
        transcription: rng.pick(VOICEMAILS), transcriptionStatus: "completed",
        handledAt: old && rng.next() < 0.85 ? addSeconds(end, rng.int(600, 20000)) : null,
        handledById: old ? ctx.users.get(rng.pick(["alice", "bob"]))!.id : null,
        createdAt: end,
      });
    } else {
      const done = ctx.now.getTime() - end.getTime() > 4 * 3600 * 1000;
      ctx.callbacks.push({
        taskSid: rng.sid("WT"),
        phone: from, callId, contactId: contact?.id ?? null, queueId: queue.id,
        status: done ? "COMPLETED" : "PENDING", attempts: done ? 1 : 0,
        assigneeId: done ? ctx.users.get(rng.pick(["alice", "bob"]))!.id : null,
        completedAt: done ? addSeconds(end, rng.int(900, 7200)) : null, createdAt: end,
      });
    }
    return;
  }

  const queue = ctx.queues.get(choice)!;
  const wait = Math.min(600, Math.round(rng.exponential(choice === "sales" ? 18 : 28)) + 2);
  const abandoned = rng.next() < (wait > 90 ? 0.45 : 0.07);
  const taskSid = rng.sid("WT");
  const enqueuedAt = ivrDone;
  const language = contact?.phone.startsWith("+34") ? "es" : "en";
  const attributes = { type: "call", call_sid: callSid, from, to: DEMO_BUSINESS_NUMBER, queue: choice, skill: choice, language, ivr_path: [digit], contact_id: contact?.id ?? null };

  if (abandoned) {
    const end = addSeconds(enqueuedAt, wait);
    if (end > ctx.now) return;
    ctx.events.push(ivrEvent);
    ctx.calls.push({
      ...base, status: "completed", statusSequence: 3, outcome: "abandoned", queueId: queue.id, taskSid,
      enqueuedAt, answeredAt: start, endedAt: end, queueSeconds: wait,
      durationSeconds: Math.round((end.getTime() - start.getTime()) / 1000),
    });
    statusEvents(ctx, callId, start, start, end, "completed");
    ctx.tasks.push({
      taskSid, type: "call", status: "canceled", attributes, taskQueueSid: queue.taskQueueSid, queueId: queue.id,
      callSid, contactId: contact?.id ?? null, reason: "caller hung up", createdAt: enqueuedAt, canceledAt: end,
      lastEventAtMs: BigInt(end.getTime()),
    });
    return;
  }

  const agentName = rng.pick(AGENTS_BY_QUEUE[choice]!);
  const agent = ctx.users.get(agentName)!;
  const answeredAt = addSeconds(enqueuedAt, wait);
  const talk = Math.round(Math.min(2400, rng.logNormal(choice === "sales" ? 300 : 220, 0.6)));
  const end = addSeconds(answeredAt, talk);
  if (end > ctx.now) return;
  ctx.events.push(ivrEvent);
  const wrapEnd = addSeconds(end, rng.int(15, 70));
  const disposition = rng.pick(
    choice === "sales" ? ["sale", "no_sale", "follow_up"] : choice === "inspections" ? ["inspection_booked", "follow_up"] : ["resolved", "resolved", "follow_up", "escalated"],
  );
  ctx.calls.push({
    ...base, status: "completed", statusSequence: 3, outcome: "answered", queueId: queue.id, agentId: agent.id, taskSid,
    enqueuedAt, answeredAt, endedAt: end, queueSeconds: wait, disposition, notes: rng.pick(NOTES),
    durationSeconds: Math.round((end.getTime() - start.getTime()) / 1000),
  });
  statusEvents(ctx, callId, start, start, end, "completed");
  const taskId = `seedtask${rng.hex(16)}`;
  ctx.tasks.push({
    id: taskId, taskSid, type: "call", status: "completed", attributes, taskQueueSid: queue.taskQueueSid, queueId: queue.id,
    callSid, contactId: contact?.id ?? null, agentId: agent.id, disposition, reason: "completed",
    createdAt: enqueuedAt, assignedAt: answeredAt, wrapupAt: end, completedAt: wrapEnd, lastEventAtMs: BigInt(wrapEnd.getTime()),
  });
  const others = AGENTS_BY_QUEUE[choice]!.filter((a) => a !== agentName);
  if (others.length > 0 && rng.next() < 0.15) {
    const other = ctx.users.get(rng.pick(others))!;
    ctx.reservations.push({
      reservationSid: rng.sid("WR"), taskId, workerSid: other.workerSid, userId: other.id,
      status: rng.next() < 0.5 ? "rejected" : "timeout", createdAt: enqueuedAt,
      respondedAt: addSeconds(enqueuedAt, Math.max(1, wait - 3)), endedAt: addSeconds(enqueuedAt, Math.max(1, wait - 3)),
      lastEventAtMs: BigInt(enqueuedAt.getTime()),
    });
  }
  ctx.reservations.push({
    reservationSid: rng.sid("WR"), taskId, workerSid: agent.workerSid, userId: agent.id, status: "completed",
    createdAt: addSeconds(answeredAt, -2), respondedAt: answeredAt, endedAt: wrapEnd, lastEventAtMs: BigInt(wrapEnd.getTime()),
  });
}

function addOutboundCall(ctx: Context, start: Date) {
  const { rng } = ctx;
  const contact = rng.pick(ctx.contacts);
  const agent = ctx.users.get(rng.pick(["alice", "bob", "sam"]))!;
  const callId = `seedcall${rng.hex(16)}`;
  const answered = rng.next() < 0.7;
  const answeredAt = answered ? addSeconds(start, rng.int(5, 20)) : null;
  const end = answeredAt ? addSeconds(answeredAt, Math.round(rng.logNormal(180, 0.5))) : addSeconds(start, 30);
  if (end > ctx.now) return;
  const status = answered ? "completed" : rng.pick(["no-answer", "busy"]);
  ctx.calls.push({
    // The customer's leg of an agent's outbound task call, dialed over the Participants API.
    id: callId, callSid: rng.sid("CA"), direction: "outbound-api",
    from: DEMO_BUSINESS_NUMBER, to: contact.phone, status, statusSequence: answered ? 3 : 2,
    contactId: contact.id, agentId: agent.id, outcome: answered ? "answered" : "missed",
    disposition: answered ? rng.pick(["resolved", "follow_up", "sale"]) : null,
    startedAt: start, answeredAt, endedAt: end, createdAt: start,
    durationSeconds: answeredAt ? Math.round((end.getTime() - answeredAt.getTime()) / 1000) : 0,
  });
  statusEvents(ctx, callId, start, answeredAt, end, status);
}

const HOURLY_WEIGHT = [0, 0, 0, 0, 0, 0, 0.2, 0.5, 1.2, 1.6, 1.7, 1.5, 1.1, 1.3, 1.5, 1.4, 1.2, 0.9, 0.5, 0.3, 0.2, 0.1, 0.05, 0];

export async function seedHistory(db: PrismaClient, days = 14, now = new Date()) {
  const rng = new Random(20261121);
  const users = new Map<string, { id: string; workerSid: string }>();
  for (const u of await db.user.findMany({ select: { id: true, username: true, workerSid: true } })) {
    users.set(u.username, { id: u.id, workerSid: u.workerSid ?? rng.sid("WK") });
  }
  const queues = new Map<string, { id: string; taskQueueSid: string }>();
  for (const q of await db.queue.findMany({ select: { id: true, key: true, taskQueueSid: true } })) {
    queues.set(q.key, { id: q.id, taskQueueSid: q.taskQueueSid ?? rng.sid("WQ") });
  }
  const contacts = [];
  for (const [name, phone, company] of CONTACTS) {
    contacts.push(await db.contact.create({ data: { name, phone, company }, select: { id: true, phone: true, name: true } }));
  }

  const { ctx, intervals } = generateHistory({
    rng, now, days, users, queues,
    contacts: contacts.map((c) => ({ id: c.id, phone: c.phone!, name: c.name })),
  });

  await db.call.createMany({ data: ctx.calls });
  await db.callEvent.createMany({ data: ctx.events, skipDuplicates: true });
  await db.task.createMany({ data: ctx.tasks });
  await db.reservation.createMany({ data: ctx.reservations });
  await db.voicemail.createMany({ data: ctx.voicemails });
  await db.callbackRequest.createMany({ data: ctx.callbacks });
  await db.workerActivityInterval.createMany({ data: intervals, skipDuplicates: true });
  await seedConversations(db, ctx);
  await seedInspections(db, rng, users, now);
  return { calls: ctx.calls.length, tasks: ctx.tasks.length, voicemails: ctx.voicemails.length };
}

export type HistoryInput = Pick<Context, "rng" | "now" | "users" | "queues" | "contacts"> & { days: number };

/** The rows of `days` days of history up to `now`, without touching the database. Only finished calls. */
export function generateHistory({ days, ...input }: HistoryInput) {
  const { rng, now, users } = input;
  const ctx: Context = { ...input, calls: [], events: [], tasks: [], reservations: [], voicemails: [], callbacks: [] };
  const intervals: Prisma.WorkerActivityIntervalCreateManyInput[] = [];
  const todayStart = startOfDayInZone(now, BUSINESS_TIMEZONE);
  for (let d = days; d >= 0; d--) {
    const dayStart = startOfDayInZone(new Date(todayStart.getTime() - d * 86400_000 + 12 * 3600_000), BUSINESS_TIMEZONE);
    const weekday = new Date(dayStart.getTime() + 12 * 3600_000).getUTCDay();
    const volume = weekday === 0 ? rng.int(6, 10) : weekday === 6 ? rng.int(14, 20) : rng.int(38, 58);
    for (let i = 0; i < volume; i++) {
      const hour = rng.weighted(HOURLY_WEIGHT.map((w, h) => [h, w] as const));
      const start = addSeconds(dayStart, hour * 3600 + rng.int(0, 3599));
      if (start < now) addInboundCall(ctx, start);
    }
    for (let i = 0; i < (weekday === 0 || weekday === 6 ? 2 : 9); i++) {
      const start = addSeconds(dayStart, rng.int(9, 17) * 3600 + rng.int(0, 3599));
      if (start < now) addOutboundCall(ctx, start);
    }
    if (weekday !== 0 && weekday !== 6) {
      for (const name of ["alice", "bob", "sam"]) {
        const u = users.get(name)!;
        const shiftStart = addSeconds(dayStart, 8 * 3600 + rng.int(-600, 900));
        const lunch = addSeconds(dayStart, 12 * 3600 + rng.int(0, 1800));
        const back = addSeconds(lunch, rng.int(1500, 2400));
        const shiftEnd = addSeconds(dayStart, 17 * 3600 + rng.int(-900, 1800));
        const spans: [string, Date, Date][] = [["Available", shiftStart, lunch], ["Break", lunch, back], ["Available", back, shiftEnd]];
        for (const [activityName, startedAt, endedAt] of spans) {
          if (startedAt >= now) continue;
          const end = endedAt > now ? null : endedAt;
          intervals.push({
            userId: u.id, workerSid: u.workerSid, activityName, startedAt, endedAt: end,
            durationMs: end ? end.getTime() - startedAt.getTime() : null,
          });
        }
      }
    }
  }

  return { ctx, intervals };
}

async function seedConversations(db: PrismaClient, ctx: Context) {
  const { rng, now } = ctx;
  const scripts: [string, string][][] = [
    [["in", "Hi, is my order #4411 shipped yet?"], ["out", "Hi! Yes, it left the warehouse this morning. Tracking is on its way."], ["in", "Great, thanks!"]],
    [["in", "Can someone call me about a quote?"], ["out", "Of course, an agent will call you within the hour."]],
    [["in", "Hola, ¿tienen servicio a Valencia?"], ["out", "¡Hola! Sí, tenemos salidas semanales a Valencia."], ["in", "Perfecto, gracias."]],
    [["out", "Your inspection is confirmed for Thursday 10:00. Reply C to confirm."], ["in", "C"]],
    [["in", "The photos for claim CLM-2026-0417 are attached."], ["out", "Received, thank you. We'll review them today."]],
    [["in", "STOP"]],
  ];
  for (const [i, script] of scripts.entries()) {
    const contact = ctx.contacts[i * 3 % ctx.contacts.length]!;
    const channel = i === 2 ? "WHATSAPP" : "SMS";
    let at = new Date(now.getTime() - rng.int(1, 12 * 24) * 3600_000);
    const conversation = await db.conversation.create({
      data: { channel, customerAddress: contact.phone, businessAddress: DEMO_BUSINESS_NUMBER, contactId: contact.id, status: i < 2 ? "open" : "closed", lastMessageAt: at, createdAt: at },
    });
    for (const [direction, body] of script) {
      at = addSeconds(at, rng.int(30, 900));
      const inbound = direction === "in";
      const prefix = channel === "WHATSAPP" ? "whatsapp:" : "";
      await db.message.create({
        data: {
          messageSid: rng.sid("SM"), conversationId: conversation.id, direction: inbound ? "inbound" : "outbound",
          from: prefix + (inbound ? contact.phone : DEMO_BUSINESS_NUMBER), to: prefix + (inbound ? DEMO_BUSINESS_NUMBER : contact.phone),
          body, status: inbound ? "received" : "delivered", senderId: inbound ? null : ctx.users.get("alice")!.id,
          sentAt: at, deliveredAt: inbound ? null : addSeconds(at, 3), createdAt: at,
        },
      });
      if (inbound && body === "STOP") {
        await db.optOut.create({ data: { address: contact.phone, channel, keyword: "STOP", optedOutAt: at } });
      }
    }
    await db.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: at } });
  }
}

async function seedInspections(db: PrismaClient, rng: Random, users: Map<string, { id: string }>, now: Date) {
  const sam = users.get("sam")!.id;
  const day = 86400_000;
  const done = [
    { subject: "Hull survey – MV Nordic Star", reference: "IMO 9321483", ago: 5, guest: "Capt. H. Jensen (surveyor)", minutes: 38 },
    { subject: "Water damage claim – warehouse 4", reference: "CLM-2026-0417", ago: 2, guest: "Priya Patel (policyholder)", minutes: 21 },
  ];
  for (const item of done) {
    const start = new Date(now.getTime() - item.ago * day - 3 * 3600_000);
    const end = new Date(start.getTime() + item.minutes * 60_000);
    const inspection = await db.inspection.create({
      data: { subject: item.subject, reference: item.reference, scheduledAt: start, status: "completed", createdById: sam, assigneeId: sam, startedAt: start, endedAt: end, notes: "Completed without findings requiring follow-up.", createdAt: new Date(start.getTime() - day) },
    });
    const room = await db.videoRoom.create({
      data: { roomSid: rng.sid("RM"), uniqueName: `insp-${inspection.id}`, inspectionId: inspection.id, status: "completed", startedAt: start, endedAt: end, durationSeconds: item.minutes * 60 },
    });
    await db.videoParticipant.createMany({
      data: [
        { participantSid: rng.sid("PA"), roomId: room.id, identity: "sam", displayName: "Sam Okafor", status: "disconnected", joinedAt: start, leftAt: end, durationSeconds: item.minutes * 60 },
        { participantSid: rng.sid("PA"), roomId: room.id, identity: `guest-${rng.hex(8)}`, displayName: item.guest, status: "disconnected", joinedAt: new Date(start.getTime() + 90_000), leftAt: new Date(end.getTime() - 30_000), durationSeconds: item.minutes * 60 - 120 },
      ],
    });
  }
  await db.inspection.create({
    data: { subject: "Reefer container check", reference: "MSKU 123456-7", scheduledAt: new Date(now.getTime() + day), status: "scheduled", createdById: sam, assigneeId: sam },
  });
}
