import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { LeadRunState } from '../../libs/contracts/src/sequences';
import {
  leadPauseSignal, leadReplySignal, leadResumeSignal, leadRetryStepSignal, leadSkipStepSignal, leadStateQuery, leadStopSignal,
  retryLeadStepUpdate, skipLeadStepUpdate, stopLeadUpdate,
} from '../../libs/contracts/src/sequences';
import { controlRefusal, type LeadControl, type LeadEvent, type LeadMachine } from '../../libs/domain/src/sequences/lead-machine';

/** The lead's machine as the workflow holds it: read it, or apply an event to it. */
export interface LeadHolder {
  get(): LeadMachine;
  apply(event: LeadEvent): void;
}

/**
 * Registers every message a lead run answers. Signals only set what they ask for; the control updates
 * are validated first (a refusal is not recorded in history and reaches the caller as CAMPAIGN_STATE_INVALID)
 * and answer the run's state once applied.
 */
export function answerLeadRequests(lead: LeadHolder, view: () => LeadRunState): void {
  setHandler(leadReplySignal, (reply) => lead.apply({ type: 'reply', reply }));
  setHandler(leadPauseSignal, () => lead.apply({ type: 'pause' }));
  setHandler(leadResumeSignal, () => lead.apply({ type: 'resume' }));
  setHandler(leadStopSignal, (stop) => lead.apply({ type: 'stop', stop }));
  setHandler(leadSkipStepSignal, () => lead.apply({ type: 'skip' }));
  setHandler(leadRetryStepSignal, () => lead.apply({ type: 'retry' }));
  setHandler(leadStateQuery, view);

  const refuseUnless = (control: LeadControl): void => {
    const refusal = controlRefusal(lead.get(), control);
    if (refusal) throw ApplicationFailure.create({ type: 'CAMPAIGN_STATE_INVALID', message: refusal, nonRetryable: true });
  };
  const answer = (event: LeadEvent): LeadRunState => {
    lead.apply(event);
    return view();
  };
  setHandler(stopLeadUpdate, ({ reason }) => answer({ type: 'stop', stop: { state: 'stopped', reason } }), { validator: (_request: { reason: string }) => refuseUnless('stop') });
  setHandler(skipLeadStepUpdate, () => answer({ type: 'skip' }), { validator: () => refuseUnless('skip') });
  setHandler(retryLeadStepUpdate, () => answer({ type: 'retry' }), { validator: () => refuseUnless('retry') });
}
