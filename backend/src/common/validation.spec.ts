import { IsEmail, IsInt, IsOptional, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
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
      { field: 'email', message: 'is required' },
      { field: 'age', message: 'must be an integer number' },
      { field: 'inner.count', message: 'must be an integer number' },
    ]);
  });

  it('joins every broken rule of a present value', () => {
    const body = Object.assign(new Body(), { email: 'not-an-email-and-long' });
    expect(flattenValidationErrors(validateSync(body))).toEqual([
      { field: 'email', message: 'must be shorter than or equal to 10 characters; must be an email' },
    ]);
  });
});
