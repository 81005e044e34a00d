/**
 * Conferences (docs/twilio-contract.md §2.8, §3): start/end rules, wait and hold music, mute,
 * coach (whisper), record-from-start, participant labels, the Participants API, conference
 * status callbacks, and the media routing that follows from all of it.
 */
import type { ConferenceParticipantOptions, PromptSpec } from "../core/types";
import type { XmlElement } from "../core/xml";
import type { DialOutcome } from "./dial";
import { HOLD_MUSIC_URL } from "./interpreter";
import { isTerminal, type Call, type Conference, type Method, type Participant } from "./model";
import { parseBool, parseMethod, parseNumber, timestamp } from "./params";
import { ABORTED, deferred, Run } from "./run";
import type { RecordingHandle } from "./recordings";
import type { VoiceEngine } from "./voice-engine";

export interface JoinOptions {
  label?: string | null;
  muted?: boolean;
  hold?: boolean;
  beep?: string;
  startConferenceOnEnter?: boolean;
  endConferenceOnExit?: boolean;
  coaching?: boolean;
  callSidToCoach?: string | null;
  waitUrl?: string | null;
  waitMethod?: Method;
  maxParticipants?: number;
  record?: boolean;
  statusCallback?: string | null;
  statusCallbackMethod?: Method;
  statusCallbackEvents?: string[];
  recordingStatusCallback?: string | null;
  recordingStatusCallbackMethod?: Method;
  recordingStatusCallbackEvents?: string[];
}

interface LiveParticipant {
  left: ReturnType<typeof deferred<string>>;
  waitRun: Run | null;
  waitingFor: "start" | "hold" | null;
}

const DEFAULT_MUSIC: PromptSpec = { kind: "play", url: HOLD_MUSIC_URL, loop: 0 };

export class Conferences {
  private readonly live = new Map<string, LiveParticipant>();
  private readonly recordings = new Map<string, RecordingHandle>();

  constructor(private readonly engine: VoiceEngine) {
    engine.core.conferenceRoutes = () => this.routes();
  }

  private get core() {
    return this.engine.core;
  }

  get(sid: string): Conference | undefined {
    return this.core.state.conferences.find((c) => c.sid === sid);
  }

  /** The live (not completed) conference with this friendly name. */
  byName(name: string): Conference | undefined {
    return this.core.state.conferences.find(
      (c) => c.friendlyName === name && c.status !== "completed",
    );
  }

  /** A conference SID, or a friendly name (Twilio accepts both in Participants URLs). */
  resolve(sidOrName: string): Conference | undefined {
    return this.get(sidOrName) ?? this.byName(sidOrName);
  }

  getOrCreate(name: string, options: JoinOptions = {}): Conference {
    const existing = this.byName(name);
    if (existing) {
      if (!existing.statusCallback && options.statusCallback)
        this.applyCallbacks(existing, options);
      return existing;
    }
    const now = this.core.now();
    const conference: Conference = {
      sid: this.core.ctx.sids.next("CF"),
      friendlyName: name,
      status: "init",
      dateCreated: now,
      dateUpdated: now,
      startTime: null,
      participants: [],
      history: [],
      reasonConferenceEnded: null,
      callSidEndingConference: null,
      statusCallback: null,
      statusCallbackMethod: "POST",
      statusCallbackEvents: [],
      sequence: 0,
      record: options.record ?? false,
      recordingStatusCallback: options.recordingStatusCallback ?? null,
      recordingStatusCallbackMethod: options.recordingStatusCallbackMethod ?? "POST",
      recordingStatusCallbackEvents: options.recordingStatusCallbackEvents ?? ["completed"],
      recordingSid: null,
      maxParticipants: options.maxParticipants ?? 250,
    };
    this.applyCallbacks(conference, options);
    this.core.state.conferences.push(conference);
    this.emit(conference);
    return conference;
  }

