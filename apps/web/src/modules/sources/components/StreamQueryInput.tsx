import { TextField } from '../../../shared/ui/TextField';
import type { StreamOption } from '../source-platforms';

interface StreamQueryInputProps {
  stream: StreamOption | undefined;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  /** Show the example as a placeholder (the add form; the edit form shows the stored query instead). */
  withPlaceholder?: boolean;
  /** Shown instead of the field when the stream asks for no query; nothing when absent. */
  noQueryNote?: string;
}

/** The stream's query field, labelled and hinted from the platform table; shared by the add and edit forms. */
export function StreamQueryInput({ stream, value, onChange, error, withPlaceholder = false, noQueryNote }: StreamQueryInputProps) {
  if (!stream?.query) return noQueryNote ? <p className="form__aside">{noQueryNote}</p> : null;
  return (
    <TextField
      label={stream.query.label}
      name="streamQuery"
      autoComplete="off"
      {...(withPlaceholder ? { placeholder: stream.query.placeholder } : {})}
      hint={stream.query.hint}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}

/** The form's own check before sending: a stream that takes a query needs one. */
export function streamQueryError(stream: StreamOption | undefined, query: string): string | undefined {
  return stream?.query && query === '' ? `${stream.query.label} is required for this stream` : undefined;
}
