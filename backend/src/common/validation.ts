import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Errors, FieldError } from './domain-error';
import { fieldErrorOf } from './field-errors';

/**
 * One entry per field: "is required" when it is missing, "is not a known field" for extras, else every rule it breaks.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    if (constraints['whitelistValidation']) out.push({ field, code: 'unknown_field', message: 'is not a known field' });
    else if (Object.keys(constraints).length) {
      if (error.value === undefined) out.push({ field, code: 'required', message: 'is required' });
      else out.push({ field, ...fieldErrorOf(constraints), message: Object.values(constraints).map(plain).join('; ') });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** class-validator says "name must be …"; the field is already named, so drop the leading property name. */
const plain = (message: string) => message.replace(/^\S+ (?=must|should|is )/, '');

/** The global pipe: unknown fields rejected, types transformed, every problem named by its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => Errors.validation(flattenValidationErrors(errors)),
  });
}
