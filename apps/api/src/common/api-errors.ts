import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** Every error: `{ success: false, error, code, requestId }`, plus the field at fault when known. */
export class ErrorResponse {
  @ApiProperty({ example: false }) success!: false;
  @ApiProperty({ description: 'What went wrong, for a person.', example: 'No campaign 0b9f2c1e-… in this workspace.' }) error!: string;
  @ApiProperty({ description: 'Stable error code (see the README’s Errors).', example: 'NOT_FOUND' }) code!: string;
  @ApiProperty({ example: 'baed2df5-ded3-4bc6-9c4a-8261a7f59762' }) requestId!: string;
  @ApiPropertyOptional({ description: 'The request field at fault.', example: 'sequenceId' }) field?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

/** Errors a route can answer, with the codes behind each status (every one in the ErrorResponse envelope). */
const ERRORS = {
  400: 'VALIDATION_FAILED: a field is missing or wrong; `field` names it.',
  401: 'UNAUTHORIZED: no API key, or a wrong one.',
  404: 'NOT_FOUND: no such resource in this workspace.',
  409: 'CAMPAIGN_STATE_INVALID, SEQUENCE_NOT_PUBLISHED or CONFLICT: not in a state that allows this (the message says what applies); IDEMPOTENCY_IN_PROGRESS: the same Idempotency-Key is still running.',
  422: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body.',
  429: 'API_RATE_LIMITED: past the key\'s requests per minute; see Retry-After.',
  503: 'SERVICE_UNAVAILABLE: Postgres or Temporal does not answer; see Retry-After.',
} as const;
export type ErrorStatus = keyof typeof ERRORS;

/** Documents the error answers of a route; 401, 429 and 503 apply to every authenticated route and are always added. */
export function ApiErrors(...statuses: ErrorStatus[]) {
  const all = [...new Set<ErrorStatus>([...statuses, 401, 429, 503])].sort();
  return applyDecorators(...all.map((status) => ApiResponse({ status, description: ERRORS[status], type: ErrorResponse })));
}
