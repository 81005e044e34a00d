/**
 * How long an agent has to accept an offered task (the workflow's TaskReservationTimeout). The
 * conference instruction rings the agent's softphone for as long, so the call keeps ringing while
 * the reservation card counts down (a shorter ring left a card that could no longer be accepted).
 */
export const RESERVATION_TIMEOUT_SECONDS = 30;
