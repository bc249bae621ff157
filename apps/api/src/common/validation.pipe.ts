import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '@threadline/domain';

function firstProblem(errors: ValidationError[], parent = ''): { field: string; message: string } {
  const e = errors[0]!;
  // Array items read as in JSON paths: `leads[2].profile`, like the sequence validator's `steps[2].template`.
  const field = !parent ? e.property : /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`;
  if (e.constraints) return { field, message: Object.values(e.constraints)[0]! };
  return firstProblem(e.children ?? [], field);
}

/** One validation pipe at the edge: unknown fields are refused, and the error names the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const { field, message } = firstProblem(errors);
      return new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { field });
    },
  });
}
