// A labelled text input of the pull forms, with its problem shown once the form was submitted.

import type React from 'react';

interface TextFieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  label: string;
  value: string;
  onValue: (value: string) => void;
  /** The problem with this value, shown only after a first submit (`touched`). */
  problem?: string;
  touched: boolean;
}

export function TextField({ label, value, onValue, problem, touched, ...input }: TextFieldProps) {
  return (
    <label className="field">
      {label}
      <input type="text" value={value} onChange={(e) => onValue(e.target.value)} aria-invalid={touched && !!problem} {...input} />
      {touched && problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}
