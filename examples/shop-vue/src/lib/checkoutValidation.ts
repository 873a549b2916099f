// Validation for the checkout form. Each rule returns an error message or ''.

export interface CheckoutForm {
  fullName: string;
  email: string;
  address: string;
  city: string;
  postalCode: string;
}

export type CheckoutErrors = Partial<Record<keyof CheckoutForm, string>>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POSTAL_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 -]{2,9}$/;

export function validateFullName(value: string): string {
  return value.trim() === '' ? 'Full name is required' : '';
}

export function validateEmail(value: string): string {
  if (value.trim() === '') {
    return 'Email is required';
  }
  return EMAIL_PATTERN.test(value.trim()) ? '' : 'Email is invalid';
}

export function validateAddress(value: string): string {
  return value.trim() === '' ? 'Address is required' : '';
}

export function validateCity(value: string): string {
  return value.trim() === '' ? 'City is required' : '';
}

export function validatePostalCode(value: string): string {
  if (value.trim() === '') {
    return 'Postal code is required';
  }
  return POSTAL_CODE_PATTERN.test(value.trim()) ? '' : 'Postal code is invalid';
}

/** Runs every field rule and returns only the fields that have an error. */
export function validateCheckout(form: CheckoutForm): CheckoutErrors {
  const errors: CheckoutErrors = {
    fullName: validateFullName(form.fullName),
    email: validateEmail(form.email),
    address: validateAddress(form.address),
    city: validateCity(form.city),
    postalCode: validatePostalCode(form.postalCode),
  };
  for (const field of Object.keys(errors) as (keyof CheckoutForm)[]) {
    if (!errors[field]) {
      delete errors[field];
    }
  }
  return errors;
}
