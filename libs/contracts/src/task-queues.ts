// Task queue names, shared by the worker that polls them and the workflows and clients that address them.

export const WORKFLOW_TASK_QUEUE = 'threadline';
/** The rate-limited queue: only send slots run here, with the LinkedIn member's key as fairness key. */
export const SEND_SLOT_TASK_QUEUE = 'linkedin-send';
/** Realtime streams are long, mostly idle activities: they get their own queue and slot budget. */
export const REALTIME_TASK_QUEUE = 'linkedin-realtime';
