import { IsEmail, IsInt, IsOptional, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { fieldErrorOf } from './field-errors';
import { flattenValidationErrors } from './validation';

class Inner {
  @IsInt() count: number;
}
class Body {
  @IsEmail() @MaxLength(10) email: string;
  @IsOptional() @IsInt() age?: number;
  @IsOptional() @ValidateNested() @Type(() => Inner) inner?: Inner;
}

describe('flattenValidationErrors', () => {
  it('names each field once: missing, wrong and nested', () => {
    const body = Object.assign(new Body(), { age: 'x', inner: Object.assign(new Inner(), { count: 'y' }) });
    const errors = flattenValidationErrors(validateSync(body));
    expect(errors).toEqual([
      { field: 'email', code: 'required', message: 'is required' },
      { field: 'age', code: 'not_integer', message: 'must be an integer number' },
      { field: 'inner.count', code: 'not_integer', message: 'must be an integer number' },
    ]);
  });

  it('joins every broken rule of a present value', () => {
    const body = Object.assign(new Body(), { email: 'not-an-email-and-long' });
    expect(flattenValidationErrors(validateSync(body))).toEqual([
      {
        field: 'email',
        code: 'too_long',
        params: { max: 10 },
        message: 'must be shorter than or equal to 10 characters; must be an email',
      },
    ]);
  });

  it('gives each broken rule a code with the numbers and values the words need', () => {
    expect(fieldErrorOf({ minLength: 'name must be longer than or equal to 2 characters' })).toEqual({
      code: 'too_short',
      params: { min: 2 },
    });
    expect(fieldErrorOf({ isIn: 'phase must be one of the following values: plan, act, observe' })).toEqual({
      code: 'not_one_of',
      params: { allowed: ['plan', 'act', 'observe'] },
    });
    expect(fieldErrorOf({ max: 'limit must not be greater than 200' })).toEqual({
      code: 'too_large',
      params: { max: 200 },
    });
    expect(fieldErrorOf({ somethingCustom: 'is odd' })).toEqual({ code: 'invalid' });
  });
});
