export { Button } from './Button';
export type { ButtonProps, ButtonVariant } from './Button';
export { Checkbox } from './Checkbox';
export type { CheckboxProps } from './Checkbox';
export { SelectField } from './SelectField';
export type { SelectFieldProps, SelectOption } from './SelectField';
export { TextField } from './TextField';
export type { TextFieldProps } from './TextField';
