import { ValidateIf } from 'class-validator';

/** Optional, but never null: for PATCH fields that cannot be cleared (`@IsOptional()` lets null through to a NOT NULL column). */
export const IsOptionalNonNull = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);