  private applyCallbacks(conference: Conference, options: JoinOptions) {
    if (!options.statusCallback) return;
    conference.statusCallback = options.statusCallback;
    conference.statusCallbackMethod = options.statusCallbackMethod ?? "POST";
    conference.statusCallbackEvents = options.statusCallbackEvents ?? ["start", "end"];
    if (conference.statusCallbackEvents.includes("speaker")) {
      this.core.ctx.debugger.report({
        level: "unsupported",
        code: 0,
        message:
          "Conference statusCallbackEvent 'speaker' needs voice activity detection; not emulated",
        resourceSid: conference.sid,
      });
    }
  }

  emit(conference: Conference) {
    this.core.ctx.emit("conference.updated", this.view(conference));
  }

  view(c: Conference) {
    return {
      sid: c.sid,
      friendlyName: c.friendlyName,
      status: c.status,
      participants: c.participants.map((p) => ({
        callSid: p.callSid,
        label: p.label,
        status: p.status,
        muted: p.muted,
        hold: p.hold,
        coaching: p.coaching,
        callSidToCoach: p.callSidToCoach,
        endConferenceOnExit: p.endConferenceOnExit,
      })),
      recordingSid: c.recordingSid,
    };
  }

  participant(conference: Conference, callSidOrLabel: string): Participant | undefined {
    return (
      conference.participants.find((p) => p.callSid === callSidOrLabel) ??
      conference.participants.find((p) => p.label === callSidOrLabel)
    );
  }

  /** <Dial><Conference>: joins and waits until this leg leaves the conference. */
  async dialConference(
    call: Call,
    run: Run,
    noun: XmlElement,
    docUrl: string | null,
  ): Promise<DialOutcome> {
    const a = noun.attrs;
    const interp = this.engine.interpreter;
    const record = (a.record ?? "do-not-record").toLowerCase();
    if (record === "true") {
      this.core.ctx.debugger.report({
        level: "warning",
        code: 12200,
        message: "<Conference record> takes record-from-start or do-not-record, not true",
        resourceSid: call.sid,
      });
    }
    if (a.eventCallbackUrl)
      this.core.ctx.debugger.report({
        level: "unsupported",
        code: 0,
        message: "<Conference eventCallbackUrl> (deprecated) is not emulated",
        resourceSid: call.sid,
      });
    if (call.status === "ringing" && call.direction === "inbound")
      this.core.setStatus(call, "in-progress");
    const options: JoinOptions = {
      label: a.participantLabel ?? null,
      muted: parseBool(a.muted, false),
      beep: a.beep ?? "true",
      startConferenceOnEnter: parseBool(a.startConferenceOnEnter, true),
      endConferenceOnExit: parseBool(a.endConferenceOnExit, false),
      coaching: Boolean(a.coach),
      callSidToCoach: a.coach || null,
      waitUrl:
        a.waitUrl === undefined ? null : a.waitUrl === "" ? "" : interp.resolve(a.waitUrl, docUrl),
      waitMethod: parseMethod(a.waitMethod),
      maxParticipants: parseNumber(a.maxParticipants, 250),
      record: record === "record-from-start",
      statusCallback: a.statusCallback ? interp.resolve(a.statusCallback, docUrl) : null,
      statusCallbackMethod: parseMethod(a.statusCallbackMethod),
      statusCallbackEvents: (a.statusCallbackEvent ?? "start end").split(/[\s,]+/).filter(Boolean),
      recordingStatusCallback: a.recordingStatusCallback
        ? interp.resolve(a.recordingStatusCallback, docUrl)
        : null,
      recordingStatusCallbackMethod: parseMethod(a.recordingStatusCallbackMethod),
      recordingStatusCallbackEvents: (a.recordingStatusCallbackEvent ?? "completed")
        .split(/[\s,]+/)
        .filter(Boolean),
    };
    const conference = this.getOrCreate(noun.text, options);
    const result = await this.join(call, run, conference, options);
    return {
      status: result === "full" ? "failed" : "answered",
      bridged: result !== "full",
      extra: { ConferenceSid: conference.sid },
    };
  }

