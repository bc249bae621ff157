import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { conversationUrnProblem, messageUrnProblem, PERSON_REF_KINDS, type PersonRefKind, personRefProblem } from '@threadline/domain';

type Problem = (value: string) => string | null;

// With `each`, the message names the first bad item by its index.
function refValidator(name: string, problem: Problem, options?: ValidationOptions): PropertyDecorator {
  const problemOf = (value: unknown): string | null => (typeof value === 'string' ? problem(value) : 'must be a string');
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => problemOf(value) === null,
        defaultMessage: (args?: ValidationArguments) => {
          if (!Array.isArray(args?.value)) return problemOf(args?.value) ?? 'is invalid';
          const index = args.value.findIndex((item) => problemOf(item) !== null);
          return `item ${index} ${problemOf(args.value[index])}`;
        },
      },
    },
    options,
  );
}

/** A LinkedIn person: profile URN, profile id, member id, profile URL or vanity name (the forms in `accept`). */
export function IsPersonRef(accept: readonly PersonRefKind[] = PERSON_REF_KINDS, options?: ValidationOptions): PropertyDecorator {
  return refValidator('isPersonRef', (value) => personRefProblem(value, accept), options);
}

/** A conversation URN: `urn:li:msg_conversation:(…)`, a shared thread URN, or `urn:li:salesNav_thread:<id>`. */
export function IsConversationUrn(options?: ValidationOptions): PropertyDecorator {
  return refValidator('isConversationUrn', conversationUrnProblem, options);
}

/** A message URN: `urn:li:msg_message:(…)` or the shared `urn:li:messagingMessage:2-…`. */
export function IsMessageUrn(options?: ValidationOptions): PropertyDecorator {
  return refValidator('isMessageUrn', messageUrnProblem, options);
}
