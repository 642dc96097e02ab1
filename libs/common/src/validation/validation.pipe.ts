import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ProblemException } from '../problem/problem';

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; code: string; message: string }> {
  const out: Array<{ field: string; code: string; message: string }> = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property || 'body';
    for (const [code, text] of Object.entries(error.constraints ?? {})) {
      out.push({ field, code: code === 'whitelistValidation' ? 'unknown_field' : code, message: text });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/**
 * Global validation: unknown fields are refused (not silently dropped), every
 * field problem is listed, and payloads are turned into DTO instances.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new ProblemException(400, 'validation_failed', { count: fields.length }, fields);
    },
  });
}