  /** Puts a live leg into a conference and resolves when it leaves ("full" when it could not join). */
  async join(
    call: Call,
    run: Run,
    conference: Conference,
    options: JoinOptions,
    existing?: Participant,
  ): Promise<"left" | "full" | "aborted"> {
    if (conference.status === "completed") return "full";
    const connected = conference.participants.filter((p) => p.status === "connected");
    if (!existing && connected.length >= conference.maxParticipants) {
      this.core.ctx.debugger.report({
        level: "warning",
        code: 13230,
        message: `Conference ${conference.friendlyName} is full`,
        resourceSid: call.sid,
      });
      return "full";
    }
    if (options.record && !conference.record && conference.status === "init")
      conference.record = true;
    if (options.recordingStatusCallback && !conference.recordingStatusCallback)
      conference.recordingStatusCallback = options.recordingStatusCallback;
    const now = this.core.now();
    const participant: Participant = existing ?? {
      callSid: call.sid,
      label: options.label ?? null,
      muted: options.muted ?? false,
      hold: options.hold ?? false,
      holdUrl: null,
      holdMethod: "GET",
      coaching: options.coaching ?? false,
      callSidToCoach: options.callSidToCoach ?? null,
      startConferenceOnEnter: options.startConferenceOnEnter ?? true,
      endConferenceOnExit: options.endConferenceOnExit ?? false,
      beep: options.beep ?? "true",
      status: "connected",
      waitUrl: options.waitUrl ?? null,
      waitMethod: options.waitMethod ?? "POST",
      dateCreated: now,
      dateUpdated: now,
      queueTime: 0,
    };
    participant.status = "connected";
    participant.dateUpdated = now;
    if (!existing) conference.participants.push(participant);
    if (!conference.history.includes(call.sid)) conference.history.push(call.sid);
    const live: LiveParticipant = { left: deferred<string>(), waitRun: null, waitingFor: null };
    this.live.set(call.sid, live);
    call.activity = { kind: "conference", conferenceSid: conference.sid };
    this.core.emitCall(call);
    this.event(conference, "participant-join", participant);
    this.maybeStart(conference);
    this.refresh(conference);
    const result = await run.race(live.left.promise);
    if (result === ABORTED) {
      // A hangup or a redirect took the leg out of the conference.
      this.remove(
        conference,
        call.sid,
        isTerminal(call.status) ? "participant_hung_up" : "participant_updated_via_api",
      );
      return "aborted";
    }
    return "left";
  }

  private maybeStart(conference: Conference) {
    if (conference.status !== "init") return;
    const connected = conference.participants.filter((p) => p.status === "connected");
    if (connected.length < 2 || !connected.some((p) => p.startConferenceOnEnter)) return;
    conference.status = "in-progress";
    conference.startTime = this.core.now();
    conference.dateUpdated = this.core.now();
    this.event(conference, "conference-start");
    if (conference.record) {
      const handle = this.engine.recordings.start({
        callSid: connected[0]!.callSid,
        conferenceSid: conference.sid,
        legs: connected.map((p) => p.callSid),
        source: "Conference",
        channels: 1,
        statusCallback: conference.recordingStatusCallback,
        statusCallbackMethod: conference.recordingStatusCallbackMethod,
        statusCallbackEvents: conference.recordingStatusCallbackEvents,
      });
      conference.recordingSid = handle.sid;
      this.recordings.set(conference.sid, handle);
    }
  }

  /** Starts or stops each participant's wait/hold music and pushes the new routing. */
  refresh(conference: Conference) {
    for (const p of conference.participants) {
      if (p.status !== "connected") continue;
      const live = this.live.get(p.callSid);
      const call = this.core.call(p.callSid);
      if (!live || !call) continue;
      const want: "start" | "hold" | null = p.hold
        ? "hold"
        : conference.status === "init"
          ? "start"
          : null;
      if (want === live.waitingFor) continue;
      live.waitRun?.abort("wait over");
      live.waitRun = null;
      live.waitingFor = want;
      const rt = this.core.runtime(p.callSid);
      rt.prompt = null;
      if (!want) continue;
      const url = want === "hold" ? p.holdUrl : p.waitUrl;
      if (url === "") continue; // waitUrl="" means silence
      if (url) {
        const waitRun = new Run();
        live.waitRun = waitRun;
        void this.engine.interpreter.execute(
          call,
          waitRun,
          { kind: "url", url, method: want === "hold" ? p.holdMethod : p.waitMethod },
          "conference-wait",
        );
      } else rt.prompt = DEFAULT_MUSIC;
    }
    conference.dateUpdated = this.core.now();
    this.emit(conference);
    this.core.updateRouting();
  }

