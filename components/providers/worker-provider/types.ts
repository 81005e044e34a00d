/**
 * The parts of `twilio-taskrouter`'s Worker, Activity, Reservation and Task the console uses. The
 * real SDK objects satisfy these; unit tests pass EventEmitter fakes.
 */
import type { Emitter } from "../device-provider/types";

export interface WorkerActivity {
  readonly sid: string;
  readonly name: string;
  readonly available: boolean;
  setAsCurrent(): Promise<unknown>;
}

export interface WorkerTask {
  readonly sid: string;
  readonly attributes: Record<string, unknown>;
  readonly queueName?: string;
  readonly age?: number;
  readonly status: string;
  readonly dateCreated?: Date;
}

export interface WorkerReservation extends Emitter {
  readonly sid: string;
  readonly status: string;
  readonly timeout?: number;
  readonly dateCreated?: Date;
  readonly task: WorkerTask;
}

export interface TaskRouterWorker extends Emitter {
  readonly sid: string;
  readonly activity?: WorkerActivity;
  readonly activities: Map<string, WorkerActivity>;
  readonly reservations: Map<string, WorkerReservation>;
  readonly dateActivityChanged?: Date;
  updateToken(token: string): void;
  disconnect(): void;
}

export type WorkerStatus = "connecting" | "ready" | "disconnected" | "failed";

/** One reservation as a snapshot the UI renders from. */
export interface TrackedReservation {
  sid: string;
  status: string;
  reservation: WorkerReservation;
  task: WorkerTask;
  /** When the reservation reached this page (for the accept countdown). */
  receivedAt: number;
}
