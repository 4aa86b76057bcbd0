import type { ReactNode } from 'react';

type Props = {
  id: string;
  label: string;
  error?: string | undefined;
  className?: string;
  children: ReactNode;
};

/** A labelled form control with its error beneath; the control itself gets `id` and `errorProps(id, error)`. */
export function Field({ id, label, error, className, children }: Props) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The error under the control `id` (see `errorProps`), or nothing. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="field-error">
      {error}
    </p>
  ) : null;
}

export function errorProps(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}