  /** Takes a participant out; ends the conference when the rules say so. */
  remove(conference: Conference, callSid: string, reason: string) {
    const participant = conference.participants.find((p) => p.callSid === callSid);
    if (!participant) return;
    conference.participants = conference.participants.filter((p) => p !== participant);
    const live = this.live.get(callSid);
    this.live.delete(callSid);
    live?.waitRun?.abort("left");
    const call = this.core.call(callSid);
    if (call) {
      this.core.runtime(callSid).prompt = null;
      if (!isTerminal(call.status)) call.activity = { kind: "idle" };
    }
    const wasConnected = participant.status === "connected";
    participant.status = "complete";
    if (wasConnected) {
      this.event(conference, "participant-leave", participant, {
        ReasonParticipantLeft: reason,
        ParticipantCallStatus: call?.status ?? "completed",
      });
    }
    live?.left.resolve(reason);
    const kicked = reason === "participant_updated_via_api";
    if (participant.endConferenceOnExit && conference.status === "in-progress" && wasConnected) {
      this.end(
        conference,
        kicked
          ? "participant-with-end-conference-on-exit-kicked"
          : "participant-with-end-conference-on-exit-left",
        participant,
      );
    } else if (
      conference.participants.filter((p) => p.status !== "complete").length === 0 &&
      conference.status !== "completed"
    ) {
      this.end(
        conference,
        kicked ? "last-participant-kicked" : "last-participant-left",
        participant,
      );
    } else this.refresh(conference);
  }

  /** Ends a conference: everyone still in it leaves (and continues their TwiML), recordings stop. */
  end(conference: Conference, reason: string, ending: Participant | null) {
    if (conference.status === "completed") return;
    conference.status = "completed";
    conference.reasonConferenceEnded = reason;
    conference.callSidEndingConference = ending?.callSid ?? null;
    conference.dateUpdated = this.core.now();
    const leaveReason =
      reason === "conference-ended-via-api"
        ? "conference_ended_via_api"
        : "moderator_ended_conference";
    for (const p of [...conference.participants]) {
      conference.participants = conference.participants.filter((x) => x !== p);
      const live = this.live.get(p.callSid);
      this.live.delete(p.callSid);
      live?.waitRun?.abort("ended");
      const wasConnected = p.status === "connected";
      p.status = "complete";
      const call = this.core.call(p.callSid);
      if (call && !isTerminal(call.status)) {
        call.activity = { kind: "idle" };
        this.core.runtime(p.callSid).prompt = null;
        // A participant still ringing is canceled.
        if (!wasConnected) this.core.hangup(call, "canceled");
      }
      if (wasConnected)
        this.event(conference, "participant-leave", p, {
          ReasonParticipantLeft: leaveReason,
          ParticipantCallStatus: call?.status ?? "completed",
        });
      live?.left.resolve(leaveReason);
    }
    const extra: Record<string, string> = {
      ReasonConferenceEnded: reason,
      Reason: this.reasonText(reason, ending),
    };
    if (ending) {
      extra.CallSidEndingConference = ending.callSid;
      if (ending.label) extra.ParticipantLabelEndingConference = ending.label;
    }
    this.event(conference, "conference-end", null, extra);
    const handle = this.recordings.get(conference.sid);
    if (handle) {
      this.recordings.delete(conference.sid);
      void this.engine.recordings.stop(handle);
    }
    this.emit(conference);
    this.core.updateRouting();
  }

  private reasonText(reason: string, ending: Participant | null): string {
    switch (reason) {
      case "conference-ended-via-api":
        return "Conference ended via API";
      case "last-participant-left":
      case "last-participant-kicked":
        return `Call ended by last participant ${ending?.callSid ?? ""}`.trim();
      default:
        return `Participant ${ending?.callSid ?? ""} with endConferenceOnExit left the conference`;
    }
  }

