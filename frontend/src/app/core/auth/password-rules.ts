import { AbstractControl, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';

/** As the API asks: at least 12 characters (a few words make a password that is long and easy to remember). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
export const passwordValidators = [
  Validators.required,
  Validators.minLength(PASSWORD_MIN),
  Validators.maxLength(PASSWORD_MAX),
];

/** A form group's validator: the repeated password is the same as the first one. */
export function sameValues(first: string, second: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const a = group.get(first)?.value;
    const b = group.get(second)?.value;
    return a && b && a !== b ? { notSame: true } : null;
  };
}