  /** Conference status callback (§2.8), filtered by the conference's statusCallbackEvent list. */
  event(
    conference: Conference,
    event: string,
    participant: Participant | null = null,
    extra: Record<string, string> = {},
  ) {
    this.core.ctx.emit("conference.event", {
      conferenceSid: conference.sid,
      event,
      callSid: participant?.callSid ?? null,
    });
    if (!conference.statusCallback) return;
    const keyword = event
      .replace(/^conference-/, "")
      .replace(/^participant-/, "")
      .replace(/^(un)?(mute|hold)$/, "$2");
    if (!conference.statusCallbackEvents.includes(keyword)) return;
    const params: Record<string, string> = {
      AccountSid: this.core.ctx.account.accountSid,
      ConferenceSid: conference.sid,
      FriendlyName: conference.friendlyName,
      SequenceNumber: String(conference.sequence++),
      Timestamp: timestamp(this.core.now()),
      StatusCallbackEvent: event,
      ...extra,
    };
    if (participant) {
      Object.assign(params, {
        CallSid: participant.callSid,
        Muted: String(participant.muted),
        Hold: String(participant.hold),
        Coaching: String(participant.coaching),
        EndConferenceOnExit: String(participant.endConferenceOnExit),
        StartConferenceOnEnter: String(participant.startConferenceOnEnter),
      });
      if (participant.label) params.ParticipantLabel = participant.label;
      if (participant.callSidToCoach) params.CallSidToCoach = participant.callSidToCoach;
    }
    void this.core.ctx.webhooks.send({
      kind: "voice-status",
      url: conference.statusCallback,
      method: conference.statusCallbackMethod,
      params,
      resourceSid: conference.sid,
    });
  }

  /** Participants API / TaskRouter: dial `to` and put the answered leg into the named conference. */
  addParticipant(
    nameOrSid: string,
    options: ConferenceParticipantOptions & {
      callerId?: string;
      holdUrl?: string;
      waitMethod?: Method;
    },
  ): { call: Call; conference: Conference } {
    const join = this.joinOptions(options);
    const conference = this.resolve(nameOrSid) ?? this.getOrCreate(nameOrSid, join);
    if (conference.status !== "completed" && !conference.statusCallback && join.statusCallback)
      this.applyCallbacks(conference, join);
    const call = this.core.newCall({
      from: options.callerId ?? options.from,
      to: options.to,
      direction: "outbound-api",
      status: "queued",
      endpoint: this.core.endpointFor(options.to),
      statusCallback: options.statusCallback ?? null,
      statusCallbackEvents: options.statusCallbackEvent ?? ["completed"],
      timeoutSeconds: options.timeoutSeconds ?? 60,
    });
    const now = this.core.now();
    const participant: Participant = {
      callSid: call.sid,
      label: options.label ?? null,
      muted: options.muted ?? false,
      hold: options.hold ?? false,
      holdUrl: options.holdUrl ?? null,
      holdMethod: "GET",
      coaching: options.coaching ?? false,
      callSidToCoach: options.callSidToCoach ?? null,
      startConferenceOnEnter: options.startConferenceOnEnter ?? true,
      endConferenceOnExit: options.endConferenceOnExit ?? false,
      beep: options.beep === undefined ? "true" : String(options.beep),
      status: "queued",
      waitUrl: join.waitUrl ?? null,
      waitMethod: options.waitMethod ?? "POST",
      dateCreated: now,
      dateUpdated: now,
      queueTime: 0,
    };
    conference.participants.push(participant);
    this.emit(conference);
    void (async () => {
      participant.status = "ringing";
      const outcome = await this.core.ring(call, options.timeoutSeconds ?? 60);
      if (outcome !== "answered") {
        participant.status = "failed";
        conference.participants = conference.participants.filter((p) => p !== participant);
        if (
          conference.participants.length === 0 &&
          conference.status === "init" &&
          conference.history.length === 0
        ) {
          conference.status = "completed";
          conference.reasonConferenceEnded = "last-participant-left";
        }
        this.emit(conference);
        return;
      }
      const run = new Run();
      this.core.runtime(call.sid).run = run;
      await this.join(call, run, conference, join, participant);
      // Legs added through the API end when they leave the conference.
      this.core.hangup(call, "completed");
    })();
    return { call, conference };
  }

  joinOptions(options: Partial<ConferenceParticipantOptions>): JoinOptions {
    return {
      label: options.label ?? null,
      muted: options.muted,
      hold: options.hold,
      beep: options.beep === undefined ? undefined : String(options.beep),
      startConferenceOnEnter: options.startConferenceOnEnter,
      endConferenceOnExit: options.endConferenceOnExit,
      coaching: options.coaching,
      callSidToCoach: options.callSidToCoach ?? null,
      waitUrl: options.waitUrl ?? null,
      record: options.conferenceRecord === "record-from-start",
      statusCallback: options.conferenceStatusCallback ?? null,
      statusCallbackEvents: options.conferenceStatusCallbackEvent ?? ["start", "end"],
      recordingStatusCallback: options.recordingStatusCallback ?? null,
    };
  }

  /** Updates a participant (hold, mute, coaching…) and fires the matching events. */
  update(
    conference: Conference,
    participant: Participant,
    changes: Partial<
      Pick<
        Participant,
        | "muted"
        | "hold"
        | "holdUrl"
        | "holdMethod"
        | "coaching"
        | "callSidToCoach"
        | "endConferenceOnExit"
        | "waitUrl"
        | "label"
      >
    >,
  ) {
    const before = { ...participant };
    Object.assign(
      participant,
      Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    );
    participant.dateUpdated = this.core.now();
    if (changes.muted !== undefined && changes.muted !== before.muted)
      this.event(
        conference,
        changes.muted ? "participant-mute" : "participant-unmute",
        participant,
      );
    if (changes.hold !== undefined && changes.hold !== before.hold)
      this.event(conference, changes.hold ? "participant-hold" : "participant-unhold", participant);
    if (
      (changes.coaching !== undefined && changes.coaching !== before.coaching) ||
      (changes.callSidToCoach !== undefined && changes.callSidToCoach !== before.callSidToCoach) ||
      (changes.endConferenceOnExit !== undefined &&
        changes.endConferenceOnExit !== before.endConferenceOnExit)
    ) {
      this.event(conference, "participant-modify", participant);
    }
    this.refresh(conference);
  }

  /** Moves a live leg into a conference (TaskRouter's conference instruction). */
  moveCall(
    call: Call,
    name: string,
    options: Omit<ConferenceParticipantOptions, "from" | "to">,
  ): Conference {
    const join = this.joinOptions(options);
    const conference = this.getOrCreate(name, join);
    const rt = this.core.runtime(call.sid);
    if (rt.queueSignal) {
      rt.queueSignal({
        kind: "bridge",
        perform: async (run) => void (await this.join(call, run, conference, join)),
      });
      return conference;
    }
    rt.run?.abort("moved to conference");
    const run = new Run();
    rt.run = run;
    void (async () => {
      const result = await this.join(call, run, conference, join);
      if (result !== "aborted") this.core.hangup(call, "completed");
    })();
    return conference;
  }

  /** Who hears whom inside conferences (contributed to the engine's routing). */
  routes(): { callSid: string; hears: string[]; prompt: PromptSpec | null }[] {
    const routes: { callSid: string; hears: string[]; prompt: PromptSpec | null }[] = [];
    for (const conference of this.core.state.conferences) {
      if (conference.status === "completed") continue;
      const connected = conference.participants.filter((p) => p.status === "connected");
      for (const p of connected) {
        const prompt = this.core.runtime(p.callSid).prompt;
        if (conference.status === "init" || p.hold) {
          routes.push({ callSid: p.callSid, hears: [], prompt });
          continue;
        }
        const hears = connected
          .filter(
            (o) =>
              o !== p && !o.hold && !o.muted && (!o.coaching || o.callSidToCoach === p.callSid),
          )
          .map((o) => o.callSid);
        routes.push({ callSid: p.callSid, hears, prompt: null });
      }
    }
    return routes;
  }

  /** Called when any leg ends. */
  onCallEnded(call: Call) {
    for (const conference of this.core.state.conferences) {
      if (conference.status === "completed") continue;
      if (conference.participants.some((p) => p.callSid === call.sid))
        this.remove(conference, call.sid, "participant_hung_up");
    }
  }

  reset() {
    this.live.clear();
    this.recordings.clear();
  }
}
